"""What the marketplace integration adds: price history, order messages, link codes, the
notification outbox, outbound events and idempotency records."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.enums import MessageSender
from bot.db.models.base import Base, enum_column


class ProductPrice(Base):
    """Every price a product had, so price drops can be shown and pushed."""

    __tablename__ = "product_prices"
    __table_args__ = (Index("ix_product_prices_product_time", "product_id", "changed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    price_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    changed_at: Mapped[datetime]


class OrderMessage(Base):
    """One message about an order, between the buyer and the seller (or the platform)."""

    __tablename__ = "order_messages"
    __table_args__ = (
        UniqueConstraint("order_id", "external_id"),
        Index("ix_order_messages_order_time", "order_id", "sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    sender: Mapped[MessageSender] = mapped_column(enum_column(MessageSender, 16))
    text: Mapped[str] = mapped_column(Text)
    external_id: Mapped[str | None] = mapped_column(String(128))
    # Telegram file id of a photo the buyer sent; the text is then its caption (maybe empty).
    photo_file_id: Mapped[str | None] = mapped_column(String(255))
    sent_at: Mapped[datetime]
    read_at: Mapped[datetime | None]


class LinkCode(Base):
    """A one-time deep-link code that binds a marketplace account to a Telegram user."""

    __tablename__ = "link_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class OutboxMessage(Base):
    """A notification for a buyer, written in the transaction of the change that causes it."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_pending", "sent_at", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]]
    dedup_key: Mapped[str] = mapped_column(String(200), unique=True)
    due_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    failed_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]


class NotificationPreference(Base):
    """A kind of push the buyer turned off (or back on); no row means on."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    enabled: Mapped[bool]
    updated_at: Mapped[datetime]


class Deadline(Base):
    """A date a buyer must not miss, kept by the services whenever it changes; the scan turns
    it into reminders at fixed offsets before it."""

    __tablename__ = "deadlines"
    __table_args__ = (
        UniqueConstraint("kind", "subject_id"),
        Index("ix_deadlines_due_at", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int]
    due_at: Mapped[datetime]


class OutboundEvent(Base):
    """Something a buyer did that the marketplace must hear about, delivered at least once.

    `buyer_id` says whose data the payload carries (also when the payload does not say, as in
    an anonymous complaint), so deleting the account finds its events; it is never sent."""

    __tablename__ = "outbound_events"
    __table_args__ = (Index("ix_outbound_events_pending", "delivered_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    buyer_id: Mapped[int | None] = mapped_column(Integer, index=True)
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    next_attempt_at: Mapped[datetime]
    delivered_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))


class IdempotencyRecord(Base):
    """A POST's Idempotency-Key: reserved by the request that runs it (no status yet), then
    its first response, returned again on a retry.

    Neither the key nor the answer is stored as such: the row is found by a hash of the key,
    and the answer (which may hold a sign-in link code or a buyer's data) is sealed with a key
    derived from the Idempotency-Key and API_TOKEN (bot/api/idempotency.py), so the database
    alone opens no replay. `buyer_id` names the buyer the request was about: deleting the
    account deletes the record."""

    __tablename__ = "idempotency_records"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    buyer_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    status_code: Mapped[int | None] = mapped_column(Integer)  # None: still running
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(index=True)  # when reserved
