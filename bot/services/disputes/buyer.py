"""The buyer's disputes: opening one from an order, and the buyer's moves on it (message,
accept, reject with a counter-proposal, escalate, cancel, ship back).

Each move is one transaction that changes the dispute through `rules`, keeps its
deadlines in step, queues the event the marketplace must hear about, and returns the dispute
card as the move left it (`DisputeScreen`), without reading the dispute again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.db.enums import DisputeReason, DisputeStatus, MessageSender
from bot.db.models import Dispute, DisputeAttachment, DisputeMessage, Order, User
from bot.db.uow import UnitOfWork
from bot.services.deadlines import sync_dispute_deadlines
from bot.services.disputes import rules as rules_
from bot.services.disputes.card import DisputeScreen, own_dispute, screen_of
from bot.services.disputes.rules import DisputeAction, DisputeRules
from bot.services.errors import (
    DisputeMessageEmpty,
    MessageTooLong,
    OrderNotFound,
    TooManyAttachments,
)
from bot.services.events import EventKind, record_order_event
from bot.services.files import attachment_refs
from bot.services.lengths import utf16_len

S, A = DisputeStatus, DisputeAction
ATTACHMENT_KINDS = frozenset({"photo", "video", "document"})


@dataclass(frozen=True)
class AttachmentSpec:
    """A buyer's photo or video by Telegram file id, or a seller's or platform's file by URL."""

    kind: str
    telegram_file_id: str | None = None
    url: str | None = None
    file_name: str | None = None


@dataclass(frozen=True)
class DisputeSpec:
    """What the buyer filled in; `refund_minor` None asks for a full refund."""

    reason: DisputeReason
    refund_minor: int | None
    return_goods: bool
    description: str
    evidence: tuple[AttachmentSpec, ...] = ()


def check_text(
    text: str,
    attachments: Sequence[AttachmentSpec],
    max_length: int,
    measure: Callable[[str], int] = utf16_len,
) -> str:
    """The buyer's texts are measured as Telegram shows them (UTF-16 units); the marketplace's
    with `len`, as its API schema counts characters."""
    text = text.strip()
    if measure(text) > max_length:
        raise MessageTooLong(max_length=max_length, length=measure(text))
    if not text and not attachments:
        raise DisputeMessageEmpty()
    if len(attachments) > rules_.MAX_ATTACHMENTS:
        raise TooManyAttachments(limit=rules_.MAX_ATTACHMENTS)
    return text


async def write_message(
    uow: UnitOfWork,
    dispute: Dispute,
    author: MessageSender,
    text: str,
    attachments: Sequence[AttachmentSpec],
    now: datetime,
    external_id: str | None = None,
) -> DisputeMessage:
    """One entry of the correspondence with its attachments (the caller checked the text)."""
    message = DisputeMessage(
        dispute_id=dispute.id, author=author, text=text, external_id=external_id, created_at=now
    )
    uow.disputes.add(message)
    await uow.disputes.flush()
    for spec in attachments:
        uow.disputes.add(
            DisputeAttachment(
                dispute_id=dispute.id,
                message_id=message.id,
                author=author,
                kind=spec.kind if spec.kind in ATTACHMENT_KINDS else "document",
                telegram_file_id=spec.telegram_file_id,
                url=spec.url,
                file_name=spec.file_name,
                created_at=now,
            )
        )
    dispute.updated_at = now
    return message


async def record_dispute_event(
    uow: UnitOfWork, kind: EventKind, dispute: Dispute, now: datetime, **extra: Any
) -> None:
    order = await uow.disputes.order_of(dispute)
    record_order_event(uow, kind, order, now, dispute_id=dispute.id, **extra)


async def _eligible_order(
    uow: UnitOfWork,
    buyer_id: int,
    order_id: int,
    now: datetime,
    rules: DisputeRules,
    reason: DisputeReason | None = None,
) -> tuple[Order, rules_.Eligibility, Dispute | None]:
    order = await uow.orders.get_for_buyer(buyer_id, order_id)
    if order is None:
        raise OrderNotFound(order_id=order_id)
    existing = await uow.disputes.for_order(order.id)
    allowed = rules_.eligibility(order, now, rules, reason=reason, disputed=existing is not None)
    return order, allowed, existing


async def check_eligibility(
    uow: UnitOfWork,
    buyer_id: int,
    order_id: int,
    now: datetime,
    rules: DisputeRules,
    reason: DisputeReason | None = None,
) -> rules_.Eligibility:
    """May a dispute be opened on the order now, and if not, why and until/from when."""
    async with uow:
        _order, allowed, _existing = await _eligible_order(
            uow, buyer_id, order_id, now, rules, reason
        )
        return allowed


