"""Outbound events: what the marketplace must hear about, delivered at least once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models.base import Base


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
