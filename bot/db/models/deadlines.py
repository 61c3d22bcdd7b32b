"""Dates a buyer must not miss, which the reminder scan turns into pushes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base


class Deadline(Base):
    """A date a buyer must not miss, kept by the services whenever it changes; the scan turns
    it into reminders at fixed offsets before it."""

    __tablename__ = "deadlines"
    __table_args__ = (
        UniqueConstraint("kind", "subject_id"),
        Index("ix_deadlines_due_at", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int]
    due_at: Mapped[datetime]
