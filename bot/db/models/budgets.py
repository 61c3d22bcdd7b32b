"""Budgets: how much of something (guesses, mails, password checks) an account, an address
or a chat has spent in the current window."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base


class SpentBudget(Base):
    """One budget of one subject in its current window. `key` names the budget and a hash of
    the subject (never an address in clear); a new window starts the count again."""

    __tablename__ = "budgets"
    __table_args__ = (Index("ix_budgets_window_start", "window_start"),)

    key: Mapped[str] = mapped_column(String(96), primary_key=True)
    window_start: Mapped[datetime]
    used: Mapped[int] = mapped_column(Integer)
