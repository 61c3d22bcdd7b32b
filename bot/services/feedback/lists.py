"""What the buyer's feedback screens load: the orders awaiting feedback, the "My feedback" tab
(every feedback the buyer has left, newest first, with its stars, text, photos, addition and the
seller's reply), one feedback's card, and the form's checks before the buyer starts it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.db.models import Feedback, Order
from bot.db.uow import UnitOfWork
from bot.services.errors import (
    FeedbackAlreadyLeft,
    FeedbackMissing,
    FeedbackWindowClosed,
    OrderNotFound,
)
from bot.services.feedback.rules import (
    FeedbackRules,
    additional_closes_at,
    feedback_refusal,
)
from bot.services.paging import page_count


@dataclass(frozen=True)
class LeftFeedback:
    feedback: Feedback
    order: Order  # store loaded
    photos: int  # the addition's photos included


@dataclass(frozen=True)
class LeftFeedbackPage:
    items: list[LeftFeedback]
    total: int
    page: int
    pages: int


async def my_feedback(
    uow: UnitOfWork, buyer_id: int, page: int, page_size: int
) -> LeftFeedbackPage:
    """One page of the buyer's feedback on orders outside the trash; a page past the end
    shows the last one."""
    async with uow:
        page = max(page, 0)
        rows, total = await uow.feedback.left_page(buyer_id, page * page_size, page_size)
        pages = page_count(total, page_size)
        if page >= pages:
            page = pages - 1
            rows, total = await uow.feedback.left_page(buyer_id, page * page_size, page_size)
        photos = await uow.feedback.photo_counts([feedback.id for feedback, _ in rows])
        items = [
            LeftFeedback(feedback, order, photos.get(feedback.id, 0)) for feedback, order in rows
        ]
        return LeftFeedbackPage(items, total, page, pages)


@dataclass(frozen=True)
class AwaitingPage:
    orders: list[Order]  # store loaded; soonest-closing window first
    total: int


async def awaiting_feedback(
    uow: UnitOfWork, buyer_id: int, now: datetime, rules: FeedbackRules, offset: int, limit: int
) -> AwaitingPage:
    """Completed orders still open for feedback (the home summary counts the same)."""
    async with uow:
        since = now - timedelta(days=rules.window_days)
        orders, total = await uow.feedback.awaiting_page(buyer_id, since, offset, limit)
        return AwaitingPage(orders, total)


async def get_feedback(uow: UnitOfWork, buyer_id: int, order_id: int) -> Feedback | None:
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        return await uow.feedback.for_order(order.id)


async def check_feedback_allowed(
    uow: UnitOfWork, buyer_id: int, order_id: int, now: datetime, rules: FeedbackRules
) -> Order:
    """The checks of `leave_feedback`, before the buyer spends time on the form."""
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id, with_details=True)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        if (refusal := feedback_refusal(order, now, rules)) is not None:
            raise refusal
        return order


@dataclass(frozen=True)
class FeedbackCard:
    order: Order  # store loaded
    feedback: Feedback
    photos: int
    additional_photos: int
    additional_until: datetime


async def feedback_card(
    uow: UnitOfWork, buyer_id: int, order_id: int, rules: FeedbackRules
) -> FeedbackCard:
    """The buyer's own feedback on one of their orders."""
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id, with_details=True)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        feedback = await uow.feedback.for_order(order.id)
        if feedback is None:
            raise FeedbackMissing(order_id=order.id)
        photos = await uow.feedback.photos(feedback.id)
        extra = sum(1 for photo in photos if photo.additional)
        until = additional_closes_at(feedback, rules)
        return FeedbackCard(order, feedback, len(photos) - extra, extra, until)


async def check_additional_allowed(
    uow: UnitOfWork, buyer_id: int, order_id: int, now: datetime, rules: FeedbackRules
) -> FeedbackCard:
    """The checks of `add_additional`, before the buyer starts writing."""
    card = await feedback_card(uow, buyer_id, order_id, rules)
    if card.feedback.additional_at is not None:
        raise FeedbackAlreadyLeft(order_id=card.order.id, additional=True)
    if now >= card.additional_until:
        raise FeedbackWindowClosed(closed_at=card.additional_until)
    return card
