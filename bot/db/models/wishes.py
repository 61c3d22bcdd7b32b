"""A buyer's wish lists and what is in them, with the alerts each item follows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base


class WishList(Base):
    """A themed list of wishes; each buyer has one default list (`name` NULL: "My wishes")."""

    __tablename__ = "wish_lists"
    __table_args__ = (
        # One default list per buyer, made on the first wish.
        Index(
            "ix_wish_lists_one_default",
            "user_id",
            unique=True,
            sqlite_where=text("is_default"),
            postgresql_where=text("is_default"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str | None] = mapped_column(String(64))
    is_default: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]


class WishItem(Base):
    """A product in one list, with the price it had when added and what to watch for.

    `price_alerted` / `stock_alerted` say the condition holds and was pushed: the push is
    not repeated until the condition ends (they go back to False) and comes back.
    """

    __tablename__ = "wish_items"
    __table_args__ = (
        UniqueConstraint("list_id", "product_id"),
        Index("ix_wish_items_user_added", "user_id", "added_at"),
        CheckConstraint(
            "target_price_minor IS NULL OR target_price_minor > 0", name="target_positive"
        ),
        CheckConstraint(
            "drop_percent IS NULL OR (drop_percent >= 1 AND drop_percent <= 99)",
            name="drop_in_range",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("wish_lists.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), index=True
    )
    added_at: Mapped[datetime]
    added_price_minor: Mapped[int | None] = mapped_column(BigInteger)
    added_currency: Mapped[str | None] = mapped_column(String(3))
    # Alert when the price is at or below this (in the product's currency when set)...
    target_price_minor: Mapped[int | None] = mapped_column(BigInteger)
    target_currency: Mapped[str | None] = mapped_column(String(3))
    # ...or when it is this many percent below the price when added.
    drop_percent: Mapped[int | None] = mapped_column(Integer)
    back_in_stock: Mapped[bool] = mapped_column(default=False)
    price_alerted: Mapped[bool] = mapped_column(default=False)
    stock_alerted: Mapped[bool] = mapped_column(default=False)
