"""The message center's after-sale letters (the seed: "the message center shows all
letters"): the correspondence of the buyer's disputes from sellers and the platform, and
sellers' replies to the buyer's feedback, with unread counts. Opening the dispute or the
feedback is what reads them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.models import Dispute, DisputeMessage, Feedback, Order
from bot.db.uow import UnitOfWork
from bot.services.paging import Page, page_of


@dataclass(frozen=True)
class LetterCounts:
    disputes: int  # unread letters in the buyer's disputes
    replies: int  # unread replies to the buyer's feedback


@dataclass(frozen=True)
class DisputeThread:
    dispute: Dispute
    order: Order  # store loaded
    latest: DisputeMessage
    unread: int


@dataclass(frozen=True)
class ThreadList:
    page: Page[DisputeThread]  # newest letter first


@dataclass(frozen=True)
class ReplyList:
    page: Page[tuple[Feedback, Order]]  # newest reply first; orders' stores loaded


async def letter_counts(uow: UnitOfWork, buyer_id: int) -> LetterCounts:
    async with uow:
        return LetterCounts(
            await uow.letters.count_unread_dispute_letters(buyer_id),
            await uow.letters.count_unread_replies(buyer_id),
        )


async def dispute_threads(uow: UnitOfWork, buyer_id: int, page: int, page_size: int) -> ThreadList:
    """One page of the buyer's disputes that have letters from the seller or the platform."""
    async with uow:
        total = await uow.letters.count_dispute_threads(buyer_id)

        async def fetch(offset: int, limit: int) -> list[DisputeThread]:
            rows = await uow.letters.dispute_threads(buyer_id, offset, limit)
            return [
                DisputeThread(dispute=dispute, order=order, latest=latest, unread=unread)
                for latest, dispute, order, unread in rows
            ]

        return ThreadList(await page_of(total, page, page_size, fetch))


async def feedback_replies(uow: UnitOfWork, buyer_id: int, page: int, page_size: int) -> ReplyList:
    async with uow:
        total = await uow.letters.count_replies(buyer_id)

        async def fetch(offset: int, limit: int) -> list[tuple[Feedback, Order]]:
            return await uow.letters.replies(buyer_id, offset, limit)

        return ReplyList(await page_of(total, page, page_size, fetch))


async def mark_dispute_read(uow: UnitOfWork, buyer_id: int, dispute_id: int, now: datetime) -> int:
    """The buyer opened the dispute: its letters are read (another buyer's: nothing)."""
    async with uow:
        count = await uow.letters.mark_dispute_read(buyer_id, dispute_id, now)
        await uow.commit()
        return count


async def mark_reply_read(uow: UnitOfWork, buyer_id: int, order_id: int, now: datetime) -> bool:
    """The buyer opened their feedback: the seller's reply is read."""
    async with uow:
        count = await uow.letters.mark_reply_read(buyer_id, order_id, now)
        await uow.commit()
        return count > 0
