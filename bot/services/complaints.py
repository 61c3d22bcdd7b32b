"""Complaints to the marketplace about a product, a store or a message: filed by the buyer
(optionally anonymously), sent out as an event, and moved through review by the marketplace."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.db.enums import ComplaintReason, ComplaintStatus, ComplaintTarget, MessageSender
from bot.db.models import Complaint, OrderMessage, Product, Store
from bot.db.uow import UnitOfWork
from bot.services.errors import (
    ComplaintAlreadyOpen,
    ComplaintNotFound,
    ComplaintTargetNotFound,
    IllegalComplaintStatusChange,
    TextTooLong,
)
from bot.services.events import EventKind, NoticeKind, notify
from bot.services.lengths import utf16_len
from bot.services.paging import Page, page_of

MAX_TEXT_LENGTH = 1000
# What in a complaint's event points at the buyer: an anonymous one leaves these out. A
# reported message's external id stays: the marketplace needs it to find what was reported.
BUYERS_KEYS = frozenset({"buyer_id", "order_number"})
S = ComplaintStatus
MOVES: dict[ComplaintStatus, frozenset[ComplaintStatus]] = {
    S.SUBMITTED: frozenset({S.IN_REVIEW, S.UPHELD, S.REJECTED}),
    S.IN_REVIEW: frozenset({S.UPHELD, S.REJECTED}),
    S.UPHELD: frozenset(),
    S.REJECTED: frozenset(),
}


def can_move(current: ComplaintStatus, requested: ComplaintStatus) -> bool:
    return requested in MOVES[current]


def check_text(text: str) -> str:
    """The details of a complaint, trimmed; checked at the form's step and when it is filed."""
    text = text.strip()
    if utf16_len(text) > MAX_TEXT_LENGTH:
        raise TextTooLong(max_length=MAX_TEXT_LENGTH, length=utf16_len(text))
    return text


@dataclass(frozen=True)
class ComplaintSubject:
    """What a complaint is about, as the buyer knows it: a store's name, a product's titles
    (per language), or the text of the message; empty when it is gone."""

    name: str | None = None
    titles: dict[str, str] = field(default_factory=dict)


def subject_of(row: Store | Product | OrderMessage | None) -> ComplaintSubject:
    if isinstance(row, Store):
        return ComplaintSubject(name=row.name)
    if isinstance(row, Product):
        return ComplaintSubject(name=row.title, titles=dict(row.titles or {}))
    if isinstance(row, OrderMessage):
        return ComplaintSubject(name=row.text)
    return ComplaintSubject()


async def _target_ref(
    uow: UnitOfWork, buyer_id: int, target: ComplaintTarget, target_id: int
) -> tuple[dict[str, Any], ComplaintSubject]:
    """What the marketplace knows the target by, and what the buyer knows it by; the target
    must exist and, for a message, be one the buyer received."""
    missing = ComplaintTargetNotFound(target=target.value, target_id=target_id)
    if target is ComplaintTarget.PRODUCT:
        product = await uow.products.get(target_id)
        if product is None:
            raise missing
        store = await uow.stores.get(product.store_id)
        assert store is not None
        ref = {"product_external_id": product.external_id, "store_external_id": store.external_id}
        return ref, subject_of(product)
    if target is ComplaintTarget.STORE:
        store = await uow.stores.get(target_id)
        if store is None:
            raise missing
        return {"store_external_id": store.external_id}, subject_of(store)
    found = await uow.messages.with_order_for_buyer(buyer_id, target_id)
    if found is None or found[0].sender is MessageSender.BUYER:
        raise missing
    message, order = found
    ref = {"order_number": order.number, "message_external_id": message.external_id}
    return ref, subject_of(message)


async def check_target(
    uow: UnitOfWork, buyer_id: int, target: ComplaintTarget, target_id: int
) -> ComplaintSubject:
    """Before the form opens: is there such a thing the buyer may report? The form names it."""
    async with uow:
        _, subject = await _target_ref(uow, buyer_id, target, target_id)
        return subject


