"""The stores a buyer blocked: their messages and promotions never reach the buyer."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base


class BlockedStore(Base):
    """A seller the buyer blocked: their messages and promotions are hidden, never pushed."""

    __tablename__ = "blocked_stores"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    store_id: Mapped[int] = mapped_column(
        ForeignKey("stores.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime]
