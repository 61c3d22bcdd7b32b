"""A store's products and every price each one had."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base


class Product(Base):
    """A product of a store; orders keep their own title and price snapshot."""

    __tablename__ = "products"
    __table_args__ = (UniqueConstraint("store_id", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"), index=True)
    external_id: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(500))
    titles: Mapped[dict[str, Any]] = mapped_column(default=dict)
    price_minor: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(String(3))
    stock: Mapped[int | None] = mapped_column(Integer)
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("categories.id", ondelete="SET NULL"), index=True
    )
    descriptions: Mapped[dict[str, Any]] = mapped_column(default=dict)
    photo_url: Mapped[str | None] = mapped_column(String(2048))  # sent to Telegram as is
    rating_average: Mapped[float | None]  # 1-5 stars, as the marketplace reports it
    rating_count: Mapped[int] = mapped_column(Integer, default=0)
    orders_count: Mapped[int] = mapped_column(Integer, default=0)  # popularity, for sorting
    created_at: Mapped[datetime]  # new arrivals are the newest of a store
    updated_at: Mapped[datetime | None]


class ProductPrice(Base):
    """Every price a product had, so price drops can be shown and pushed."""

    __tablename__ = "product_prices"
    __table_args__ = (Index("ix_product_prices_product_time", "product_id", "changed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    price_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    changed_at: Mapped[datetime]
