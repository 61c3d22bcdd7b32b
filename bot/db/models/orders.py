"""One order of one buyer, with its lines and the carrier's scans of its parcel."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.db.enums import CloseReason, OrderStatus, TrackingEventKind
from bot.db.models.base import Base, enum_column
from bot.db.models.stores import Store


class Order(Base):
    """One order of one buyer, with its status, money, protection, tracking and trash state."""

    __tablename__ = "orders"
    __table_args__ = (
        Index("ix_orders_buyer_status_placed", "buyer_id", "status", "placed_at"),
        Index("ix_orders_buyer_placed", "buyer_id", "placed_at"),
        Index("ix_orders_deleted_at", "deleted_at"),
        Index("ix_orders_status_tracking_checked", "status", "tracking_checked_at"),
        CheckConstraint("total_minor >= 0", name="total_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="RESTRICT"), index=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[OrderStatus] = mapped_column(enum_column(OrderStatus, 24))
    close_reason: Mapped[CloseReason | None] = mapped_column(enum_column(CloseReason, 24))
    currency: Mapped[str] = mapped_column(String(3))
    items_total_minor: Mapped[int] = mapped_column(BigInteger)
    shipping_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    total_minor: Mapped[int] = mapped_column(BigInteger)
    headline: Mapped[str] = mapped_column(String(500))
    item_count: Mapped[int] = mapped_column(Integer)
    search_text: Mapped[str] = mapped_column(Text)
    shipping_address: Mapped[dict[str, Any]]
    placed_at: Mapped[datetime]
    paid_at: Mapped[datetime | None]
    shipped_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    protection_ends_at: Mapped[datetime | None]
    protection_extended_at: Mapped[datetime | None]
    auto_confirm_at: Mapped[datetime | None]
    tracking_number: Mapped[str | None] = mapped_column(String(64))
    carrier: Mapped[str | None] = mapped_column(String(64))
    tracking_checked_at: Mapped[datetime | None]
    feedback_at: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]

    store: Mapped[Store] = relationship(lazy="raise")
    items: Mapped[list[OrderItem]] = relationship(
        back_populates="order",
        lazy="raise",
        order_by="OrderItem.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    events: Mapped[list[TrackingEvent]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )


class OrderItem(Base):
    """A line of an order: what was bought, at which price, how many."""

    __tablename__ = "order_items"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[int | None] = mapped_column(
        ForeignKey("products.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(500))
    variant: Mapped[str | None] = mapped_column(String(200))
    unit_price_minor: Mapped[int] = mapped_column(BigInteger)
    quantity: Mapped[int] = mapped_column(Integer)

    order: Mapped[Order] = relationship(back_populates="items", lazy="raise")


class TrackingEvent(Base):
    """One scan of the parcel by a carrier."""

    __tablename__ = "tracking_events"
    __table_args__ = (
        UniqueConstraint("order_id", "carrier_event_id"),
        Index("ix_tracking_events_order_time", "order_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    occurred_at: Mapped[datetime]
    kind: Mapped[TrackingEventKind | None] = mapped_column(enum_column(TrackingEventKind, 32))
    description: Mapped[str] = mapped_column(String(500), default="")
    location: Mapped[str | None] = mapped_column(String(200))
    carrier_event_id: Mapped[str | None] = mapped_column(String(128))
