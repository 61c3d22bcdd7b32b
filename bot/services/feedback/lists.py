"""What the buyer's feedback screens show, each read in one transaction: the orders awaiting
feedback, the "My feedback" tab (every feedback the buyer has left, newest first, with its
stars, text, photos, addition and the seller's reply), one feedback's card, and the form's
checks before the buyer starts it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.db.models import Feedback, Order
from bot.db.uow import UnitOfWork
from bot.services.errors import FeedbackMissing, OrderNotFound
from bot.services.feedback.drafts import FeedbackDraft
from bot.services.feedback.rules import (
    FeedbackRules,
    addition_refusal,
    additional_closes_at,
    feedback_refusal,
    window_closes_at,
)
from bot.services.paging import Page, page_of


@dataclass(frozen=True)
class AwaitingOrder:
    order: Order  # store loaded
    closes_at: datetime  # when its feedback window ends


@dataclass(frozen=True)
class AwaitingList:
    """Completed orders still open for feedback, soonest-closing window first."""

    page: Page[AwaitingOrder]


@dataclass(frozen=True)
class LeftFeedback:
    feedback: Feedback
    order: Order  # store loaded
    photos: int  # the addition's photos included


@dataclass(frozen=True)
class MyFeedbackList:
    page: Page[LeftFeedback]
    awaiting: int  # orders still open for feedback, on the tab that leads to them


@dataclass(frozen=True)
class FeedbackScreen:
    """The buyer's own feedback on one order, and what may be added to it."""

    order: Order  # store loaded
    feedback: Feedback
    photos: int
    additional_photos: int
    additional_until: datetime
    can_add: bool  # the one addition would be accepted now

    @property
    def offers_addition(self) -> bool:
        """The Add button stays until the addition is made: once its window has closed,
        pressing it tells the buyer on which day it did."""
        return self.feedback.additional_at is None


def _completed_since(now: datetime, rules: FeedbackRules) -> datetime:
    return now - timedelta(days=rules.window_days)


def _closes_at(order: Order, rules: FeedbackRules) -> datetime:
    closes = window_closes_at(order, rules)
    assert closes is not None  # a completed order
    return closes


async def count_awaiting(
    uow: UnitOfWork, buyer_id: int, now: datetime, rules: FeedbackRules
) -> int:
    """Completed orders still open for feedback (inside a transaction; the home summary
    counts the same)."""
    return await uow.orders.count_awaiting_feedback(buyer_id, _completed_since(now, rules))


async def awaiting_feedback(  # noqa: PLR0913 - the buyer, the rule and the page
    uow: UnitOfWork,
    buyer_id: int,
    now: datetime,
    rules: FeedbackRules,
    page: int,
    page_size: int,
) -> AwaitingList:
    async with uow:
        total = await count_awaiting(uow, buyer_id, now, rules)

        async def fetch(offset: int, limit: int) -> list[AwaitingOrder]:
            since = _completed_since(now, rules)
            orders = await uow.feedback.awaiting(buyer_id, since, offset, limit)
            return [AwaitingOrder(order, _closes_at(order, rules)) for order in orders]

        return AwaitingList(await page_of(total, page, page_size, fetch))


async def my_feedback(  # noqa: PLR0913 - the buyer, the rule of the awaiting tab and the page
    uow: UnitOfWork,
    buyer_id: int,
    now: datetime,
    rules: FeedbackRules,
    page: int,
    page_size: int,
) -> MyFeedbackList:
    """One page of the buyer's feedback on orders outside the trash; a page past the end
    shows the last one."""
    async with uow:
        total = await uow.feedback.count_left(buyer_id)

        async def fetch(offset: int, limit: int) -> list[LeftFeedback]:
            rows = await uow.feedback.left(buyer_id, offset, limit)
            photos = await uow.feedback.photo_counts([feedback.id for feedback, _ in rows])
            return [LeftFeedback(item, order, photos.get(item.id, 0)) for item, order in rows]

        found = await page_of(total, page, page_size, fetch)
        return MyFeedbackList(found, await count_awaiting(uow, buyer_id, now, rules))


async def _own_feedback(
    uow: UnitOfWork, buyer_id: int, order_id: int, *, with_details: bool = False
) -> tuple[Order, Feedback]:
    """The buyer's order and their feedback on it (inside a transaction)."""
    order = await uow.orders.get_for_buyer(buyer_id, order_id, with_details=with_details)
    if order is None:
        raise OrderNotFound(order_id=order_id)
    feedback = await uow.feedback.for_order(order.id)
    if feedback is None:
        raise FeedbackMissing(order_id=order.id)
    return order, feedback


async def build_feedback_screen(
    uow: UnitOfWork, order: Order, feedback: Feedback, now: datetime, rules: FeedbackRules
) -> FeedbackScreen:
    """The card of a feedback read in this transaction (after the addition, too). Seeing
    the card is reading the seller's reply: the message center stops counting it."""
    if feedback.seller_reply is not None and feedback.seller_reply_read_at is None:
        feedback.seller_reply_read_at = now
    await uow.commit()
    photos = await uow.feedback.photos(feedback.id)
    extra = sum(1 for photo in photos if photo.additional)
    until = additional_closes_at(feedback, rules)
    can_add = addition_refusal(feedback, now, rules) is None
    return FeedbackScreen(order, feedback, len(photos) - extra, extra, until, can_add)


async def feedback_screen(
    uow: UnitOfWork, buyer_id: int, order_id: int, now: datetime, rules: FeedbackRules
) -> FeedbackScreen:
    """The buyer's own feedback on one of their orders."""
    async with uow:
        order, feedback = await _own_feedback(uow, buyer_id, order_id, with_details=True)
        return await build_feedback_screen(uow, order, feedback, now, rules)


async def start_feedback(
    uow: UnitOfWork, buyer_id: int, order_id: int, now: datetime, rules: FeedbackRules
) -> FeedbackDraft:
    """The checks of `leave_feedback`, before the buyer spends time on the form; the form's
    empty draft."""
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        if (refusal := feedback_refusal(order, now, rules)) is not None:
            raise refusal
        return FeedbackDraft(order.id, order.number)


async def start_addition(
    uow: UnitOfWork, buyer_id: int, order_id: int, now: datetime, rules: FeedbackRules
) -> FeedbackDraft:
    """The checks of `add_additional`, before the buyer starts writing; the addition's empty
    draft."""
    async with uow:
        order, feedback = await _own_feedback(uow, buyer_id, order_id)
        if (refusal := addition_refusal(feedback, now, rules)) is not None:
            raise refusal
        return FeedbackDraft(order.id, order.number, additional=True)