async def start_dispute(
    uow: UnitOfWork,
    buyer_id: int,
    order_id: int,
    now: datetime,
    rules: DisputeRules,
    reason: DisputeReason | None = None,
) -> Order:
    """The order the open-dispute form names, once a dispute (for `reason`) may be opened on
    it now; else the refusal, with its dates."""
    async with uow:
        order, allowed, existing = await _eligible_order(
            uow, buyer_id, order_id, now, rules, reason
        )
        allowed.check(existing.id if existing is not None else None)
        return order


async def form_order(uow: UnitOfWork, buyer_id: int, order_id: int) -> Order:
    """The order a step of the open-dispute form names (the form checks again on submit)."""
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        return order


async def open_dispute(
    uow: UnitOfWork,
    buyer: User,
    order_id: int,
    spec: DisputeSpec,
    now: datetime,
    rules: DisputeRules,
) -> DisputeScreen:
    """Open the one dispute of an eligible order; the seller must answer within the rules."""
    description = check_text(spec.description, (), rules_.MAX_TEXT_LENGTH)
    if len(spec.evidence) > rules_.MAX_ATTACHMENTS:
        raise TooManyAttachments(limit=rules_.MAX_ATTACHMENTS)
    async with uow:
        order, allowed, existing = await _eligible_order(
            uow, buyer.id, order_id, now, rules, spec.reason
        )
        allowed.check(existing.id if existing is not None else None)
        paid = rules_.paid_minor(order)
        requested = rules_.check_refund(
            paid if spec.refund_minor is None else spec.refund_minor, order
        )
        dispute = Dispute(
            order_id=order.id,
            buyer_id=buyer.id,
            reason=spec.reason,
            status=S.AWAITING_SELLER,
            description=description,
            currency=order.currency,
            requested_minor=requested,
            return_goods=spec.return_goods,
            priority=buyer.club_level == rules_.TOP_CLUB_LEVEL,
            seller_due_at=now + timedelta(days=rules.seller_response_days),
            rejections=0,
            created_at=now,
            updated_at=now,
        )
        uow.disputes.add(dispute)
        await uow.disputes.flush()
        first = await write_message(
            uow, dispute, MessageSender.BUYER, description, spec.evidence, now
        )
        await sync_dispute_deadlines(uow, dispute)
        record_order_event(
            uow,
            EventKind.DISPUTE_OPENED,
            order,
            now,
            dispute_id=dispute.id,
            reason=spec.reason.value,
            requested_minor=requested,
            currency=order.currency,
            full_refund=requested == paid,
            return_goods=spec.return_goods,
            description=description,
            evidence=[a.telegram_file_id for a in spec.evidence if a.telegram_file_id],
            evidence_refs=await attachment_refs(uow, first),  # GET /api/v1/files/{ref}
            priority=dispute.priority,
            order_status=order.status.value,
            protection_ends_at=_iso(order.protection_ends_at),
            seller_due_at=_iso(dispute.seller_due_at),
        )
        screen = await screen_of(uow, dispute, order, now)
        await uow.commit()
        return screen


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


async def add_message(
    uow: UnitOfWork,
    buyer_id: int,
    dispute_id: int,
    text: str,
    attachments: Sequence[AttachmentSpec],
    now: datetime,
) -> DisputeScreen:
    """More words or evidence from the buyer, while the dispute is open."""
    text = check_text(text, attachments, rules_.MAX_TEXT_LENGTH)
    async with uow:
        dispute, order = await own_dispute(uow, buyer_id, dispute_id)
        rules_.require(dispute, A.MESSAGE)
        message = await write_message(uow, dispute, MessageSender.BUYER, text, attachments, now)
        await record_dispute_event(
            uow,
            EventKind.DISPUTE_MESSAGE,
            dispute,
            now,
            message_id=message.id,
            text=text,
            attachments=[a.telegram_file_id for a in attachments if a.telegram_file_id],
            attachment_refs=await attachment_refs(uow, message),
        )
        screen = await screen_of(uow, dispute, order, now)
        await uow.commit()
        return screen


