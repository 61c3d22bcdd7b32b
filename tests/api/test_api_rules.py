"""What every route guarantees: auth, idempotency, body limits, one transaction, docs, ops."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from bot.api.app import openapi_document
from bot.db.models import IdempotencyRecord, Order, OutboxMessage
from tests.api.conftest import Api, make_buyer_and_store, order_body

DOCS = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


async def test_every_route_but_health_needs_the_bearer_token(api: Api) -> None:
    status, error, headers = await api.get("/api/v1/stores", auth=False)
    assert (status, error["error"]["code"], headers["WWW-Authenticate"]) == (
        401,
        "unauthorized",
        "Bearer",
    )
    bad = {"Authorization": "Bearer wrong"}
    assert (await api.get("/api/v1/stores", auth=False, headers=bad))[0] == 401
    assert (await api.get("/metrics", auth=False))[0] == 401
    assert (await api.get("/api/openapi.json", auth=False))[0] == 401
    status, health, _ = await api.get("/healthz", auth=False)
    assert (status, health) == (200, {"status": "ok", "database": True})


async def test_a_retried_post_returns_the_first_result_without_doing_it_twice(api: Api) -> None:
    buyer_id = await make_buyer_and_store(api)
    key = {"Idempotency-Key": "create-8100000000000001"}
    path = f"/api/v1/buyers/{buyer_id}/orders"

    first = await api.post(path, order_body(), headers=key)
    again = await api.post(path, order_body(), headers=key)

    assert first[0] == again[0] == 201
    assert first[1] == again[1]
    assert again[2]["Idempotent-Replayed"] == "true"
    without_key = await api.post(path, order_body())
    assert without_key[0] == 409
    other = await api.post(path, order_body("8100000000000002"), headers=key)
    assert (other[0], other[1]["error"]["code"]) == (409, "idempotency_key_reused")


async def test_a_failed_request_leaves_no_trace(api: Api, database) -> None:
    buyer_id = await make_buyer_and_store(api)
    body = order_body(store_external_id="nope")
    status, _, _ = await api.post(
        f"/api/v1/buyers/{buyer_id}/orders", body, headers={"Idempotency-Key": "k1"}
    )
    assert status == 404
    async with database.session_factory() as session:
        counts = [
            await session.scalar(select(func.count()).select_from(model))
            for model in (Order, OutboxMessage, IdempotencyRecord)
        ]
    assert counts == [0, 0, 0]


async def test_bodies_over_the_limit_are_413_and_bad_json_is_422(api: Api) -> None:
    buyer_id = await make_buyer_and_store(api)
    huge = json.dumps(
        order_body(items=[{"title": "x" * 400, "unit_price_minor": 1, "quantity": 1}] * 20)
    )
    status, error, _ = await api.post(f"/api/v1/buyers/{buyer_id}/orders", raw=huge.encode())
    assert (status, error["error"]["code"]) == (413, "too_large")
    status, error, _ = await api.post(f"/api/v1/buyers/{buyer_id}/orders", raw=b"{not json")
    assert status == 422
    assert error["error"]["fields"][0]["field"] == "body"


async def test_unknown_fields_and_naive_times_are_refused(api: Api) -> None:
    buyer_id = await make_buyer_and_store(api)
    body = order_body(placed_at="2026-11-20T10:00:00", coupon="FREE")
    status, error, _ = await api.post(f"/api/v1/buyers/{buyer_id}/orders", body)
    assert status == 422
    fields = {item["field"] for item in error["error"]["fields"]}
    assert fields == {"body.placed_at", "body.coupon"}


async def test_the_served_openapi_document_is_the_committed_one(api: Api) -> None:
    status, served, _ = await api.get("/api/openapi.json")
    assert status == 200
    assert served == openapi_document()
    assert served == json.loads(DOCS.read_text(encoding="utf-8")), (
        "docs/openapi.json is stale: run `python -m bot openapi > docs/openapi.json`"
    )
    assert served["openapi"] == "3.1.0"


async def test_metrics_count_requests_by_route_and_status(api: Api) -> None:
    await api.get("/api/v1/stores")
    await api.get("/api/v1/orders/12345")
    status, text, headers = await api.get("/metrics")
    assert status == 200
    assert headers["Content-Type"].startswith("text/plain")
    assert (
        'cabinet_api_requests_total{method="GET",route="/api/v1/stores",status="200"} 1.0' in text
    )
    assert 'route="/api/v1/orders/{number}",status="404"} 1.0' in text
    assert "cabinet_api_request_duration_seconds_bucket" in text


async def test_idempotency_answers_are_kept_for_the_window_then_forgotten(
    api: Api, database, clock
) -> None:
    from datetime import timedelta

    from bot.notify.jobs import prune_idempotency_job

    buyer_id = await make_buyer_and_store(api)
    key = {"Idempotency-Key": "k-window"}
    path = f"/api/v1/buyers/{buyer_id}/orders"
    assert (await api.post(path, order_body(), headers=key))[0] == 201
    clock.advance(timedelta(hours=23))
    assert await prune_idempotency_job(database.session_factory, clock, 24) == 0
    assert (await api.post(path, order_body(), headers=key))[0] == 201
    clock.advance(timedelta(hours=2))
    assert await prune_idempotency_job(database.session_factory, clock, 24) == 1
    assert (await api.post(path, order_body(), headers=key))[0] == 409  # done, not replayed


async def test_a_buyer_is_found_by_external_id_or_by_email(api: Api) -> None:
    status, by_email, _ = await api.post("/api/v1/buyers", {"email": "Anna@Example.com"})
    assert status == 201, by_email
    assert (by_email["external_id"], by_email["email"]) == (None, "anna@example.com")

    status, same, _ = await api.post(
        "/api/v1/buyers", {"external_id": "b-77", "email": "anna@example.com"}
    )
    assert status == 200, same
    assert (same["id"], same["external_id"]) == (by_email["id"], "b-77")
    status, again, _ = await api.post("/api/v1/buyers", {"email": "ANNA@example.com"})
    assert status == 200, again
    assert again["id"] == by_email["id"]

    status, error, _ = await api.post(
        "/api/v1/buyers", {"external_id": "b-78", "email": "anna@example.com"}
    )
    assert (status, error["error"]["code"]) == (409, "account_conflict")
    status, error, _ = await api.post("/api/v1/buyers", {"name": "Nobody"})
    assert status == 422


async def test_two_simultaneous_retries_do_the_work_once(api: Api, database) -> None:
    import asyncio

    buyer_id = await make_buyer_and_store(api)
    key = {"Idempotency-Key": "simultaneous"}
    path = f"/api/v1/buyers/{buyer_id}/orders"

    first, second = await asyncio.gather(
        api.post(path, order_body(), headers=key), api.post(path, order_body(), headers=key)
    )

    assert first[0] == second[0] == 201
    assert first[1] == second[1]
    async with database.session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(Order)) == 1
