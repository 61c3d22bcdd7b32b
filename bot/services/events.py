"""What leaves the cabinet: outbound events for the marketplace and notifications for buyers.

Both are rows written in the transaction of the change that causes them; workers deliver
them later, so nothing is lost when a process dies and nothing is sent for a change that was
rolled back.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.db.models import Address, Order, User
from bot.db.uow import UnitOfWork


class EventKind(StrEnum):
    """What a buyer did in Telegram, as the marketplace hears it."""

    RECEIPT_CONFIRMED = "order.receipt_confirmed"
    PROTECTION_EXTENDED = "order.protection_extended"
    ORDER_DELETED = "order.deleted"
    ORDER_RESTORED = "order.restored"
    ORDER_PURGED = "order.purged"
    MESSAGE_SENT = "order.message_sent"
    ACCOUNT_LINKED = "buyer.linked"
    ACCOUNT_CREATED = "buyer.registered"
    ACCOUNT_DELETED = "buyer.deleted"
    DISPUTE_OPENED = "dispute.opened"
    DISPUTE_MESSAGE = "dispute.message"
    DISPUTE_OFFER_ACCEPTED = "dispute.offer_accepted"
    DISPUTE_OFFER_REJECTED = "dispute.offer_rejected"
    DISPUTE_ESCALATED = "dispute.escalated"
    DISPUTE_CANCELLED = "dispute.cancelled"
    DISPUTE_RETURN_SHIPPED = "dispute.return_shipped"
    FEEDBACK_LEFT = "feedback.left"
    FEEDBACK_ADDITIONAL = "feedback.additional"
    COMPLAINT_FILED = "complaint.filed"
    PROFILE_CHANGED = "buyer.profile_changed"
    ADDRESS_ADDED = "address.added"
    ADDRESS_UPDATED = "address.updated"
    ADDRESS_DELETED = "address.deleted"
    ADDRESS_DEFAULT_CHANGED = "address.default_changed"


class NoticeKind(StrEnum):
    """Pushes to a buyer (sent by the notification sender, see DESIGN.md)."""

    ORDER_CREATED = "order_created"
    ORDER_STATUS = "order_status"
    TRACKING_EVENT = "tracking_event"
    SELLER_MESSAGE = "seller_message"
    PROTECTION_ENDING = "protection_ending"
    TRASH_PURGE = "trash_purge"
    TRACKING_STALLED = "tracking_stalled"
    AUTO_CONFIRM_SOON = "auto_confirm_soon"
    COUPON_EXPIRING = "coupon_expiring"
    DISPUTE_MESSAGE = "dispute_message"  # from the seller or the platform
    DISPUTE_OFFER = "dispute_offer"
    DISPUTE_DECISION = "dispute_decision"
    DISPUTE_DUE = "dispute_due"  # the buyer's answer or the return is due soon
    DISPUTE_SELLER_LATE = "dispute_seller_late"  # escalation is now possible
    FEEDBACK_REPLY = "feedback_reply"
    FEEDBACK_CLOSING = "feedback_closing"
    PROMOTION = "promotion"
    PLATFORM_NOTICE = "platform_notice"
    COMPLAINT_STATUS = "complaint_status"
    WISH_PRICE = "wish_price"  # a wished product reached the price the buyer waits for
    WISH_STOCK = "wish_stock"  # a wished product is back in stock
    WISH_WEEKLY = "wish_weekly"  # the weekly digest of drops (opt-in: users.weekly_drops)


def order_event(kind: EventKind, order: Order, now: datetime, **extra: Any) -> dict[str, Any]:
    return {
        "kind": kind.value,
        "order_number": order.number,
        "buyer_id": order.buyer_id,
        "at": now.isoformat(),
        **extra,
    }


def record_order_event(
    uow: UnitOfWork, kind: EventKind, order: Order, now: datetime, **extra: Any
) -> None:
    """Queue an outbound event about `order`; call inside the service's transaction."""
    uow.events.add(kind.value, order_event(kind, order, now, **extra), now, buyer_id=order.buyer_id)


def record_buyer_event(
    uow: UnitOfWork, kind: EventKind, buyer: User, now: datetime, **extra: Any
) -> None:
    """Queue an outbound event about the buyer or their own data (account, profile,
    addresses); call inside the service's transaction, so the marketplace hears only of
    changes that were saved."""
    payload = {
        "kind": kind.value,
        "buyer_id": buyer.id,
        "external_id": buyer.external_id,
        "at": now.isoformat(),
        **extra,
    }
    uow.events.add(kind.value, payload, now, buyer_id=buyer.id)


def address_payload(address: Address) -> dict[str, Any]:
    """An address as the marketplace receives it (phone in E.164, country ISO alpha-2)."""
    return {
        "id": address.id,
        "recipient": address.recipient,
        "phone": address.phone,
        "country": address.country,
        "region": address.region,
        "city": address.city,
        "street": address.street,
        "postal_code": address.postal_code,
        "is_default": address.is_default,
    }


async def notify(
    uow: UnitOfWork,
    user_id: int,
    kind: NoticeKind,
    payload: dict[str, Any],
    dedup_key: str,
    now: datetime,
    due_at: datetime | None = None,
) -> None:
    """Queue a push for a buyer; the same dedup key twice is written once."""
    await uow.outbox.add(user_id, kind.value, payload, dedup_key, due_at or now, now)
