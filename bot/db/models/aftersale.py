"""The after-sale half of the cabinet: disputes, feedback, the message center's notices and
blacklist, and complaints."""

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

from bot.db.enums import (
    ComplaintReason,
    ComplaintStatus,
    ComplaintTarget,
    DisputeReason,
    DisputeStatus,
    MessageSender,
    NoticeFolder,
)
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


class Feedback(Base):
    """The buyer's rating of one order's seller (one per order), an optional additional
    feedback later, and the seller's reply."""

    __tablename__ = "feedback"
    __table_args__ = (
        Index("ix_feedback_store_time", "store_id", "created_at"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
        CheckConstraint("as_described BETWEEN 1 AND 5", name="as_described_range"),
        CheckConstraint("communication BETWEEN 1 AND 5", name="communication_range"),
        CheckConstraint("shipping_speed BETWEEN 1 AND 5", name="shipping_speed_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), unique=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    rating: Mapped[int] = mapped_column(Integer)
    as_described: Mapped[int] = mapped_column(Integer)
    communication: Mapped[int] = mapped_column(Integer)
    shipping_speed: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    additional_text: Mapped[str | None] = mapped_column(Text)
    additional_at: Mapped[datetime | None]
    seller_reply: Mapped[str | None] = mapped_column(Text)
    seller_reply_at: Mapped[datetime | None]
    seller_reply_read_at: Mapped[datetime | None]  # the buyer saw the reply
    created_at: Mapped[datetime]


class FeedbackPhoto(Base):
    __tablename__ = "feedback_photos"
    __table_args__ = (Index("ix_feedback_photos_feedback", "feedback_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(ForeignKey("feedback.id", ondelete="CASCADE"))
    telegram_file_id: Mapped[str] = mapped_column(String(255))
    additional: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]


class Notice(Base):
    """A promotion from a store or a notice from the platform, in the message center."""

    __tablename__ = "notices"
    __table_args__ = (
        UniqueConstraint("user_id", "external_id"),
        Index("ix_notices_user_folder_time", "user_id", "folder", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    folder: Mapped[NoticeFolder] = mapped_column(enum_column(NoticeFolder, 16))
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    external_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    read_at: Mapped[datetime | None]


class BlockedStore(Base):
    """A seller the buyer blocked: their messages and promotions are hidden, never pushed."""

    __tablename__ = "blocked_stores"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    store_id: Mapped[int] = mapped_column(
        ForeignKey("stores.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime]


class Complaint(Base):
    """A report to the marketplace about a product, a store or a message."""

    __tablename__ = "complaints"
    __table_args__ = (Index("ix_complaints_user_time", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    target: Mapped[ComplaintTarget] = mapped_column(enum_column(ComplaintTarget, 16))
    target_id: Mapped[int] = mapped_column(Integer)
    reason: Mapped[ComplaintReason] = mapped_column(enum_column(ComplaintReason, 32))
    text: Mapped[str] = mapped_column(Text, default="")
    anonymous: Mapped[bool] = mapped_column(default=False)
    status: Mapped[ComplaintStatus] = mapped_column(enum_column(ComplaintStatus, 16))
    resolution: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
