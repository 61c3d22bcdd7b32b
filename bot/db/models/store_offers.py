"""Coupons a store offers for buyers to take: taking one puts a coupon in My coupons."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base


class StoreCouponOffer(Base):
    """A store coupon to take, from `claim_from` until `claim_until`, while any are left.

    `quantity` NULL is unlimited; `taken` only grows, by a conditional UPDATE, so the last
    coupon is never taken twice. The coupon a buyer takes is valid until `expires_at`.
    """

    __tablename__ = "store_coupon_offers"
    __table_args__ = (
        UniqueConstraint("store_id", "external_id"),
        CheckConstraint(
            "(discount_minor IS NULL) <> (percent_off IS NULL)", name="one_kind_of_discount"
        ),
        CheckConstraint("quantity IS NULL OR taken <= quantity", name="never_oversold"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(80))
    titles: Mapped[dict[str, Any]] = mapped_column(default=dict)
    discount_minor: Mapped[int | None] = mapped_column(BigInteger)
    percent_off: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str | None] = mapped_column(String(3))
    min_order_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    claim_from: Mapped[datetime]
    claim_until: Mapped[datetime]
    expires_at: Mapped[datetime]
    quantity: Mapped[int | None] = mapped_column(Integer)
    taken: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    withdrawn_at: Mapped[datetime | None]
