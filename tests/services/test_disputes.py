"""Disputes on every database with a fixed clock: opening, every move of the buyer, the seller
and the platform, every refusal, and the deadlines and events each move leaves behind."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.db.enums import DisputeReason, DisputeStatus, MessageSender, OrderStatus
from bot.db.models import Deadline, Dispute, OutboundEvent, OutboxMessage, User
from bot.db.uow import UnitOfWork
from bot.services.deadlines import scan_deadlines
from bot.services.disputes import buyer as disputes
from bot.services.disputes import card as dispute_card
from bot.services.disputes import sync as dispute_sync
from bot.services.disputes.buyer import AttachmentSpec, DisputeSpec
from bot.services.disputes.rules import DisputeRules
from bot.services.errors import (
    DisputeMessageEmpty,
    DisputeMoveRefused,
    DisputeNotAllowed,
    DisputeNotFound,
    EscalationNotYet,
    MessageTooLong,
    OrderNotFound,
    RefundAmountInvalid,
    TooManyAttachments,
)
from tests.conftest import START
from tests.factories import make_buyer, make_order

DAY = timedelta(days=1)
RULES = DisputeRules()
PHOTO = AttachmentSpec("photo", telegram_file_id="AgAC-photo-1")
S = DisputeStatus


def spec(
    refund: int | None = None, reason: DisputeReason = DisputeReason.NOT_RECEIVED
) -> DisputeSpec:
    return DisputeSpec(reason, refund, False, "Never arrived", (PHOTO,))


async def _opened(uow: UnitOfWork, *, club_level: int | None = None) -> tuple[User, Dispute]:
    buyer = await make_buyer(uow, 1001, START)
    if club_level is not None:
        async with uow:
            user = await uow.users.by_id(buyer.id)
            assert user is not None
            user.club_level = club_level
            await uow.commit()
        buyer.club_level = club_level
    order = await make_order(uow, buyer, START, status=OrderStatus.SHIPPED, days_ago=10)
    dispute = (await disputes.open_dispute(uow, buyer, order.id, spec(), START, RULES)).dispute
    return buyer, dispute


async def _events(uow: UnitOfWork) -> list[dict[str, Any]]:
    async with uow:
        rows = await uow.session.scalars(select(OutboundEvent).order_by(OutboundEvent.id))
        return [row.payload for row in rows if row.kind.startswith("dispute.")]


async def _pushes(uow: UnitOfWork) -> list[tuple[str, dict[str, Any]]]:
    async with uow:
        rows = await uow.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [(row.kind, row.payload) for row in rows if row.kind.startswith("dispute")]


async def _deadlines(uow: UnitOfWork) -> dict[str, datetime]:
    async with uow:
        rows = await uow.session.scalars(select(Deadline))
        return {row.kind: row.due_at for row in rows if row.kind.startswith("dispute")}


async def test_opening_asks_the_seller_to_answer_within_five_days(uow: UnitOfWork) -> None:
    _, dispute = await _opened(uow)

    assert dispute.status is S.AWAITING_SELLER
    assert dispute.requested_minor == 2450  # a full refund: everything paid
    assert dispute.priority is False
    assert await _deadlines(uow) == {"dispute_seller_due": START + 5 * DAY}
    [event] = await _events(uow)
    assert event["kind"] == "dispute.opened"
    assert event["evidence"] == ["AgAC-photo-1"]
    assert (event["priority"], event["full_refund"], event["reason"]) == (
        False,
        True,
        "not_received",
    )
    card = await dispute_card.get_dispute(uow, dispute.buyer_id, dispute.id)
    assert [m.author for m in card.messages] == [MessageSender.BUYER]
    assert [a.telegram_file_id for a in card.attachments] == ["AgAC-photo-1"]


async def test_a_top_club_member_gets_priority_carried_to_the_platform(uow: UnitOfWork) -> None:
    buyer, dispute = await _opened(uow, club_level=4)
    async with uow:
        seller_due = dispute.seller_due_at
    assert dispute.priority is True
    assert seller_due is not None
    escalated = (await disputes.escalate(uow, buyer.id, dispute.id, seller_due)).dispute
    assert escalated.status is S.ESCALATED
    assert (await _events(uow))[-1]["priority"] is True


@pytest.mark.parametrize(
    ("status", "kwargs", "refusal"),
    [
        (OrderStatus.AWAITING_PAYMENT, {}, "not_paid"),
        (OrderStatus.AWAITING_SHIPMENT, {}, "not_shipped"),
        (OrderStatus.SHIPPED, {"shipped_days_ago": 1}, "too_early"),
        (OrderStatus.COMPLETED, {"days_ago": 40}, "window_closed"),
        (OrderStatus.CLOSED, {}, "order_closed"),
    ],
)
async def test_an_ineligible_order_is_refused_with_the_reason(
    uow: UnitOfWork, status: OrderStatus, kwargs: dict[str, Any], refusal: str
) -> None:
    buyer = await make_buyer(uow, 1001, START)
    order = await make_order(uow, buyer, START, status=status, **kwargs)

    with pytest.raises(DisputeNotAllowed) as caught:
        await disputes.open_dispute(uow, buyer, order.id, spec(), START, RULES)

    assert caught.value.refusal == refusal
    if refusal == "too_early":
        assert caught.value.opens_at == START + 2 * DAY
    assert await _deadlines(uow) == {}


async def test_damaged_goods_may_be_disputed_as_soon_as_they_are_delivered(
    uow: UnitOfWork,
) -> None:
    buyer = await make_buyer(uow, 1001, START)
    order = await make_order(uow, buyer, START, status=OrderStatus.DELIVERED, shipped_days_ago=1)

    early = await disputes.check_eligibility(uow, buyer.id, order.id, START, RULES)
    lost = await disputes.check_eligibility(
        uow, buyer.id, order.id, START, RULES, DisputeReason.NOT_RECEIVED
    )
    dispute = (
        await disputes.open_dispute(
            uow, buyer, order.id, spec(reason=DisputeReason.DAMAGED), START, RULES
        )
    ).dispute

    assert early.allowed and not lost.allowed
    assert dispute.reason is DisputeReason.DAMAGED


async def test_one_dispute_per_order_and_only_the_owners(uow: UnitOfWork) -> None:
    buyer, dispute = await _opened(uow)
    other = await make_buyer(uow, 2002, START)

    with pytest.raises(DisputeNotAllowed) as caught:
        await disputes.open_dispute(uow, buyer, dispute.order_id, spec(), START, RULES)
    assert (caught.value.refusal, caught.value.dispute_id) == ("already_disputed", dispute.id)
    with pytest.raises(OrderNotFound):
        await disputes.open_dispute(uow, other, dispute.order_id, spec(), START, RULES)
    with pytest.raises(DisputeNotFound):
        await dispute_card.get_dispute(uow, other.id, dispute.id)
    with pytest.raises(DisputeNotFound):
        await disputes.cancel(uow, other.id, dispute.id, START)


@pytest.mark.parametrize("amount", [0, -1, 2451])
async def test_a_refund_is_above_zero_and_never_above_what_was_paid(
    uow: UnitOfWork, amount: int
) -> None:
    buyer = await make_buyer(uow, 1001, START)
    order = await make_order(uow, buyer, START, status=OrderStatus.SHIPPED)

    with pytest.raises(RefundAmountInvalid) as caught:
        await disputes.open_dispute(uow, buyer, order.id, spec(amount), START, RULES)

    assert (caught.value.amount_minor, caught.value.paid_minor) == (amount, 2450)


async def test_accepting_an_offer_without_return_refunds_and_closes(uow: UnitOfWork) -> None:
    buyer, dispute = await _opened(uow)
    await dispute_sync.seller_offer(uow, dispute.id, 1200, False, "Half?", START + DAY, RULES)
    assert await _deadlines(uow) == {"dispute_buyer_due": START + 6 * DAY}

    done = (await disputes.accept_offer(uow, buyer.id, dispute.id, START + 2 * DAY, RULES)).dispute

    assert (done.status, done.refunded_minor, done.closed_at) == (
        S.REFUNDED,
        1200,
        START + 2 * DAY,
    )
    assert await _deadlines(uow) == {}
    assert [kind for kind, _ in await _pushes(uow)] == ["dispute_offer"]
    assert (await _events(uow))[-1]["kind"] == "dispute.offer_accepted"


async def test_accepting_an_offer_with_return_waits_for_the_goods(uow: UnitOfWork) -> None:
    buyer, dispute = await _opened(uow)
    await dispute_sync.seller_offer(uow, dispute.id, 2450, True, "", START, RULES)

    waiting = (await disputes.accept_offer(uow, buyer.id, dispute.id, START + DAY, RULES)).dispute
    assert (waiting.status, waiting.return_due_at) == (S.AWAITING_RETURN, START + 11 * DAY)
    assert await _deadlines(uow) == {"dispute_return_due": START + 11 * DAY}

    await disputes.return_shipped(uow, buyer.id, dispute.id, "RR123456789CN", START + 2 * DAY)
    assert await _deadlines(uow) == {}
    done = await dispute_sync.platform_decide(uow, dispute.id, 2450, "", START + 9 * DAY)
    assert (done.status, done.refunded_minor) == (S.REFUNDED, 2450)
    assert (await _pushes(uow))[-1] == (
        "dispute_decision",
        {"dispute_id": dispute.id, "status": "refunded"},
    )


async def test_rejecting_counters_and_then_allows_escalation(uow: UnitOfWork) -> None:
    buyer, dispute = await _opened(uow)
    await dispute_sync.seller_offer(uow, dispute.id, 500, False, "", START, RULES)
    with pytest.raises(EscalationNotYet):
        await disputes.escalate(uow, buyer.id, dispute.id, START)
    with pytest.raises(RefundAmountInvalid):
        await disputes.reject_offer(uow, buyer.id, dispute.id, 9999, START, RULES)

    back = (
        await disputes.reject_offer(uow, buyer.id, dispute.id, 2000, START + DAY, RULES)
    ).dispute
    assert (back.status, back.requested_minor, back.rejections) == (S.AWAITING_SELLER, 2000, 1)
    assert await _deadlines(uow) == {"dispute_seller_due": START + 6 * DAY}
    assert (await _events(uow))[-1]["counter_minor"] == 2000

    up = (await disputes.escalate(uow, buyer.id, dispute.id, START + DAY)).dispute
    assert (up.status, up.escalated_at) == (S.ESCALATED, START + DAY)
    assert await _deadlines(uow) == {}
    with pytest.raises(RefundAmountInvalid):
        await dispute_sync.platform_decide(uow, dispute.id, 2451, "", START + 2 * DAY)
    refused = await dispute_sync.platform_decide(uow, dispute.id, None, "No.", START + 2 * DAY)
    assert (refused.status, refused.refunded_minor) == (S.REFUSED, None)


async def test_escalation_opens_when_the_seller_lets_the_deadline_pass(uow: UnitOfWork) -> None:
    buyer, dispute = await _opened(uow)

    with pytest.raises(EscalationNotYet) as caught:
        await disputes.escalate(uow, buyer.id, dispute.id, START + 5 * DAY - timedelta(seconds=1))
    assert caught.value.allowed_from == START + 5 * DAY

    for _ in range(2):
        await scan_deadlines(uow, START + 5 * DAY + timedelta(hours=1))
    assert await _pushes(uow) == [
        ("dispute_seller_late", {"dispute_id": dispute.id, "due_at": (START + 5 * DAY).isoformat()})
    ]
    up = (await disputes.escalate(uow, buyer.id, dispute.id, START + 5 * DAY)).dispute
    assert up.status is S.ESCALATED
    assert (await _events(uow))[-1]["seller_late"] is True


async def test_the_buyer_is_reminded_to_answer_3_days_and_1_day_before(uow: UnitOfWork) -> None:
    _, dispute = await _opened(uow)
    await dispute_sync.seller_offer(uow, dispute.id, 500, False, "", START, RULES)

    await scan_deadlines(uow, START + 2 * DAY)
    await scan_deadlines(uow, START + 4 * DAY)
    await scan_deadlines(uow, START + 6 * DAY)

    due = (START + 5 * DAY).isoformat()
    assert [p for p in await _pushes(uow) if p[0] == "dispute_due"] == [
        ("dispute_due", {"dispute_id": dispute.id, "due_at": due})
    ] * 2


async def test_a_cancelled_dispute_cannot_be_reopened_or_moved(uow: UnitOfWork) -> None:
    buyer, dispute = await _opened(uow)
    cancelled = (await disputes.cancel(uow, buyer.id, dispute.id, START)).dispute
    assert (cancelled.status, cancelled.closed_at) == (S.CANCELLED, START)
    assert await _deadlines(uow) == {}

    moves = [
        disputes.cancel(uow, buyer.id, dispute.id, START),
        disputes.accept_offer(uow, buyer.id, dispute.id, START, RULES),
        disputes.escalate(uow, buyer.id, dispute.id, START + 9 * DAY),
        disputes.add_message(uow, buyer.id, dispute.id, "hi", (), START),
        dispute_sync.seller_offer(uow, dispute.id, 1, False, "", START, RULES),
        dispute_sync.platform_decide(uow, dispute.id, 1, "", START),
        dispute_sync.post_message(uow, dispute.id, MessageSender.SELLER, "m1", "x", (), START),
    ]
    for move in moves:
        with pytest.raises(DisputeMoveRefused) as caught:
            await move
        assert caught.value.status == "cancelled"
    with pytest.raises(DisputeNotAllowed):
        await disputes.open_dispute(uow, buyer, dispute.order_id, spec(), START, RULES)


async def test_moves_out_of_turn_are_refused(uow: UnitOfWork) -> None:
    buyer, dispute = await _opened(uow)
    with pytest.raises(DisputeMoveRefused) as caught:
        await disputes.accept_offer(uow, buyer.id, dispute.id, START, RULES)
    assert (caught.value.status, caught.value.action) == ("awaiting_seller", "accept")
    with pytest.raises(DisputeMoveRefused):
        await disputes.reject_offer(uow, buyer.id, dispute.id, 100, START, RULES)
    with pytest.raises(DisputeMoveRefused):
        await disputes.return_shipped(uow, buyer.id, dispute.id, "RR1", START)


async def test_messages_are_checked_and_the_marketplace_is_told(uow: UnitOfWork) -> None:
    buyer, dispute = await _opened(uow)
    with pytest.raises(MessageTooLong):
        await disputes.add_message(uow, buyer.id, dispute.id, "x" * 2001, (), START)
    with pytest.raises(DisputeMessageEmpty):
        await disputes.add_message(uow, buyer.id, dispute.id, "  ", (), START)
    with pytest.raises(TooManyAttachments):
        await disputes.add_message(uow, buyer.id, dispute.id, "", (PHOTO,) * 11, START)

    await disputes.add_message(uow, buyer.id, dispute.id, "", (PHOTO,), START + DAY)

    event = (await _events(uow))[-1]
    assert (event["kind"], event["attachments"]) == ("dispute.message", ["AgAC-photo-1"])


async def test_a_seller_message_is_stored_and_pushed_once(uow: UnitOfWork) -> None:
    _, dispute = await _opened(uow)
    link = AttachmentSpec("photo", url="https://example.com/label.jpg", file_name="label.jpg")

    for _ in range(2):
        await dispute_sync.post_message(
            uow, dispute.id, MessageSender.SELLER, "m-1", "Sorry!", (link,), START
        )

    card = await dispute_sync.get_card(uow, dispute.id)
    assert [m.author for m in card.messages] == [MessageSender.BUYER, MessageSender.SELLER]
    assert card.attachments[-1].url == "https://example.com/label.jpg"
    assert [kind for kind, _ in await _pushes(uow)] == ["dispute_message"]
