"""Questions a buyer asks a seller about a product before buying, and the seller's answers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base


class ProductQuestion(Base):
    """One question; the marketplace answers it through the API (`answer`, `answered_at`)."""

    __tablename__ = "product_questions"
    __table_args__ = (
        Index("ix_product_questions_user_time", "user_id", "asked_at"),
        Index("ix_product_questions_product", "product_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    asked_at: Mapped[datetime]
    answer: Mapped[str | None] = mapped_column(Text)
    answer_external_id: Mapped[str | None] = mapped_column(String(128))
    answered_at: Mapped[datetime | None]
    answer_read_at: Mapped[datetime | None]
