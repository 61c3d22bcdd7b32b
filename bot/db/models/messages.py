"""Messages about an order between the buyer and the seller (or the platform)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.enums import MessageSender
from bot.db.models.base import Base, enum_column


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
