"""Secrets the server makes for itself on first use."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base


class AppSecret(Base):
    """Secrets the server makes for itself on first use (e.g. the key that hashes e-mail
    codes), so a fresh install is safe without one more setting to get right."""

    __tablename__ = "app_secrets"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime]
