"""Coupons through the API over HTTP: upsert, validation, use, withdrawal, idempotency, and the
expiry reminder kept in step in the same transaction."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.db.models import Deadline
from tests.api.conftest import Api, make_buyer_and_store, order_body

EXPIRES = "2026-12-06T18:00:00Z"


def coupon_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "store_external_id": "ugreen",
        "titles": {"en": "Store coupon", "ru": "Купон магазина"},
        "discount_minor": 300,
        "currency": "USD",
        "min_order_minor": 2000,
        "expires_at": EXPIRES,
    }
    body.update(overrides)
    return {key: value for key, value in body.items() if value is not None}


async def _deadlines(database) -> list[tuple[str, str]]:
    async with database.session_factory() as session:
        rows = await session.scalars(select(Deadline).order_by(Deadline.id))
        return [(row.kind, row.due_at.isoformat()) for row in rows]


async def test_a_coupon_is_created_updated_and_listed(api: Api, database) -> None:
    buyer_id = await make_buyer_and_store(api)
    path = f"/api/v1/buyers/{buyer_id}/coupons/spring-3"

    status, coupon, _ = await api.put(path, coupon_body())

    assert status == 201, coupon
    assert {key: coupon[key] for key in ("external_id", "store_external_id", "state")} == {
        "external_id": "spring-3",
        "store_external_id": "ugreen",
        "state": "active",
    }
    assert (coupon["discount_minor"], coupon["percent_off"], coupon["min_order_minor"]) == (
        300,
        None,
        2000,
    )
    assert await _deadlines(database) == [("coupon_expires", "2026-12-06T18:00:00+00:00")]

    later = "2026-12-20T18:00:00Z"
    body = coupon_body(
        store_external_id=None, discount_minor=None, percent_off=10, expires_at=later
    )
    status, changed, _ = await api.put(path, body)
    assert status == 200, changed
    assert (changed["id"], changed["store_external_id"], changed["percent_off"]) == (
        coupon["id"],
        None,
        10,
    )
    assert await _deadlines(database) == [("coupon_expires", "2026-12-20T18:00:00+00:00")]

    await api.put(
        f"/api/v1/buyers/{buyer_id}/coupons/old", coupon_body(expires_at="2026-11-01T00:00:00Z")
    )
    status, page, _ = await api.get(f"/api/v1/buyers/{buyer_id}/coupons?limit=1")
    assert (status, page["total"], page["limit"]) == (200, 2, 1)
    assert [item["external_id"] for item in page["items"]] == ["old"]
    assert page["items"][0]["state"] == "expired"
    _, rest, _ = await api.get(f"/api/v1/buyers/{buyer_id}/coupons?limit=1&offset=1")
    assert [item["external_id"] for item in rest["items"]] == ["spring-3"]
    assert len(await _deadlines(database)) == 1  # an expired coupon has nothing to remind of


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"expires_at": "2026-12-06T18:00:00"}, "body.expires_at"),
        ({"expires_at": "9999-12-31T23:59:59-14:00"}, "body.expires_at"),
        ({"currency": "XYZ"}, "body.currency"),
        ({"currency": None}, "body.currency"),
        ({"discount_minor": 0}, "body.discount_minor"),
        ({"discount_minor": None, "percent_off": 0}, "body.percent_off"),
        ({"discount_minor": None, "percent_off": 101}, "body.percent_off"),
        ({"percent_off": 10}, "body.percent_off"),
        ({"discount_minor": None}, "body.percent_off"),
        ({"titles": {}}, "body.titles"),
        ({"min_order_minor": -1}, "body.min_order_minor"),
    ],
)
async def test_invalid_coupons_are_422_with_the_field_at_fault(
    api: Api, overrides: dict[str, Any], field: str
) -> None:
    buyer_id = await make_buyer_and_store(api)

    status, error, _ = await api.put(
        f"/api/v1/buyers/{buyer_id}/coupons/c-1", coupon_body(**overrides)
    )

    assert status == 422, error
    assert [item["field"] for item in error["error"]["fields"]] == [field]


async def test_a_coupon_that_expires_before_it_starts_is_a_conflict(api: Api) -> None:
    # Two values compared: no schema can say it, so it is a 409 with the reason, not a 422.
    buyer_id = await make_buyer_and_store(api)
    status, error, _ = await api.put(
        f"/api/v1/buyers/{buyer_id}/coupons/c-1", coupon_body(starts_at="2026-12-07T00:00:00Z")
    )
    assert (status, error["error"]["code"]) == (409, "coupon_never_valid")
    assert error["error"]["message"] == "expires_at must be after starts_at"


async def test_a_percent_coupon_for_any_order_needs_no_currency(api: Api) -> None:
    buyer_id = await make_buyer_and_store(api)
    body = coupon_body(discount_minor=None, currency=None, min_order_minor=0, percent_off=5)
    status, coupon, _ = await api.put(f"/api/v1/buyers/{buyer_id}/coupons/p-5", body)
    assert (status, coupon["currency"], coupon["percent_off"]) == (201, None, 5)


async def test_unknown_buyer_store_and_coupon_are_404(api: Api) -> None:
    buyer_id = await make_buyer_and_store(api)
    base = f"/api/v1/buyers/{buyer_id}/coupons"

    cases = [
        (await api.put(f"{base}/c-1", coupon_body(store_external_id="nope")), "store_not_found"),
        (await api.put("/api/v1/buyers/999/coupons/c-1", coupon_body()), "buyer_not_found"),
        (await api.post(f"{base}/nope/use", {}), "coupon_not_found"),
        (await api.call("DELETE", f"{base}/nope"), "coupon_not_found"),
        (await api.get("/api/v1/buyers/999/coupons"), "buyer_not_found"),
    ]

    assert [(status, body["error"]["code"]) for (status, body, _), _ in cases] == [
        (404, code) for _, code in cases
    ]


async def test_using_a_coupon_again_changes_nothing_and_on_another_order_is_409(
    api: Api, database
) -> None:
    buyer_id = await make_buyer_and_store(api)
    orders = f"/api/v1/buyers/{buyer_id}/orders"
    await api.post(orders, order_body("8100000000000001"))
    await api.post(orders, order_body("8100000000000002"))
    base = f"/api/v1/buyers/{buyer_id}/coupons/c-1"
    await api.put(base, coupon_body())

    first = await api.post(f"{base}/use", {"order_number": "8100000000000001"})
    again = await api.post(f"{base}/use", {"order_number": "8100000000000001"})
    without_order = await api.post(f"{base}/use", {})

    assert first[0] == again[0] == without_order[0] == 200
    assert first[1] == again[1] == without_order[1]
    assert (first[1]["state"], first[1]["order_number"]) == ("used", "8100000000000001")
    assert first[1]["used_at"] == "2026-11-26T12:00:00Z"
    assert await _deadlines(database) == []  # used: no reminder any more
    status, error, _ = await api.post(f"{base}/use", {"order_number": "8100000000000002"})
    assert (status, error["error"]["code"]) == (409, "coupon_used")
    assert error["error"]["message"] == "coupon 'c-1' was used on order '8100000000000001'"

    other_buyer = await make_buyer_and_store(api, "buyer-2")
    await api.post(f"/api/v1/buyers/{other_buyer}/orders", order_body("8100000000000003"))
    await api.put(f"/api/v1/buyers/{buyer_id}/coupons/c-2", coupon_body())
    status, error, _ = await api.post(
        f"/api/v1/buyers/{buyer_id}/coupons/c-2/use", {"order_number": "8100000000000003"}
    )
    assert (status, error["error"]["code"]) == (404, "order_not_found")


async def test_a_retried_use_is_replayed_and_a_reused_key_is_refused(api: Api) -> None:
    buyer_id = await make_buyer_and_store(api)
    base = f"/api/v1/buyers/{buyer_id}/coupons/c-1"
    await api.put(base, coupon_body())
    key = {"Idempotency-Key": "use-c-1"}

    first = await api.post(f"{base}/use", {"at": "2026-11-25T10:00:00Z"}, headers=key)
    again = await api.post(f"{base}/use", {"at": "2026-11-25T10:00:00Z"}, headers=key)
    other = await api.post(f"{base}/use", {"at": "2026-11-25T11:00:00Z"}, headers=key)

    assert (first[0], again[0], first[1]) == (200, 200, again[1])
    assert first[1]["used_at"] == "2026-11-25T10:00:00Z"
    assert again[2]["Idempotent-Replayed"] == "true"
    assert (other[0], other[1]["error"]["code"]) == (409, "idempotency_key_reused")


async def test_a_withdrawn_coupon_is_gone_with_its_reminder(api: Api, database) -> None:
    buyer_id = await make_buyer_and_store(api)
    base = f"/api/v1/buyers/{buyer_id}/coupons/c-1"
    await api.put(base, coupon_body())

    status, gone, _ = await api.call("DELETE", base)

    assert (status, gone["external_id"]) == (200, "c-1")
    assert await _deadlines(database) == []
    _, page, _ = await api.get(f"/api/v1/buyers/{buyer_id}/coupons")
    assert page["items"] == []
    assert (await api.call("DELETE", base))[0] == 404
