"""Complaints with a fixed clock: the target must exist and be the buyer's to see, the event
names the buyer only when not anonymous, and the review moves only forward."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.db.enums import ComplaintReason, ComplaintStatus, ComplaintTarget, OrderStatus
from bot.db.models import OutboundEvent, OutboxMessage
from bot.db.uow import UnitOfWork
from bot.services import complaints
from bot.services.errors import (
    ComplaintAlreadyOpen,
    ComplaintTargetNotFound,
    IllegalComplaintStatusChange,
    TextTooLong,
)
from bot.services.messages import conversation as messages
from bot.services.orders import sync as order_sync
from tests.conftest import START
from tests.factories import make_buyer, make_order

S = ComplaintStatus
T = ComplaintTarget
SPAM = ComplaintReason.SPAM


async def _events(uow: UnitOfWork) -> list[dict[str, object]]:
    async with uow:
        query = select(OutboundEvent).where(OutboundEvent.kind == "complaint.filed")
        return [e.payload for e in await uow.session.scalars(query.order_by(OutboundEvent.id))]


async def test_anonymity_keeps_the_buyer_out_of_the_event(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)
    order = await make_order(uow, anna, START)
    named = await complaints.file_complaint(
        uow, anna.id, T.STORE, order.store_id, SPAM, " spam ", False, START
    )
    assert named.status is S.SUBMITTED and named.text == "spam"
    with pytest.raises(ComplaintAlreadyOpen):
        await complaints.file_complaint(
            uow, anna.id, T.STORE, order.store_id, SPAM, "", True, START
        )
    await complaints.change_status(uow, named.id, S.REJECTED, None, START)
    anonymous = await complaints.file_complaint(
        uow, anna.id, T.STORE, order.store_id, ComplaintReason.OTHER, "", True, START
    )

    first, second = await _events(uow)
    assert first["buyer_id"] == anna.id and first["store_external_id"] == "s-UGREEN Official Store"
    assert "buyer_id" not in second and second["anonymous"] is True
    assert second["complaint_id"] == anonymous.id
    listing = await complaints.list_complaints(uow, anna.id, 0, 10)
    assert [(c.id, c.status) for c in listing.page.items] == [
        (anonymous.id, S.SUBMITTED),
        (named.id, S.REJECTED),
    ]


async def test_the_target_must_exist_and_a_message_must_be_to_the_buyer(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START, external_id="b-1")
    boris = await make_buyer(uow, 1002, START, name="Boris")
    order = await make_order(uow, anna, START, status=OrderStatus.SHIPPED)
    seller, _ = await order_sync.add_seller_message(uow, order.number, "m1", "Buy!", START, START)
    own = await messages.send_to_seller(uow, anna.id, order.id, "Hi", START)

    for target, target_id, who in [
        (T.PRODUCT, 999, anna),
        (T.STORE, 999, anna),
        (T.MESSAGE, seller.id, boris),
        (T.MESSAGE, own.id, anna),
    ]:
        with pytest.raises(ComplaintTargetNotFound):
            await complaints.file_complaint(uow, who.id, target, target_id, SPAM, "", False, START)
    with pytest.raises(TextTooLong):
        await complaints.file_complaint(
            uow, anna.id, T.MESSAGE, seller.id, SPAM, "x" * 1001, False, START
        )

    filed = await complaints.file_complaint(
        uow, anna.id, T.MESSAGE, seller.id, SPAM, "", False, START
    )
    (event,) = await _events(uow)
    assert (event["order_number"], event["message_external_id"]) == (order.number, "m1")
    assert filed.target is T.MESSAGE


async def test_an_anonymous_report_of_a_message_carries_nothing_that_names_the_buyer(
    uow: UnitOfWork,
) -> None:
    anna = await make_buyer(uow, 1001, START, external_id="b-anna", name="Anna Petrova")
    order = await make_order(uow, anna, START, status=OrderStatus.SHIPPED)
    seller, _ = await order_sync.add_seller_message(uow, order.number, "m1", "Buy!", START, START)

    await complaints.file_complaint(
        uow, anna.id, T.MESSAGE, seller.id, SPAM, "Spam again", True, START
    )

    (event,) = await _events(uow)
    assert event["message_external_id"] == "m1" and event["target"] == "message"
    assert (event["reason"], event["text"], event["anonymous"]) == ("spam", "Spam again", True)
    # Nothing anywhere that leads to Anna or to her order.
    assert not {"buyer_id", "order_id", "order_number", "telegram_id"} & event.keys()
    for value in ("1001", "b-anna", "Anna Petrova", order.number):
        assert value not in json.dumps(event, ensure_ascii=False), value


@pytest.mark.parametrize(
    ("path", "illegal"),
    [
        ((S.IN_REVIEW, S.UPHELD), S.REJECTED),
        ((S.REJECTED,), S.IN_REVIEW),
        ((S.IN_REVIEW,), S.SUBMITTED),
    ],
)
async def test_the_review_moves_forward_and_each_move_is_pushed(
    uow: UnitOfWork, path: tuple[ComplaintStatus, ...], illegal: ComplaintStatus
) -> None:
    anna = await make_buyer(uow, 1001, START)
    order = await make_order(uow, anna, START)
    filed = await complaints.file_complaint(
        uow, anna.id, T.STORE, order.store_id, SPAM, "", False, START
    )
    for status in path:
        for _ in range(2):  # the same status again is a no-op
            moved = await complaints.change_status(uow, filed.id, status, "Checked", START)
    assert moved.status is path[-1] and moved.resolution == "Checked"
    with pytest.raises(IllegalComplaintStatusChange):
        await complaints.change_status(uow, filed.id, illegal, None, START)
    async with uow:
        rows = list(await uow.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    assert [row.payload["status"] for row in rows] == [s.value for s in path]
