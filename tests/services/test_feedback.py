"""Feedback rules with a fixed clock: once per completed order, one addition within its
window, ratings 1-5, the store rating recomputed, and the window-closing reminder."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.db.enums import OrderStatus
from bot.db.models import Deadline, OutboundEvent, OutboxMessage, Store
from bot.db.uow import UnitOfWork
from bot.services.deadlines import scan_deadlines
from bot.services.errors import (
    FeedbackAlreadyLeft,
    FeedbackMissing,
    FeedbackNotAllowed,
    FeedbackReplyExists,
    FeedbackWindowClosed,
    OrderNotFound,
    RatingOutOfRange,
    TextTooLong,
)
from bot.services.feedback import buyer as feedback
from bot.services.feedback import lists as feedback_lists
from bot.services.feedback import store_ratings
from bot.services.feedback import sync as feedback_sync
from bot.services.feedback.rules import FeedbackRules, Ratings
from bot.services.feedback.store_ratings import store_rating
from bot.services.home import cabinet_summary
from bot.services.orders import sync as order_sync
from tests.conftest import START
from tests.factories import make_buyer, make_order

DAY = timedelta(days=1)
RULES = FeedbackRules(window_days=30, additional_days=150, rating_period_days=180)
FIVE = Ratings(5, 5, 4, 5)


async def _store(uow: UnitOfWork, store_id: int) -> tuple[float | None, float | None, int]:
    async with uow:
        store = await uow.session.get(Store, store_id)
        assert store is not None
        return store.rating_positive_share, store.rating_average, store.rating_count


async def test_feedback_is_left_once_and_leaves_the_awaiting_list(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)
    order = await make_order(uow, anna, START, status=OrderStatus.COMPLETED)
    page = (await feedback_lists.awaiting_feedback(uow, anna.id, START, RULES, 0, 10)).page
    summary = await cabinet_summary(uow, anna.id, START, RULES.window_days)
    assert [o.order.id for o in page.items] == [order.id] and summary.to_review == page.total == 1

    left = await feedback.leave_feedback(
        uow, anna.id, order.id, FIVE, " Great ", ["photo-1"], START, RULES
    )

    assert (left.feedback.rating, left.feedback.text) == (5, "Great")
    assert (
        await feedback_lists.awaiting_feedback(uow, anna.id, START, RULES, 0, 10)
    ).page.total == 0
    assert (await cabinet_summary(uow, anna.id, START, RULES.window_days)).to_review == 0
    with pytest.raises(FeedbackAlreadyLeft):
        await feedback.leave_feedback(uow, anna.id, order.id, FIVE, "", [], START, RULES)
    async with uow:
        events = list(await uow.session.scalars(select(OutboundEvent)))
    assert [(e.kind, e.payload["rating"], e.payload["photos"]) for e in events] == [
        ("feedback.left", 5, 1)
    ]


async def test_only_the_owner_of_a_completed_order_within_the_window(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)
    boris = await make_buyer(uow, 1002, START, name="Boris")
    shipped = await make_order(uow, anna, START, status=OrderStatus.SHIPPED)
    done = await make_order(uow, anna, START, status=OrderStatus.COMPLETED)
    with pytest.raises(OrderNotFound):
        await feedback.leave_feedback(uow, boris.id, done.id, FIVE, "", [], START, RULES)
    with pytest.raises(FeedbackNotAllowed):
        await feedback.leave_feedback(uow, anna.id, shipped.id, FIVE, "", [], START, RULES)
    assert done.completed_at is not None
    closes = done.completed_at + 30 * DAY
    after = closes + timedelta(seconds=1)
    assert (
        await feedback_lists.awaiting_feedback(uow, anna.id, closes, RULES, 0, 10)
    ).page.total == 1
    with pytest.raises(FeedbackWindowClosed) as error:
        await feedback.leave_feedback(uow, anna.id, done.id, FIVE, "", [], after, RULES)
    assert error.value.closed_at == closes
    assert (
        await feedback_lists.awaiting_feedback(uow, anna.id, after, RULES, 0, 10)
    ).page.total == 0


@pytest.mark.parametrize("stars", [0, 6, -1])
async def test_ratings_are_1_to_5_and_text_at_most_1000(uow: UnitOfWork, stars: int) -> None:
    anna = await make_buyer(uow, 1001, START)
    order = await make_order(uow, anna, START, status=OrderStatus.COMPLETED)
    with pytest.raises(RatingOutOfRange) as error:
        await feedback.leave_feedback(
            uow, anna.id, order.id, Ratings(5, 5, stars, 5), "", [], START, RULES
        )
    assert (error.value.field, error.value.value) == ("communication", stars)
    with pytest.raises(TextTooLong):
        await feedback.leave_feedback(uow, anna.id, order.id, FIVE, "x" * 1001, [], START, RULES)
    await feedback.leave_feedback(uow, anna.id, order.id, FIVE, "x" * 1000, [], START, RULES)


async def test_one_addition_within_150_days_of_the_feedback(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)
    first = await make_order(uow, anna, START, status=OrderStatus.COMPLETED)
    late = await make_order(uow, anna, START, status=OrderStatus.COMPLETED)
    with pytest.raises(FeedbackMissing):
        await feedback.add_additional(uow, anna.id, first.id, "more", [], START, RULES)
    for order in (first, late):
        await feedback.leave_feedback(uow, anna.id, order.id, FIVE, "ok", [], START, RULES)

    added = await feedback.add_additional(
        uow, anna.id, first.id, "Still works", ["p"], START + 149 * DAY, RULES
    )
    assert (added.feedback.additional_text, added.feedback.additional_at) == (
        "Still works",
        START + 149 * DAY,
    )
    with pytest.raises(FeedbackAlreadyLeft) as again:
        await feedback.add_additional(uow, anna.id, first.id, "x", [], START + 150 * DAY, RULES)
    assert again.value.additional
    with pytest.raises(FeedbackWindowClosed):
        await feedback.add_additional(uow, anna.id, late.id, "x", [], START + 150 * DAY, RULES)


async def test_the_store_rating_counts_the_period_only(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)
    orders = [
        await make_order(uow, anna, START, status=OrderStatus.COMPLETED, days_ago=5)
        for _ in range(3)
    ]
    await feedback.leave_feedback(
        uow, anna.id, orders[0].id, Ratings(2, 2, 2, 2), "", [], START, RULES
    )
    await feedback.leave_feedback(uow, anna.id, orders[1].id, FIVE, "", [], START, RULES)
    assert await _store(uow, orders[0].store_id) == (0.5, 3.5, 2)

    later = START + 20 * DAY  # the first two fall out of a 10-day period
    async with uow:
        order = await uow.orders.get_for_buyer(anna.id, orders[2].id)
        assert order is not None
        order.completed_at = later - DAY
        await uow.commit()
    rules = FeedbackRules(rating_period_days=10)
    await feedback.leave_feedback(
        uow, anna.id, orders[2].id, Ratings(4, 4, 4, 4), "", [], later, rules
    )
    assert await _store(uow, orders[0].store_id) == (1.0, 4.0, 1)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(1, 5), max_size=50))
def test_rating_numbers_for_any_ratings(ratings: list[int]) -> None:
    rating = store_rating(len(ratings), sum(ratings), sum(r >= 4 for r in ratings))
    assert rating.count == len(ratings)
    if not ratings:
        assert (rating.positive_share, rating.average) == (None, None)
        return
    assert rating.average == pytest.approx(sum(ratings) / len(ratings))
    assert 1 <= rating.average <= 5 and 0 <= rating.positive_share <= 1  # type: ignore[operator]
    assert rating.positive_share == pytest.approx(
        len([r for r in ratings if r in (4, 5)]) / len(ratings)
    )


async def test_the_window_closing_is_reminded_3_days_before_unless_feedback_is_left(
    uow: UnitOfWork,
) -> None:
    anna = await make_buyer(uow, 1001, START, external_id="b-1")
    first = await make_order(
        uow, anna, START, status=OrderStatus.DELIVERED, number="81000000000101"
    )
    second = await make_order(
        uow, anna, START, status=OrderStatus.DELIVERED, number="81000000000102"
    )
    for order in (first, second):
        change = order_sync.StatusChange(OrderStatus.COMPLETED)
        await order_sync.change_status(uow, order.number, change, START, 15, 30)
    async with uow:
        due = [(d.kind, d.due_at) for d in await uow.session.scalars(select(Deadline))]
    assert due == [("feedback_closes", START + 30 * DAY)] * 2
    await feedback.leave_feedback(uow, anna.id, second.id, FIVE, "", [], START, RULES)

    await scan_deadlines(uow, START + 27 * DAY - timedelta(seconds=1))
    await scan_deadlines(uow, START + 27 * DAY)
    await scan_deadlines(uow, START + 28 * DAY)
    async with uow:
        rows = list(
            await uow.session.scalars(
                select(OutboxMessage).where(OutboxMessage.kind == "feedback_closing")
            )
        )
    assert [row.payload for row in rows] == [
        {"order_id": first.id, "due_at": (START + 30 * DAY).isoformat()}
    ]


async def test_the_seller_replies_once_and_the_buyer_is_pushed(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)
    order = await make_order(uow, anna, START, status=OrderStatus.COMPLETED)
    with pytest.raises(FeedbackMissing):
        await feedback_sync.seller_reply(uow, order.number, "Thanks", START)
    await feedback.leave_feedback(uow, anna.id, order.id, FIVE, "", [], START, RULES)

    for _ in range(2):  # the same reply again changes nothing
        replied = await feedback_sync.seller_reply(uow, order.number, "Thanks!", START + DAY)
    assert (replied.seller_reply, replied.seller_reply_at) == ("Thanks!", START + DAY)
    with pytest.raises(FeedbackReplyExists):
        await feedback_sync.seller_reply(uow, order.number, "Other", START + DAY)
    async with uow:
        kinds = list(await uow.session.scalars(select(OutboxMessage.kind)))
    assert kinds == ["feedback_reply"]


async def test_old_feedback_leaves_the_rating_with_the_daily_refresh(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1, START)
    order = await make_order(uow, anna, START, status=OrderStatus.COMPLETED)
    await feedback.leave_feedback(uow, anna.id, order.id, FIVE, "", [], START, RULES)
    assert (await _store(uow, order.store_id))[2] == 1

    assert await store_ratings.refresh_store_ratings(uow, START + timedelta(days=179), RULES) == 1
    assert (await _store(uow, order.store_id))[2] == 1  # still inside the 180-day period
    await store_ratings.refresh_store_ratings(uow, START + timedelta(days=181), RULES)
    assert await _store(uow, order.store_id) == (None, None, 0)  # gone from the period
