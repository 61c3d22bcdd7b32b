"""The dispute card offers a move only when making it would not be refused: at every stage of
a dispute, each move the card offers goes through, and each move the service refuses is not
offered (a button that answers with a refusal would be a lie on the screen)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

import pytest

from bot.db.enums import DisputeReason, OrderStatus
from bot.db.models import Dispute, User
from bot.db.uow import UnitOfWork
from bot.services.disputes import buyer as disputes
from bot.services.disputes import card as dispute_card
from bot.services.disputes import sync as dispute_sync
from bot.services.disputes.buyer import DisputeSpec
from bot.services.disputes.card import BUYER_MOVES
from bot.services.disputes.rules import DisputeAction, DisputeRules
from bot.services.errors import DomainError
from tests.conftest import START
from tests.factories import make_buyer, make_order

DAY = timedelta(days=1)
RULES = DisputeRules()
A = DisputeAction

# Brings a freshly opened dispute to a stage; returns the moment the card is looked at.
Stage = Callable[[UnitOfWork, User, Dispute], Awaitable[datetime]]


async def _opened(uow: UnitOfWork, buyer: User, dispute: Dispute) -> datetime:
    return START


async def _seller_late(uow: UnitOfWork, buyer: User, dispute: Dispute) -> datetime:
    return START + RULES.seller_response_days * DAY


async def _offered(uow: UnitOfWork, buyer: User, dispute: Dispute) -> datetime:
    await dispute_sync.seller_offer(uow, dispute.id, 500, False, "Half?", START, RULES)
    return START


async def _countered(uow: UnitOfWork, buyer: User, dispute: Dispute) -> datetime:
    await _offered(uow, buyer, dispute)
    await disputes.reject_offer(uow, buyer.id, dispute.id, 2000, START, RULES)
    return START


async def _offered_again(uow: UnitOfWork, buyer: User, dispute: Dispute) -> datetime:
    await _countered(uow, buyer, dispute)
    await dispute_sync.seller_offer(uow, dispute.id, 1500, False, "More?", START, RULES)
    return START


async def _return_awaited(uow: UnitOfWork, buyer: User, dispute: Dispute) -> datetime:
    await dispute_sync.seller_offer(uow, dispute.id, 2450, True, "Send it back", START, RULES)
    await disputes.accept_offer(uow, buyer.id, dispute.id, START, RULES)
    return START


async def _returned(uow: UnitOfWork, buyer: User, dispute: Dispute) -> datetime:
    await _return_awaited(uow, buyer, dispute)
    await disputes.return_shipped(uow, buyer.id, dispute.id, "RR123456789CN", START)
    return START


async def _escalated(uow: UnitOfWork, buyer: User, dispute: Dispute) -> datetime:
    await _countered(uow, buyer, dispute)
    await disputes.escalate(uow, buyer.id, dispute.id, START)
    return START


async def _refunded(uow: UnitOfWork, buyer: User, dispute: Dispute) -> datetime:
    await _offered(uow, buyer, dispute)
    await disputes.accept_offer(uow, buyer.id, dispute.id, START, RULES)
    return START


STAGES: dict[str, tuple[Stage, tuple[DisputeAction, ...]]] = {
    "opened": (_opened, (A.MESSAGE, A.CANCEL)),
    "seller late": (_seller_late, (A.ESCALATE, A.MESSAGE, A.CANCEL)),
    "offered": (_offered, (A.ACCEPT, A.REJECT, A.MESSAGE, A.CANCEL)),
    "countered": (_countered, (A.ESCALATE, A.MESSAGE, A.CANCEL)),
    "offered again": (_offered_again, (A.ACCEPT, A.REJECT, A.ESCALATE, A.MESSAGE, A.CANCEL)),
    "return awaited": (_return_awaited, (A.RETURN_SHIPPED, A.MESSAGE, A.CANCEL)),
    "returned": (_returned, (A.MESSAGE, A.CANCEL)),
    "escalated": (_escalated, (A.MESSAGE, A.CANCEL)),
    "refunded": (_refunded, ()),
}


async def _make(
    uow: UnitOfWork, buyer_id: int, dispute_id: int, move: DisputeAction, at: datetime
) -> None:
    match move:
        case A.RETURN_SHIPPED:
            await disputes.return_shipped(uow, buyer_id, dispute_id, "RR987654321CN", at)
        case A.ACCEPT:
            await disputes.accept_offer(uow, buyer_id, dispute_id, at, RULES)
        case A.REJECT:
            await disputes.reject_offer(uow, buyer_id, dispute_id, 100, at, RULES)
        case A.ESCALATE:
            await disputes.escalate(uow, buyer_id, dispute_id, at)
        case A.MESSAGE:
            await disputes.add_message(uow, buyer_id, dispute_id, "Any news?", (), at)
        case A.CANCEL:
            await disputes.cancel(uow, buyer_id, dispute_id, at)


@pytest.mark.parametrize("stage", list(STAGES))
async def test_the_card_offers_exactly_the_moves_that_go_through(
    uow: UnitOfWork, stage: str
) -> None:
    bring, expected = STAGES[stage]
    buyer = await make_buyer(uow, 1001, START)
    spec = DisputeSpec(DisputeReason.NOT_AS_DESCRIBED, None, True, "Wrong colour entirely")
    for move in BUYER_MOVES:  # a dispute of its own for each move, all at the same stage
        order = await make_order(uow, buyer, START, status=OrderStatus.SHIPPED, days_ago=10)
        dispute = (await disputes.open_dispute(uow, buyer, order.id, spec, START, RULES)).dispute
        at = await bring(uow, buyer, dispute)
        screen = await dispute_card.dispute_screen(uow, buyer.id, dispute.id, at)
        assert screen.moves == expected

        try:
            await _make(uow, buyer.id, dispute.id, move, at)
        except DomainError as refusal:
            assert not screen.can(move), f"{move} is offered at {stage} but refused: {refusal!r}"
        else:
            # Only one move goes through without being offered: the return parcel given
            # again, which changes nothing.
            assert screen.can(move) or (move, stage) == (A.RETURN_SHIPPED, "returned")
