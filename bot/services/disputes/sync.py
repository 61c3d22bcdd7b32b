"""The marketplace's side of a dispute, as the integration API delivers it: the seller's offer
and messages, the platform's messages and decision. Each pushes to the buyer in the same
transaction and keeps the deadlines in step.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.db.enums import DisputeStatus, MessageSender
from bot.db.models import Dispute, DisputeMessage
from bot.db.uow import UnitOfWork
from bot.services.accounts.sessions import is_account
from bot.services.deadlines import sync_dispute_deadlines
from bot.services.disputes import rules as rules_
from bot.services.disputes.buyer import AttachmentSpec, check_text, write_message
from bot.services.disputes.card import DisputeCard, load_card
from bot.services.disputes.rules import DisputeAction, DisputeRules
from bot.services.errors import BuyerNotFound, DisputeNotFound, RefundAmountInvalid
from bot.services.events import NoticeKind, notify

S, A = DisputeStatus, DisputeAction
MARKETPLACE_TEXT_LENGTH = 4000


async def _get(uow: UnitOfWork, dispute_id: int) -> Dispute:
    dispute = await uow.disputes.get(dispute_id)
    if dispute is None:
        raise DisputeNotFound(dispute_id=dispute_id)
    return dispute


async def get_card(uow: UnitOfWork, dispute_id: int) -> DisputeCard:
    async with uow:
        return await load_card(uow, await _get(uow, dispute_id))


async def list_buyer_disputes(
    uow: UnitOfWork, buyer_id: int, offset: int, limit: int
) -> tuple[list[Dispute], int]:
    async with uow:
        user = await uow.users.by_id(buyer_id)
        if user is None or not is_account(user):
            raise BuyerNotFound(buyer_id=buyer_id)
        return await uow.disputes.page_for_buyer(buyer_id, offset, limit)


async def post_message(
    uow: UnitOfWork,
    dispute_id: int,
    author: MessageSender,
    external_id: str,
    text: str,
    attachments: Sequence[AttachmentSpec],
    now: datetime,
) -> tuple[DisputeMessage, bool]:
    """A seller's or the platform's message; the same `external_id` again changes nothing.

    Returns the message and whether it is new; a new one is pushed to the buyer.
    """
    text = check_text(text, attachments, MARKETPLACE_TEXT_LENGTH, len)
    async with uow:
        dispute = await _get(uow, dispute_id)
        found = await uow.disputes.message_by_external_id(dispute.id, external_id)
        if found is not None:
            return found, False
        rules_.require(dispute, A.MESSAGE)
        message = await write_message(uow, dispute, author, text, attachments, now, external_id)
        await uow.disputes.flush()
        payload = {"dispute_id": dispute.id, "message_id": message.id}
        key = f"dispute_message:{message.id}"
        await notify(uow, dispute.buyer_id, NoticeKind.DISPUTE_MESSAGE, payload, key, now)
        await uow.commit()
        return message, True


async def seller_offer(
    uow: UnitOfWork,
    dispute_id: int,
    amount_minor: int,
    return_goods: bool,
    message: str,
    now: datetime,
    rules: DisputeRules,
) -> Dispute:
    """The seller's answer (or a revised one): an amount from 0 (refuse) up to what was paid,
    with or without a return; the buyer has `buyer_response_days` to answer."""
    text = message.strip()
    async with uow:
        dispute = await _get(uow, dispute_id)
        rules_.require(dispute, A.SELLER_OFFER)
        order = await uow.disputes.order_of(dispute)
        if not 0 <= amount_minor <= rules_.paid_minor(order):
            raise RefundAmountInvalid(amount_minor, rules_.paid_minor(order), order.currency)
        rules_.move(dispute, S.AWAITING_BUYER, now)
        dispute.offered_minor = amount_minor
        dispute.offer_return = return_goods
        dispute.buyer_due_at = now + timedelta(days=rules.buyer_response_days)
        if text:
            await write_message(uow, dispute, MessageSender.SELLER, text, (), now)
        await sync_dispute_deadlines(uow, dispute)
        payload = {"dispute_id": dispute.id, "offered_minor": amount_minor}
        key = f"dispute_offer:{dispute.id}:{now.isoformat()}"
        await notify(uow, dispute.buyer_id, NoticeKind.DISPUTE_OFFER, payload, key, now)
        await uow.commit()
        return dispute


async def platform_decide(
    uow: UnitOfWork, dispute_id: int, refund_minor: int | None, message: str, now: datetime
) -> Dispute:
    """The platform's final word: a refund (at most what was paid) or none (refused)."""
    text = message.strip()
    async with uow:
        dispute = await _get(uow, dispute_id)
        rules_.require(dispute, A.DECIDE)
        if refund_minor:
            rules_.check_refund(refund_minor, await uow.disputes.order_of(dispute))
            rules_.move(dispute, S.REFUNDED, now)
            dispute.refunded_minor = refund_minor
        else:
            rules_.move(dispute, S.REFUSED, now)
        if text:
            await write_message(uow, dispute, MessageSender.PLATFORM, text, (), now)
        await sync_dispute_deadlines(uow, dispute)
        payload = {"dispute_id": dispute.id, "status": dispute.status.value}
        key = f"dispute_decision:{dispute.id}"
        await notify(uow, dispute.buyer_id, NoticeKind.DISPUTE_DECISION, payload, key, now)
        await uow.commit()
        return dispute
