"""The feedback screens' reads: "My feedback" (only the buyer's own feedback, newest first,
paged with a page past the end showing the last one, photos counted with the addition's),
and the card offering the one addition exactly as the form would take it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.db.enums import OrderStatus
from bot.db.uow import UnitOfWork
from bot.services.errors import FeedbackAlreadyLeft, FeedbackWindowClosed
from bot.services.feedback import buyer as feedback
from bot.services.feedback.lists import feedback_screen, my_feedback, start_addition
from bot.services.feedback.rules import FeedbackRules, Ratings
from bot.services.orders import trash
from tests.conftest import START
from tests.factories import make_buyer, make_order

RULES = FeedbackRules()


async def _rated(uow: UnitOfWork, buyer_id: int, user, minutes: int, photos: list[str]):
    order = await make_order(uow, user, START, status=OrderStatus.COMPLETED)
    at = START + timedelta(minutes=minutes)
    await feedback.leave_feedback(
        uow, buyer_id, order.id, Ratings(5, 5, 5, 5), "", photos, at, RULES
    )
    return order


async def test_my_feedback_is_the_buyers_own_newest_first_and_paged(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)
    boris = await make_buyer(uow, 1002, START)
    first = await _rated(uow, anna.id, anna, 1, ["a"])
    second = await _rated(uow, anna.id, anna, 2, [])
    third = await _rated(uow, anna.id, anna, 3, [])
    await _rated(uow, boris.id, boris, 4, [])
    later = START + timedelta(hours=1)
    await feedback.add_additional(uow, anna.id, first.id, "More", ["b", "c"], later, RULES)

    page = (await my_feedback(uow, anna.id, START, RULES, 0, 2)).page
    assert [item.order.id for item in page.items] == [third.id, second.id]
    assert (page.total, page.number, page.pages) == (3, 0, 2)
    # past the end: the last page
    last = (await my_feedback(uow, anna.id, START, RULES, 9, 2)).page
    assert [item.order.id for item in last.items] == [first.id]
    assert (last.number, last.items[0].photos) == (1, 3)
    assert last.items[0].order.store.name  # loaded for the screen

    await trash.move_to_trash(uow, anna.id, second.id, later)
    # deleted orders: in the trash
    assert (await my_feedback(uow, anna.id, START, RULES, 0, 5)).page.total == 2


async def test_the_card_says_the_addition_can_be_made_exactly_while_the_form_takes_it(
    uow: UnitOfWork,
) -> None:
    anna = await make_buyer(uow, 1001, START)
    order = await _rated(uow, anna.id, anna, 0, [])
    last_moment = START + timedelta(days=RULES.additional_days) - timedelta(seconds=1)
    closed = START + timedelta(days=RULES.additional_days)

    card = await feedback_screen(uow, anna.id, order.id, last_moment, RULES)
    assert card.can_add and card.offers_addition
    await start_addition(uow, anna.id, order.id, last_moment, RULES)

    card = await feedback_screen(uow, anna.id, order.id, closed, RULES)
    # Still offered: pressing it tells the buyer the day the time ended.
    assert not card.can_add and card.offers_addition
    with pytest.raises(FeedbackWindowClosed):
        await start_addition(uow, anna.id, order.id, closed, RULES)

    added = await feedback.add_additional(uow, anna.id, order.id, "More", [], last_moment, RULES)
    assert not added.can_add and not added.offers_addition
    with pytest.raises(FeedbackAlreadyLeft):
        await start_addition(uow, anna.id, order.id, last_moment, RULES)
