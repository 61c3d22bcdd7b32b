"""The stores a buyer saved, and when they last looked at each."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base


class FavouriteStore(Base):
    """A saved store; `seen_at` is the last visit, so the list shows what is new since."""

    __tablename__ = "favourite_stores"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    store_id: Mapped[int] = mapped_column(
        ForeignKey("stores.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    saved_at: Mapped[datetime]
    seen_at: Mapped[datetime]
    news: Mapped[bool] = mapped_column(default=False)  # opt-in push of arrivals and discounts
