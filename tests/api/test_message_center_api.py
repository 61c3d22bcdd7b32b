"""The message center and complaints through the API over HTTP: notices (idempotent, 409 on
other content, a blocked store's promotion kept but never pushed) and complaint decisions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.db.enums import ComplaintReason, ComplaintTarget, NoticeFolder, OrderStatus
from bot.db.models import OutboxMessage, Store
from bot.db.uow import UnitOfWork
from bot.services import complaints
from bot.services.messages import center as message_center
from bot.services.orders import sync as order_sync
from tests.api.conftest import Api
from tests.factories import make_buyer, make_order


def notice_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "external_id": "promo-1",
        "folder": "promotion",
        "store_external_id": "ugreen",
        "title": "Spring sale",
        "text": "Up to 50% off",
    }
    body.update(overrides)
    return {key: value for key, value in body.items() if value is not None}


async def _buyer_and_store(api: Api, database, clock) -> tuple[int, int]:
    status, _, _ = await api.put("/api/v1/stores/ugreen", {"name": "UGREEN Official Store"})
    assert status in (200, 201)
    user = await make_buyer(UnitOfWork(database.session_factory), 1001, clock.now())
    async with UnitOfWork(database.session_factory) as uow:
        store = await uow.session.scalar(select(Store).where(Store.external_id == "ugreen"))
    return user.id, store.id


async def _pushes(database) -> list[tuple[str, dict]]:
    async with database.session_factory() as session:
        rows = await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [(row.kind, row.payload) for row in rows]


async def test_a_notice_is_created_once_and_other_content_conflicts(
    api: Api, database, clock
) -> None:
    buyer_id, _ = await _buyer_and_store(api, database, clock)
    path = f"/api/v1/buyers/{buyer_id}/notices"

    status, notice, _ = await api.post(path, notice_body())
    assert status == 201, notice
    assert (notice["folder"], notice["title"], notice["read_at"]) == (
        "promotion",
        "Spring sale",
        None,
    )
    status, again, _ = await api.post(path, notice_body())
    assert (status, again["id"]) == (200, notice["id"])
    status, error, _ = await api.post(path, notice_body(title="Other"))
    assert (status, error["error"]["code"]) == (409, "notice_conflict")

    body = notice_body(external_id="n-1", folder="platform", store_external_id=None)
    status, platform, _ = await api.post(path, body)
    assert (status, platform["folder"]) == (201, "platform")
    assert [kind for kind, _ in await _pushes(database)] == ["promotion", "platform_notice"]


async def test_notice_refusals(api: Api, database, clock) -> None:
    buyer_id, _ = await _buyer_and_store(api, database, clock)
    path = f"/api/v1/buyers/{buyer_id}/notices"
    status, _, _ = await api.post(path, notice_body(store_external_id=None))
    assert status == 422
    status, _, _ = await api.post(path, notice_body(folder="platform"))
    assert status == 422
    status, error, _ = await api.post(path, notice_body(store_external_id="nobody"))
    assert (status, error["error"]["code"]) == (404, "store_not_found")
    status, error, _ = await api.post("/api/v1/buyers/999/notices", notice_body())
    assert (status, error["error"]["code"]) == (404, "buyer_not_found")
    status, _, _ = await api.post(path, notice_body(), auth=False)
    assert status == 401


async def test_a_blocked_stores_promotion_is_stored_but_not_pushed(
    api: Api, database, clock
) -> None:
    buyer_id, store_id = await _buyer_and_store(api, database, clock)
    uow = UnitOfWork(database.session_factory)
    await message_center.block_store(uow, buyer_id, store_id, clock.now())

    status, notice, _ = await api.post(f"/api/v1/buyers/{buyer_id}/notices", notice_body())

    assert status == 201, notice
    assert await _pushes(database) == []
    await message_center.unblock_store(uow, buyer_id, store_id)
    page = await message_center.list_notices(uow, buyer_id, NoticeFolder.PROMOTION, 0, 10)
    assert [item.id for item in page.page.items] == [notice["id"]]


async def test_a_complaint_moves_through_review_and_illegal_moves_conflict(
    api: Api, database, clock
) -> None:
    buyer_id, store_id = await _buyer_and_store(api, database, clock)
    complaint = await complaints.file_complaint(
        UnitOfWork(database.session_factory),
        buyer_id,
        ComplaintTarget.STORE,
        store_id,
        ComplaintReason.SPAM,
        "",
        False,
        clock.now(),
    )
    path = f"/api/v1/complaints/{complaint.id}/status"

    status, body, _ = await api.post(path, {"status": "in_review"})
    assert (status, body["status"]) == (200, "in_review"), body
    status, body, _ = await api.post(path, {"status": "in_review"})
    assert (status, body["status"]) == (200, "in_review")
    status, body, _ = await api.post(path, {"status": "upheld", "resolution": "Store warned"})
    assert (status, body["status"], body["resolution"]) == (200, "upheld", "Store warned")

    status, error, _ = await api.post(path, {"status": "rejected"})
    assert (status, error["error"]["code"]) == (409, "illegal_complaint_move")
    status, _, _ = await api.post(path, {"status": "submitted"})
    assert status == 422
    status, error, _ = await api.post("/api/v1/complaints/999/status", {"status": "upheld"})
    assert (status, error["error"]["code"]) == (404, "complaint_not_found")
    kinds = [payload["status"] for kind, payload in await _pushes(database)]
    assert kinds == ["in_review", "upheld"]


async def test_an_anonymous_complaint_is_decided_without_learning_who_filed_it(
    api: Api, database, clock
) -> None:
    uow = UnitOfWork(database.session_factory)
    anna = await make_buyer(uow, 1001, clock.now(), external_id="b-anna")
    order = await make_order(uow, anna, clock.now(), status=OrderStatus.SHIPPED)
    seller, _ = await order_sync.add_seller_message(
        uow, order.number, "m1", "Buy!", clock.now(), clock.now()
    )
    complaint = await complaints.file_complaint(
        uow,
        anna.id,
        ComplaintTarget.MESSAGE,
        seller.id,
        ComplaintReason.SPAM,
        "",
        True,
        clock.now(),
    )

    status, body, _ = await api.post(
        f"/api/v1/complaints/{complaint.id}/status", {"status": "upheld"}
    )

    assert (status, body["status"], body["anonymous"]) == (200, "upheld", True)
    assert not {"buyer_id", "user_id", "order_number", "order_id"} & body.keys()
    assert not {"b-anna", order.number} & {str(value) for value in body.values()}
