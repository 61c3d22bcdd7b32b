"""Coupons the marketplace gave a buyer: an amount or a percent off, platform-wide or for one
store, valid until a date, and used at most once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.db.models.base import Base
from bot.db.models.orders import Order
from bot.db.models.stores import Store


class Coupon(Base):
    """One coupon of one buyer.

    `external_id` is unique per buyer, not globally: the API addresses a coupon as
    `/buyers/{buyer_id}/coupons/{external_id}`, and a campaign may hand the same code to
    many buyers. `store_id` NULL means the coupon works in every store.
    """

    __tablename__ = "coupons"
    __table_args__ = (
        Index("ix_coupons_user_external", "user_id", "external_id", unique=True),
        # The Active tab: this buyer's unused coupons by expiry (used_at IS NULL is an
        # equality step for the index, expires_at the range and the order).
        Index("ix_coupons_user_active", "user_id", "used_at", "expires_at"),
        CheckConstraint(
            "(discount_minor IS NULL) <> (percent_off IS NULL)", name="one_kind_of_discount"
        ),
        CheckConstraint("discount_minor IS NULL OR discount_minor > 0", name="discount_positive"),
        CheckConstraint(
            "percent_off IS NULL OR (percent_off >= 1 AND percent_off <= 100)",
            name="percent_in_range",
        ),
        CheckConstraint("min_order_minor >= 0", name="min_order_not_negative"),
        CheckConstraint(
            "currency IS NOT NULL OR (discount_minor IS NULL AND min_order_minor = 0)",
            name="money_has_currency",
        ),
        CheckConstraint("starts_at IS NULL OR starts_at < expires_at", name="starts_before_expiry"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(64))
    store_id: Mapped[int | None] = mapped_column(
        ForeignKey("stores.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(80))
    titles: Mapped[dict[str, Any]] = mapped_column(default=dict)
    discount_minor: Mapped[int | None] = mapped_column(BigInteger)
    percent_off: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str | None] = mapped_column(String(3))
    min_order_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    starts_at: Mapped[datetime | None]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    order_id: Mapped[int | None] = mapped_column(
        ForeignKey("orders.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    store: Mapped[Store | None] = relationship(lazy="raise")
    order: Mapped[Order | None] = relationship(lazy="raise")
