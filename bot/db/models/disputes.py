"""A buyer's dispute over an order, with its correspondence and evidence."""

from __future__ import annotations

from datetime import datetime

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
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.enums import DisputeReason, DisputeStatus, MessageSender
from bot.db.models.base import Base, enum_column


class Dispute(Base):
    """A buyer's claim on one order (one per order): what they ask, what the seller offers,
    who must act next and by when."""

    __tablename__ = "disputes"
    __table_args__ = (
        Index("ix_disputes_buyer_status", "buyer_id", "status"),
        CheckConstraint("requested_minor > 0", name="requested_positive"),
        CheckConstraint("offered_minor IS NULL OR offered_minor >= 0", name="offer_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), unique=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    reason: Mapped[DisputeReason] = mapped_column(enum_column(DisputeReason, 24))
    status: Mapped[DisputeStatus] = mapped_column(enum_column(DisputeStatus, 24))
    description: Mapped[str] = mapped_column(Text)
    currency: Mapped[str] = mapped_column(String(3))
    requested_minor: Mapped[int] = mapped_column(BigInteger)
    return_goods: Mapped[bool]
    offered_minor: Mapped[int | None] = mapped_column(BigInteger)
    offer_return: Mapped[bool | None]
    refunded_minor: Mapped[int | None] = mapped_column(BigInteger)
    priority: Mapped[bool] = mapped_column(default=False)  # a top-level club member's
    seller_due_at: Mapped[datetime | None]
    buyer_due_at: Mapped[datetime | None]
    return_due_at: Mapped[datetime | None]
    rejections: Mapped[int] = mapped_column(Integer, default=0)
    escalated_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class DisputeMessage(Base):
    """One entry of a dispute's correspondence, from the buyer, the seller or the platform."""

    __tablename__ = "dispute_messages"
    __table_args__ = (
        UniqueConstraint("dispute_id", "external_id"),
        Index("ix_dispute_messages_dispute_time", "dispute_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id", ondelete="CASCADE"))
    author: Mapped[MessageSender] = mapped_column(enum_column(MessageSender, 16))
    text: Mapped[str] = mapped_column(Text)
    external_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    read_at: Mapped[datetime | None]  # the buyer saw it (their own letters: never set)


class DisputeAttachment(Base):
    """Evidence: a photo or video the buyer sent (kept by Telegram file id) or a file the
    seller or platform linked (by URL)."""

    __tablename__ = "dispute_attachments"
    __table_args__ = (Index("ix_dispute_attachments_dispute", "dispute_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id", ondelete="CASCADE"))
    message_id: Mapped[int | None] = mapped_column(
        ForeignKey("dispute_messages.id", ondelete="SET NULL")
    )
    author: Mapped[MessageSender] = mapped_column(enum_column(MessageSender, 16))
    kind: Mapped[str] = mapped_column(String(16))  # photo, video, document
    telegram_file_id: Mapped[str | None] = mapped_column(String(255))
    url: Mapped[str | None] = mapped_column(String(1000))
    file_name: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime]