async def accept_offer(
    uow: UnitOfWork, buyer_id: int, dispute_id: int, now: datetime, rules: DisputeRules
) -> DisputeScreen:
    """Take the seller's offer: ship the goods back first if it asks so, else it is settled."""
    async with uow:
        dispute, order = await own_dispute(uow, buyer_id, dispute_id)
        rules_.require(dispute, A.ACCEPT)
        offered = dispute.offered_minor or 0
        if dispute.offer_return:
            rules_.move(dispute, S.AWAITING_RETURN, now)
            dispute.return_due_at = now + timedelta(days=rules.return_days)
        elif offered > 0:
            rules_.move(dispute, S.REFUNDED, now)
            dispute.refunded_minor = offered
        else:
            rules_.move(dispute, S.REFUSED, now)  # the buyer accepted that there is no refund
        await sync_dispute_deadlines(uow, dispute)
        await record_dispute_event(
            uow,
            EventKind.DISPUTE_OFFER_ACCEPTED,
            dispute,
            now,
            offered_minor=offered,
            return_goods=bool(dispute.offer_return),
            return_due_at=_iso(dispute.return_due_at),
        )
        screen = await screen_of(uow, dispute, order, now)
        await uow.commit()
        return screen


async def reject_offer(
    uow: UnitOfWork,
    buyer_id: int,
    dispute_id: int,
    counter_minor: int,
    now: datetime,
    rules: DisputeRules,
) -> DisputeScreen:
    """Refuse the offer with a counter-proposal; the seller answers again, and from now on
    the buyer may escalate."""
    async with uow:
        dispute, order = await own_dispute(uow, buyer_id, dispute_id)
        rules_.require(dispute, A.REJECT)
        rules_.check_refund(counter_minor, order)
        rules_.move(dispute, S.AWAITING_SELLER, now)
        dispute.requested_minor = counter_minor
        dispute.rejections += 1
        dispute.seller_due_at = now + timedelta(days=rules.seller_response_days)
        await sync_dispute_deadlines(uow, dispute)
        await record_dispute_event(
            uow,
            EventKind.DISPUTE_OFFER_REJECTED,
            dispute,
            now,
            offered_minor=dispute.offered_minor,
            counter_minor=counter_minor,
            seller_due_at=_iso(dispute.seller_due_at),
        )
        screen = await screen_of(uow, dispute, order, now)
        await uow.commit()
        return screen


async def escalate(uow: UnitOfWork, buyer_id: int, dispute_id: int, now: datetime) -> DisputeScreen:
    """Ask the platform to decide: after a rejection, or once the seller let the time pass."""
    async with uow:
        dispute, order = await own_dispute(uow, buyer_id, dispute_id)
        rules_.check_escalation(dispute, now)
        seller_late = rules_.seller_late(dispute, now)
        rules_.move(dispute, S.ESCALATED, now)
        dispute.escalated_at = now
        await sync_dispute_deadlines(uow, dispute)
        await record_dispute_event(
            uow,
            EventKind.DISPUTE_ESCALATED,
            dispute,
            now,
            priority=dispute.priority,
            seller_late=seller_late,
            requested_minor=dispute.requested_minor,
        )
        screen = await screen_of(uow, dispute, order, now)
        await uow.commit()
        return screen


async def cancel(uow: UnitOfWork, buyer_id: int, dispute_id: int, now: datetime) -> DisputeScreen:
    """Withdraw the dispute for good: it cannot be reopened (one dispute per order)."""
    async with uow:
        dispute, order = await own_dispute(uow, buyer_id, dispute_id)
        rules_.require(dispute, A.CANCEL)
        rules_.move(dispute, S.CANCELLED, now)
        await sync_dispute_deadlines(uow, dispute)
        await record_dispute_event(uow, EventKind.DISPUTE_CANCELLED, dispute, now)
        screen = await screen_of(uow, dispute, order, now)
        await uow.commit()
        return screen


async def return_shipped(
    uow: UnitOfWork, buyer_id: int, dispute_id: int, tracking: str, now: datetime
) -> DisputeScreen:
    """The goods are on their way back: the return reminder stops, the tracking number goes
    into the correspondence and to the marketplace. Given twice, nothing changes."""
    tracking = check_text(tracking, (), 64)
    async with uow:
        dispute, order = await own_dispute(uow, buyer_id, dispute_id)
        rules_.require(dispute, A.RETURN_SHIPPED)
        if dispute.return_due_at is not None:
            dispute.return_due_at = None
            dispute.updated_at = now
            await write_message(uow, dispute, MessageSender.BUYER, tracking, (), now)
            await sync_dispute_deadlines(uow, dispute)
            await record_dispute_event(
                uow, EventKind.DISPUTE_RETURN_SHIPPED, dispute, now, tracking_number=tracking
            )
        screen = await screen_of(uow, dispute, order, now)
        await uow.commit()
        return screen
