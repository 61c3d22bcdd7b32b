"""Disputes through the API over HTTP: the seller offers and writes, the buyer answers through
the service, the platform decides; pushes land in the outbox and deadlines follow each move."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.db.enums import DisputeReason, OrderStatus
from bot.db.models import Deadline, Dispute, OutboxMessage
from bot.db.uow import UnitOfWork
from bot.services.disputes import buyer as disputes
from bot.services.disputes.buyer import AttachmentSpec, DisputeSpec
from bot.services.disputes.rules import DisputeRules
from tests.api.conftest import Api
from tests.conftest import START
from tests.factories import make_buyer, make_order

RULES = DisputeRules()
EVIDENCE = (AttachmentSpec("photo", telegram_file_id="AgAC-1"),)


async def _open(database: Any, *, refund: int | None = None) -> Dispute:
    uow = UnitOfWork(database.session_factory)
    buyer = await make_buyer(uow, 1001, START, external_id="b-1")
    order = await make_order(uow, buyer, START, status=OrderStatus.SHIPPED, days_ago=10)
    spec = DisputeSpec(DisputeReason.NOT_RECEIVED, refund, False, "Never came", EVIDENCE)
    return (await disputes.open_dispute(uow, buyer, order.id, spec, START, RULES)).dispute


async def _pushes(database: Any) -> list[tuple[str, dict[str, Any]]]:
    async with database.session_factory() as session:
        rows = await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [(row.kind, row.payload) for row in rows]


async def _deadlines(database: Any) -> list[str]:
    async with database.session_factory() as session:
        return sorted(row.kind for row in await session.scalars(select(Deadline)))


async def test_the_seller_offers_the_buyer_accepts_and_it_is_refunded(api: Api, database) -> None:
    dispute = await _open(database)
    path = f"/api/v1/disputes/{dispute.id}"

    status, card, _ = await api.get(path)
    assert status == 200, card
    assert (card["status"], card["requested_minor"], card["paid_minor"]) == (
        "awaiting_seller",
        2450,
        2450,
    )
    assert card["messages"][0]["attachments"][0]["telegram_file_id"] == "AgAC-1"

    status, card, _ = await api.post(
        f"{path}/offer", {"amount_minor": 1500, "return_goods": False, "message": "Sorry"}
    )
    assert status == 200, card
    assert (card["status"], card["offered_minor"]) == ("awaiting_buyer", 1500)
    assert card["buyer_due_at"] is not None and card["seller_due_at"] is None
    assert [m["author"] for m in card["messages"]] == ["buyer", "seller"]
    assert await _deadlines(database) == ["dispute_buyer_due"]
    assert (await _pushes(database))[-1] == (
        "dispute_offer",
        {"dispute_id": dispute.id, "offered_minor": 1500},
    )

    uow = UnitOfWork(database.session_factory)
    await disputes.accept_offer(uow, dispute.buyer_id, dispute.id, START, RULES)

    status, card, _ = await api.get(path)
    assert (card["status"], card["refunded_minor"]) == ("refunded", 1500)
    assert await _deadlines(database) == []
    status, body, _ = await api.post(f"{path}/decision", {"refund_minor": 1})
    assert status == 409
    assert body["error"]["code"] == "illegal_dispute_move"


async def test_the_platform_decides_an_escalated_dispute(api: Api, database) -> None:
    dispute = await _open(database, refund=2000)
    path = f"/api/v1/disputes/{dispute.id}"
    await api.post(f"{path}/offer", {"amount_minor": 0, "return_goods": False})
    uow = UnitOfWork(database.session_factory)
    await disputes.reject_offer(uow, dispute.buyer_id, dispute.id, 1800, START, RULES)
    await disputes.escalate(uow, dispute.buyer_id, dispute.id, START)

    status, body, _ = await api.post(f"{path}/decision", {"refund_minor": 2451})
    assert status == 409, body
    assert body["error"]["code"] == "refund_above_paid"
    status, body, _ = await api.post(f"{path}/decision", {"refund_minor": 0})
    assert status == 422, body

    status, card, _ = await api.post(
        f"{path}/decision", {"refund_minor": 1800, "message": "Refund approved."}
    )
    assert status == 200, card
    assert (card["status"], card["refunded_minor"]) == ("refunded", 1800)
    assert card["messages"][-1]["author"] == "platform"
    assert (await _pushes(database))[-1] == (
        "dispute_decision",
        {"dispute_id": dispute.id, "status": "refunded"},
    )


async def test_messages_are_idempotent_by_external_id_and_pushed_once(api: Api, database) -> None:
    dispute = await _open(database)
    path = f"/api/v1/disputes/{dispute.id}/messages"
    body = {
        "author": "platform",
        "external_id": "pm-1",
        "text": "We are looking into it.",
        "attachments": [{"kind": "document", "url": "https://example.com/rules.pdf"}],
    }

    first, message, _ = await api.post(path, body)
    again, same, _ = await api.post(path, body)

    assert (first, again) == (201, 200), message
    assert same["id"] == message["id"]
    assert message["attachments"][0]["url"] == "https://example.com/rules.pdf"
    assert [kind for kind, _ in await _pushes(database)] == ["dispute_message"]


async def test_refusals_unknown_disputes_and_invalid_bodies(api: Api, database) -> None:
    dispute = await _open(database)
    path = f"/api/v1/disputes/{dispute.id}"

    status, body, _ = await api.post(f"{path}/offer", {"amount_minor": 2451, "return_goods": True})
    assert (status, body["error"]["code"]) == (409, "refund_above_paid")
    status, body, _ = await api.post(f"{path}/offer", {"amount_minor": -1, "return_goods": True})
    assert status == 422, body
    status, body, _ = await api.post(f"{path}/messages", {"author": "seller", "external_id": "x"})
    assert status == 422, body
    status, body, _ = await api.post(
        f"{path}/messages", {"author": "buyer", "external_id": "x", "text": "hi"}
    )
    assert status == 422, body
    status, body, _ = await api.get("/api/v1/disputes/999999")
    assert (status, body["error"]["code"]) == (404, "dispute_not_found")
    offer = {"amount_minor": 1, "return_goods": False}
    status, body, _ = await api.post("/api/v1/disputes/999999/offer", offer)
    assert status == 404


async def test_a_buyers_disputes_are_listed(api: Api, database) -> None:
    dispute = await _open(database)

    status, page, _ = await api.get(f"/api/v1/buyers/{dispute.buyer_id}/disputes")

    assert status == 200, page
    assert page["total"] == 1
    assert page["items"][0]["id"] == dispute.id
    assert page["items"][0]["order_id"] == dispute.order_id
    status, _, _ = await api.get("/api/v1/buyers/999999/disputes")
    assert status == 404