async def file_complaint(  # noqa: PLR0913 - the complaint form's fields
    uow: UnitOfWork,
    buyer_id: int,
    target: ComplaintTarget,
    target_id: int,
    reason: ComplaintReason,
    text: str,
    anonymous: bool,
    now: datetime,
) -> Complaint:
    """The event names the buyer (and the order a reported message came in) only when they
    did not ask for anonymity."""
    text = check_text(text)
    async with uow:
        ref, _ = await _target_ref(uow, buyer_id, target, target_id)
        existing = await uow.complaints.open_about(buyer_id, target, target_id)
        if existing is not None:
            raise ComplaintAlreadyOpen(complaint_id=existing.id)
        complaint = Complaint(
            user_id=buyer_id,
            target=target,
            target_id=target_id,
            reason=reason,
            text=text,
            anonymous=anonymous,
            status=ComplaintStatus.SUBMITTED,
            resolution=None,
            created_at=now,
            updated_at=now,
        )
        uow.complaints.add(complaint)
        await uow.complaints.flush()
        payload: dict[str, Any] = {
            "kind": EventKind.COMPLAINT_FILED.value,
            "complaint_id": complaint.id,
            "target": target.value,
            **ref,
            "reason": reason.value,
            "text": text,
            "anonymous": anonymous,
            "at": now.isoformat(),
            "buyer_id": buyer_id,
        }
        if anonymous:
            payload = {key: value for key, value in payload.items() if key not in BUYERS_KEYS}
        # Anonymous or not, the row knows whose it is: deleting the account finds it.
        uow.events.add(EventKind.COMPLAINT_FILED.value, payload, now, buyer_id=buyer_id)
        await uow.commit()
        return complaint


@dataclass(frozen=True)
class ComplaintList:
    """My complaints: one page, newest first, each with what it is about."""

    page: Page[Complaint]
    subjects: dict[int, ComplaintSubject] = field(default_factory=dict)  # by complaint id


async def list_complaints(
    uow: UnitOfWork, buyer_id: int, page: int, page_size: int
) -> ComplaintList:
    async with uow:
        total = await uow.complaints.count(buyer_id)

        async def fetch(offset: int, limit: int) -> list[Complaint]:
            return await uow.complaints.page(buyer_id, offset, limit)

        found = await page_of(total, page, page_size, fetch)
        rows = await uow.complaints.subjects(buyer_id, found.items)
        subjects = {c.id: subject_of(rows.get((c.target, c.target_id))) for c in found.items}
        return ComplaintList(found, subjects)


async def get_complaint(uow: UnitOfWork, buyer_id: int, complaint_id: int) -> Complaint:
    async with uow:
        complaint = await uow.complaints.get_for_buyer(buyer_id, complaint_id)
        if complaint is None:
            raise ComplaintNotFound(complaint_id=complaint_id)
        return complaint


# --- the marketplace's side -------------------------------------------------------------------


async def change_status(
    uow: UnitOfWork,
    complaint_id: int,
    status: ComplaintStatus,
    resolution: str | None,
    now: datetime,
) -> Complaint:
    """Submitted → in review → upheld or rejected; repeating the current status is a no-op;
    every move pushes the buyer."""
    async with uow:
        complaint = await uow.complaints.get(complaint_id)
        if complaint is None:
            raise ComplaintNotFound(complaint_id=complaint_id)
        if complaint.status is status:
            return complaint
        if not can_move(complaint.status, status):
            raise IllegalComplaintStatusChange(
                current=complaint.status.value, requested=status.value
            )
        complaint.status = status
        if resolution is not None:
            complaint.resolution = resolution
        complaint.updated_at = now
        await notify(
            uow,
            complaint.user_id,
            NoticeKind.COMPLAINT_STATUS,
            {"complaint_id": complaint.id, "status": status.value},
            f"complaint:{complaint.id}:{status.value}",
            now,
        )
        await uow.commit()
        return complaint
