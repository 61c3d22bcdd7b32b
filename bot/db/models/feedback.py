"""The buyer's feedback on an order's seller, with its photos."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base


class Feedback(Base):
    """The buyer's rating of one order's seller (one per order), an optional additional
    feedback later, and the seller's reply."""

    __tablename__ = "feedback"
    __table_args__ = (
        Index("ix_feedback_store_time", "store_id", "created_at"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
        CheckConstraint("as_described BETWEEN 1 AND 5", name="as_described_range"),
        CheckConstraint("communication BETWEEN 1 AND 5", name="communication_range"),
        CheckConstraint("shipping_speed BETWEEN 1 AND 5", name="shipping_speed_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), unique=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    rating: Mapped[int] = mapped_column(Integer)
    as_described: Mapped[int] = mapped_column(Integer)
    communication: Mapped[int] = mapped_column(Integer)
    shipping_speed: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    additional_text: Mapped[str | None] = mapped_column(Text)
    additional_at: Mapped[datetime | None]
    seller_reply: Mapped[str | None] = mapped_column(Text)
    seller_reply_at: Mapped[datetime | None]
    seller_reply_read_at: Mapped[datetime | None]  # the buyer saw the reply
    created_at: Mapped[datetime]


class FeedbackPhoto(Base):
    __tablename__ = "feedback_photos"
    __table_args__ = (Index("ix_feedback_photos_feedback", "feedback_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(ForeignKey("feedback.id", ondelete="CASCADE"))
    telegram_file_id: Mapped[str] = mapped_column(String(255))
    additional: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
