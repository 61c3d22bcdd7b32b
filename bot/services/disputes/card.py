"""The dispute card: the dispute with its order and correspondence, and the moves the buyer may
make on it now. `dispute_screen` reads it; every move of the buyer returns it as the move left
it (`bot.services.disputes.buyer`), built from the rows the move changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.models import Dispute, DisputeAttachment, DisputeMessage, Order
from bot.db.uow import UnitOfWork
from bot.services.disputes import rules as rules_
from bot.services.disputes.rules import DisputeAction
from bot.services.errors import DisputeNotFound

A = DisputeAction
# The buttons of a dispute card, in the order they are shown.
BUYER_MOVES = (A.RETURN_SHIPPED, A.ACCEPT, A.REJECT, A.ESCALATE, A.MESSAGE, A.CANCEL)


@dataclass(frozen=True)
class DisputeCard:
    """A dispute with its order and the whole correspondence (the export and the API's view)."""

    dispute: Dispute
    order: Order
    messages: list[DisputeMessage]
    attachments: list[DisputeAttachment]


@dataclass(frozen=True)
class DisputeScreen(DisputeCard):
    """The card as the buyer is shown it, read in one transaction: `moves` are the buyer's moves
    that would not be refused now, in the order of their buttons."""

    moves: tuple[DisputeAction, ...]

    def can(self, move: DisputeAction) -> bool:
        return move in self.moves


@dataclass(frozen=True)
class DisputeBrief:
    """A dispute and its order: what a question asked before a move names."""

    dispute: Dispute
    order: Order

    @property
    def paid_minor(self) -> int:
        """What the buyer paid: the ceiling of a counter-proposal."""
        return rules_.paid_minor(self.order)


def buyer_moves(dispute: Dispute, now: datetime) -> tuple[DisputeAction, ...]:
    """The buyer's moves that would not be refused now (escalation also needs its time)."""
    return tuple(move for move in BUYER_MOVES if _may(dispute, move, now))


def _may(dispute: Dispute, move: DisputeAction, now: datetime) -> bool:
    if move is A.ESCALATE:
        return rules_.can_escalate(dispute, now)
    if move is A.RETURN_SHIPPED and dispute.return_due_at is None:
        return False  # the tracking number was already given
    return rules_.can(dispute, move)


async def own_dispute(uow: UnitOfWork, buyer_id: int, dispute_id: int) -> tuple[Dispute, Order]:
    """The buyer's dispute with its order, in one read (inside a transaction)."""
    found = await uow.disputes.get_with_order_for_buyer(buyer_id, dispute_id)
    if found is None:
        raise DisputeNotFound(dispute_id=dispute_id)
    return found


async def load_card(uow: UnitOfWork, dispute: Dispute) -> DisputeCard:
    return DisputeCard(
        dispute,
        await uow.disputes.order_of(dispute),
        await uow.disputes.messages(dispute.id),
        await uow.disputes.attachments(dispute.id),
    )


async def screen_of(
    uow: UnitOfWork, dispute: Dispute, order: Order, now: datetime
) -> DisputeScreen:
    """The card of a dispute already read in this transaction (after a move, too). Showing it
    to the buyer reads its letters, for the message center's count; the caller commits."""
    await uow.disputes.flush()  # what a move wrote is part of the correspondence shown
    await uow.letters.mark_dispute_read(dispute.buyer_id, dispute.id, now)
    return DisputeScreen(
        dispute,
        order,
        await uow.disputes.messages(dispute.id),
        await uow.disputes.attachments(dispute.id),
        buyer_moves(dispute, now),
    )


async def dispute_screen(
    uow: UnitOfWork, buyer_id: int, dispute_id: int, now: datetime
) -> DisputeScreen:
    async with uow:
        dispute, order = await own_dispute(uow, buyer_id, dispute_id)
        screen = await screen_of(uow, dispute, order, now)
        await uow.commit()
        return screen


async def get_dispute(uow: UnitOfWork, buyer_id: int, dispute_id: int) -> DisputeCard:
    """The whole card without marking anything read (the correspondence pages, the export)."""
    async with uow:
        dispute, _order = await own_dispute(uow, buyer_id, dispute_id)
        return await load_card(uow, dispute)


async def dispute_brief(
    uow: UnitOfWork, buyer_id: int, dispute_id: int, move: DisputeAction | None = None
) -> DisputeBrief:
    """The buyer's dispute and its order, for a question asked before a move; with `move`,
    refused at once when the dispute's stage does not allow it (before the buyer types)."""
    async with uow:
        dispute, order = await own_dispute(uow, buyer_id, dispute_id)
        if move is not None:
            rules_.require(dispute, move)
        return DisputeBrief(dispute, order)
