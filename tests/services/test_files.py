"""File references for the marketplace: each feedback photo (the addition's too), dispute
evidence and photo to a seller gets one in its event, and only a reference of a stored file
resolves to its Telegram file id."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.db.enums import DisputeReason, OrderStatus
from bot.db.models import OutboundEvent
from bot.db.uow import UnitOfWork
from bot.services import files
from bot.services.disputes import buyer as disputes
from bot.services.disputes.buyer import AttachmentSpec, DisputeSpec
from bot.services.disputes.rules import DisputeRules
from bot.services.errors import FileRefNotFound
from bot.services.feedback import buyer as feedback
from bot.services.feedback.rules import FeedbackRules, Ratings
from bot.services.messages import conversation as messages
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


async def test_dispute_evidence_and_photos_to_sellers_get_refs_too(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)
    order = await make_order(uow, anna, START, status=OrderStatus.SHIPPED, days_ago=10)
    evidence = (
        AttachmentSpec("photo", telegram_file_id="AgAC-box"),
        AttachmentSpec("document", url="https://example.com/receipt.pdf"),  # fetchable already
    )
    spec = DisputeSpec(DisputeReason.NOT_RECEIVED, None, False, "Never arrived", evidence)
    dispute = (
        await disputes.open_dispute(uow, anna, order.id, spec, START, DisputeRules())
    ).dispute
    more = (AttachmentSpec("video", telegram_file_id="BAAC-unboxing"),)
    await disputes.add_message(uow, anna.id, dispute.id, "See the video", more, START)
    await messages.send_to_seller(uow, anna.id, order.id, "", START, photo_file_id="AgAC-label")

    async with uow:
        rows = await uow.session.scalars(select(OutboundEvent).order_by(OutboundEvent.id))
        events = {row.kind: row.payload for row in rows}
    opened = events["dispute.opened"]["evidence_refs"]
    added = events["dispute.message"]["attachment_refs"]
    photo = events["order.message_sent"]["photo_ref"]
    assert [len(opened), len(added)] == [1, 1]
    resolved = [await files.telegram_file_id(uow, ref) for ref in (*opened, *added, photo)]
    assert resolved == ["AgAC-box", "BAAC-unboxing", "AgAC-label"]
