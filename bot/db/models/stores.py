"""A seller's store as shown on orders, with its rating."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base


class Store(Base):
    """A seller's store as shown on orders."""

    __tablename__ = "stores"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    # Recomputed from feedback whenever it changes: share of 4-5 stars, average, count.
    rating_positive_share: Mapped[float | None]
    rating_average: Mapped[float | None]
    rating_count: Mapped[int] = mapped_column(Integer, default=0)
