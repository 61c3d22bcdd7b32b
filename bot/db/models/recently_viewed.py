"""The products a buyer opened, newest first, so yesterday's links are one tap away."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base


class RecentlyViewed(Base):
    """One product a buyer (a guest too) opened, with the last time they did."""

    __tablename__ = "recently_viewed"
    __table_args__ = (Index("ix_recently_viewed_user_time", "user_id", "viewed_at"),)

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), primary_key=True
    )
    viewed_at: Mapped[datetime]
