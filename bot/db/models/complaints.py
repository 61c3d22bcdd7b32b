"""A buyer's reports to the marketplace about a product, a store or a message."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.enums import ComplaintReason, ComplaintStatus, ComplaintTarget
from bot.db.models.base import Base, enum_column


class Complaint(Base):
    """A report to the marketplace about a product, a store or a message."""

    __tablename__ = "complaints"
    __table_args__ = (Index("ix_complaints_user_time", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    target: Mapped[ComplaintTarget] = mapped_column(enum_column(ComplaintTarget, 16))
    target_id: Mapped[int] = mapped_column(Integer)
    reason: Mapped[ComplaintReason] = mapped_column(enum_column(ComplaintReason, 32))
    text: Mapped[str] = mapped_column(Text, default="")
    anonymous: Mapped[bool] = mapped_column(default=False)
    status: Mapped[ComplaintStatus] = mapped_column(enum_column(ComplaintStatus, 16))
    resolution: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
