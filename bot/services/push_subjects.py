"""What a batch of queued pushes is about, loaded in a few queries for the whole batch.

A push is dropped (its subject is None) when what it speaks of is gone or changed since it
was queued: the order deleted or (for a purge warning) restored, the scan or message removed,
a reminder whose date moved or whose order left transit, a coupon used, withdrawn, moved or
expired meanwhile. The push never tells the buyer something that is no longer true.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from bot.db.enums import ComplaintStatus, MessageSender, OrderStatus
from bot.db.models import (
    Complaint,
    Coupon,
    Feedback,
    Notice,
    Order,
    OrderMessage,
    OutboxMessage,
    Store,
    TrackingEvent,
)
from bot.db.uow import UnitOfWork
from bot.services.complaints import ComplaintSubject, subject_of
from bot.services.disputes.pushes import DISPUTE_KINDS, DisputePush, load_dispute_pushes
from bot.services.disputes.rules import DisputeRules, eligibility
from bot.services.events import NoticeKind
from bot.services.orders.status import IN_TRANSIT


@dataclass(frozen=True)
class Subject:
    """The order a push is about, with the scan or message that caused it; or the coupon."""

    order: Order | None = None
    event: TrackingEvent | None = None
    message: OrderMessage | None = None
    coupon: Coupon | None = None
    feedback: Feedback | None = None
    notice: Notice | None = None
    store: Store | None = None  # a promotion's
    complaint: Complaint | None = None
    complained_about: ComplaintSubject | None = None  # what the complaint names
    dispute: DisputePush | None = None  # with `order` set to the disputed order
    can_dispute: bool = False  # a nudge about the order may offer to open a dispute


def _ints(rows: Iterable[OutboxMessage], key: str) -> set[int]:
    return {value for row in rows if isinstance(value := row.payload.get(key), int)}


@dataclass
class _Loaded:
    orders: dict[int, Order]
    events: dict[tuple[int, str], TrackingEvent]
    messages: dict[int, OrderMessage]
    coupons: dict[int, Coupon]
    feedback: dict[int, Feedback]  # by order id
    blocked: set[tuple[int, int]]  # (buyer, store): a blacklisted seller never reaches them


async def _load(uow: UnitOfWork, rows: list[OutboxMessage]) -> _Loaded:
    order_ids = _ints(rows, "order_id")
    orders = await uow.orders.by_ids(order_ids)
    scans = {
        str(row.payload.get("carrier_event_id"))
        for row in rows
        if row.kind == NoticeKind.TRACKING_EVENT
    }
    events = await uow.orders.events_by_carrier_id(order_ids, scans)
    messages = await uow.messages.by_ids(_ints(rows, "message_id"))
    coupons = await uow.coupons.by_ids(_ints(rows, "coupon_id"))
    reply_orders = {
        order_id
        for row in rows
        if row.kind == NoticeKind.FEEDBACK_REPLY
        and isinstance(order_id := row.payload.get("order_id"), int)
    }
    feedback = await uow.feedback.for_orders(reply_orders)
    pairs = {  # only each row's own order: a batch's rows x orders would be huge
        (row.user_id, orders[order_id].store_id)
        for row in rows
        if isinstance(order_id := row.payload.get("order_id"), int) and order_id in orders
    }
    return _Loaded(
        orders, events, messages, coupons, feedback, await uow.blocked_stores.which_of(pairs)
    )


async def _aftersale(uow: UnitOfWork, rows: list[OutboxMessage]) -> dict[int, Subject | None]:
    """Subjects of the after-sale pushes that have no order in them: notices, complaints."""
    found: dict[int, Subject | None] = {}
    for row in rows:
        if row.kind in (NoticeKind.PROMOTION, NoticeKind.PLATFORM_NOTICE):
            notice_id = row.payload.get("notice_id")
            notice = await uow.notices.owned(row.user_id, notice_id)  # type: ignore[arg-type]
            if notice is None:
                found[row.id] = None
                continue
            store = await uow.stores.get(notice.store_id) if notice.store_id else None
            if store is not None and await uow.blocked_stores.get(row.user_id, store.id):
                found[row.id] = None  # blocked after the push was queued
                continue
            found[row.id] = Subject(notice=notice, store=store)
        elif row.kind == NoticeKind.COMPLAINT_STATUS:
            complaint_id = row.payload.get("complaint_id")
            complaint = await uow.complaints.get(complaint_id)  # type: ignore[arg-type]
            if (
                complaint is None
                or complaint.user_id != row.user_id
                or complaint.status != ComplaintStatus(row.payload.get("status"))
            ):
                found[row.id] = None  # moved on: the later push says where it is now
                continue
            targets = await uow.complaints.subjects(row.user_id, [complaint])
            about = subject_of(targets.get((complaint.target, complaint.target_id)))
            found[row.id] = Subject(complaint=complaint, complained_about=about)
    return found


AFTERSALE_KINDS = frozenset(
    {NoticeKind.PROMOTION, NoticeKind.PLATFORM_NOTICE, NoticeKind.COMPLAINT_STATUS}
)


def _coupon_subject(row: OutboxMessage, loaded: _Loaded, now: datetime) -> Subject | None:
    """Only while the coupon is unused, not expired, and still expires when the push says."""
    coupon = loaded.coupons.get(row.payload.get("coupon_id"))  # type: ignore[arg-type]
    if coupon is None or coupon.user_id != row.user_id or coupon.used_at is not None:
        return None
    if coupon.expires_at.isoformat() != row.payload.get("due_at"):
        return None  # moved: the reminders for the new date come on their own
    return Subject(coupon=coupon) if coupon.expires_at > now else None


def _order_subject(row: OutboxMessage, loaded: _Loaded) -> Subject | None:
    order = loaded.orders.get(row.payload.get("order_id"))  # type: ignore[arg-type]
    if order is None or order.buyer_id != row.user_id:
        return None
    in_trash = row.kind == NoticeKind.TRASH_PURGE
    if (order.deleted_at is not None) != in_trash:
        return None
    due = row.payload.get("due_at")
    if row.kind == NoticeKind.TRACKING_STALLED:
        return Subject(order) if order.status is OrderStatus.SHIPPED else None
    if row.kind == NoticeKind.AUTO_CONFIRM_SOON:
        at = order.auto_confirm_at.isoformat() if order.auto_confirm_at else None
        return Subject(order) if order.status in IN_TRANSIT and at == due else None
    if row.kind == NoticeKind.PROTECTION_ENDING:
        at = order.protection_ends_at.isoformat() if order.protection_ends_at else None
        return Subject(order) if order.status in IN_TRANSIT and at == due else None
    if row.kind == NoticeKind.TRACKING_EVENT:
        event = loaded.events.get((order.id, str(row.payload.get("carrier_event_id"))))
        return Subject(order, event=event) if event is not None else None
    if row.kind == NoticeKind.SELLER_MESSAGE:
        message = loaded.messages.get(row.payload.get("message_id"))  # type: ignore[arg-type]
        if message is None or message.order_id != order.id:
            return None
        if message.sender is MessageSender.SELLER and (
            (row.user_id, order.store_id) in loaded.blocked
        ):
            return None  # blocked after the message came
        return Subject(order, message=message)
    if row.kind == NoticeKind.FEEDBACK_CLOSING:
        waiting = order.status is OrderStatus.COMPLETED and order.feedback_at is None
        return Subject(order) if waiting else None
    if row.kind == NoticeKind.FEEDBACK_REPLY:
        feedback = loaded.feedback.get(order.id)
        if feedback is None or feedback.seller_reply is None:
            return None
        return Subject(order, feedback=feedback)
    return Subject(order)


def _dispute_subject(push: DisputePush | None) -> Subject | None:
    return Subject(push.order, dispute=push) if push is not None else None


# Nudges about a parcel in trouble: they offer a dispute while one may be opened.
DISPUTE_NUDGES = frozenset({NoticeKind.TRACKING_STALLED, NoticeKind.PROTECTION_ENDING})


async def _offer_dispute(
    uow: UnitOfWork, row: OutboxMessage, subject: Subject | None, now: datetime, rules: DisputeRules
) -> Subject | None:
    if subject is None or subject.order is None or row.kind not in DISPUTE_NUDGES:
        return subject
    disputed = await uow.disputes.for_order(subject.order.id) is not None
    allowed = eligibility(subject.order, now, rules, disputed=disputed).allowed
    return replace(subject, can_dispute=allowed)


async def load_subjects(
    uow: UnitOfWork,
    rows: list[OutboxMessage],
    now: datetime,
    rules: DisputeRules | None = None,
) -> list[Subject | None]:
    """The subject of each row (None: skip the push), in the rows' order."""
    async with uow:
        loaded = await _load(uow, rows)
        aftersale = await _aftersale(uow, [row for row in rows if row.kind in AFTERSALE_KINDS])
        disputes = await load_dispute_pushes(uow, rows)
        subjects = [
            _dispute_subject(disputes[row.id])
            if row.kind in DISPUTE_KINDS
            else aftersale[row.id]
            if row.kind in AFTERSALE_KINDS
            else _coupon_subject(row, loaded, now)
            if row.kind == NoticeKind.COUPON_EXPIRING
            else _order_subject(row, loaded)
            for row in rows
        ]
        return [
            await _offer_dispute(uow, row, subject, now, rules or DisputeRules())
            for row, subject in zip(rows, subjects, strict=True)
        ]
