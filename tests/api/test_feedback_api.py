"""Feedback through the API over HTTP: the seller's reply (once; the same text again is a
no-op, another text a 409), the reply pushed to the buyer, and the store's rating in the
store output."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import Database
from bot.db.models import OutboxMessage
from bot.db.uow import UnitOfWork
from bot.services.feedback import buyer as feedback
from bot.services.feedback.rules import FeedbackRules, Ratings
from tests.api.conftest import Api, make_buyer_and_store, order_body
from tests.conftest import START

NUMBER = "8100000000000001"
REPLY = f"/api/v1/orders/{NUMBER}/feedback/reply"


async def _completed_order(api: Api) -> int:
    buyer_id = await make_buyer_and_store(api)
    status, order, _ = await api.post(f"/api/v1/buyers/{buyer_id}/orders", order_body())
    assert status == 201, order
    path = f"/api/v1/orders/{NUMBER}/status"
    await api.post(path, {"status": "awaiting_shipment"})
    await api.post(path, {"status": "shipped", "tracking_number": "LP1CN", "carrier": "Cainiao"})
    status, order, _ = await api.post(path, {"status": "completed"})
    assert (status, order["status"]) == (200, "completed"), order
    return buyer_id


async def _leave(database: Database, buyer_id: int, stars: int) -> None:
    uow = UnitOfWork(database.session_factory)
    async with uow:
        order = await uow.orders.by_number(NUMBER)
        assert order is not None
        order_id = order.id
    ratings = Ratings(stars, 5, 5, 5)
    await feedback.leave_feedback(
        uow, buyer_id, order_id, ratings, "Good", [], START, FeedbackRules()
    )


async def _reply_pushes(database: Database) -> int:
    async with database.session_factory() as session:
        query = select(OutboxMessage).where(OutboxMessage.kind == "feedback_reply")
        return len(list(await session.scalars(query)))


async def test_the_seller_replies_once_and_the_buyer_is_told(api: Api, database: Database) -> None:
    buyer_id = await _completed_order(api)
    await _leave(database, buyer_id, 5)

    status, body, _ = await api.post(REPLY, {"text": "Thank you, come again!"})

    assert status == 200, body
    assert (body["order_number"], body["rating"], body["text"]) == (NUMBER, 5, "Good")
    assert body["seller_reply"] == "Thank you, come again!"
    assert body["seller_reply_at"] == "2026-11-26T12:00:00Z"
    assert await _reply_pushes(database) == 1

    again, same, _ = await api.post(REPLY, {"text": "Thank you, come again!"})
    assert (again, same["seller_reply"]) == (200, "Thank you, come again!")
    assert await _reply_pushes(database) == 1

    status, error, _ = await api.post(REPLY, {"text": "Something else"})
    assert (status, error["error"]["code"]) == (409, "feedback_reply_exists"), error


async def test_a_reply_needs_feedback_an_order_and_a_text(api: Api) -> None:
    await _completed_order(api)

    status, error, _ = await api.post(REPLY, {"text": "Thanks"})
    assert (status, error["error"]["code"]) == (409, "feedback_missing")
    status, _, _ = await api.post("/api/v1/orders/8199999999999999/feedback/reply", {"text": "Hi"})
    assert status == 404
    status, error, _ = await api.post(REPLY, {"text": "   "})
    assert status == 422, error
    status, _, _ = await api.post(REPLY, {"text": "Hi"}, auth=False)
    assert status == 401


async def test_the_store_output_has_its_rating(api: Api, database: Database) -> None:
    status, store, _ = await api.put("/api/v1/stores/ugreen", {"name": "UGREEN Official Store"})
    assert status == 201
    assert (store["rating_average"], store["rating_positive_share"], store["rating_count"]) == (
        None,
        None,
        0,
    )
    buyer_id = await _completed_order(api)
    await _leave(database, buyer_id, 3)

    status, page, _ = await api.get("/api/v1/stores")
    assert status == 200
    [listed] = page["items"]
    assert (listed["rating_average"], listed["rating_positive_share"], listed["rating_count"]) == (
        3.0,
        0.0,
        1,
    )
    status, store, _ = await api.put("/api/v1/stores/ugreen", {"name": "UGREEN"})
    assert (status, store["rating_average"], store["rating_count"]) == (200, 3.0, 1)
