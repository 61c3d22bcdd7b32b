"""File references for the marketplace: each feedback photo (the addition's too) gets one in
its event, and only a reference of a stored photo resolves to its Telegram file id."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.db.enums import OrderStatus
from bot.db.models import OutboundEvent
from bot.db.uow import UnitOfWork
from bot.services import feedback, files
from bot.services.errors import FileRefNotFound
from bot.services.feedback import FeedbackRules, Ratings
from tests.conftest import START
from tests.factories import make_buyer, make_order


async def test_feedback_events_carry_refs_that_resolve_to_the_photos(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)
    order = await make_order(uow, anna, START, status=OrderStatus.COMPLETED)
    rules = FeedbackRules()
    await feedback.leave_feedback(
        uow, anna.id, order.id, Ratings(4, 4, 4, 4), "Ok", ["a", "b"], START, rules
    )
    later = START + timedelta(days=3)
    await feedback.add_additional(uow, anna.id, order.id, "More", ["c"], later, rules)
    async with uow:
        events = [row.payload for row in await uow.session.scalars(select(OutboundEvent))]
    refs = [event["photo_refs"] for event in events]
    assert [len(each) for each in refs] == [2, 1]
    assert [await files.telegram_file_id(uow, ref) for ref in refs[0] + refs[1]] == ["a", "b", "c"]

    for bad in ("fbp-999", "fbp-01", "fbp-", "a", "fbp-1/../2", ""):
        with pytest.raises(FileRefNotFound):
            await files.telegram_file_id(uow, bad)
