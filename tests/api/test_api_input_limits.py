"""Input the database cannot take is refused at the door: a NUL character in any text, an id
beyond the 32-bit columns, a date the database cannot store; a 422 that names the field (or a
404 for an id in the path), never a 500, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import copy
import re
from typing import Any
from urllib.parse import quote, urlencode

import pytest

from bot.api.app import build_api, openapi_document
from bot.api.metrics import Metrics
from bot.app import Database
from bot.clock import FixedClock
from bot.db.enums import DisputeReason, OrderStatus
from bot.db.uow import UnitOfWork
from bot.services.disputes import buyer as disputes
from bot.services.disputes.buyer import DisputeSpec
from bot.services.disputes.rules import DisputeRules
from tests.api.conftest import Api, make_buyer_and_store, order_body
from tests.api.test_api_dates import BODIES as DATED_BODIES
from tests.api.test_api_dates import TIME
from tests.conftest import START, make_settings
from tests.factories import make_buyer, make_order

NUL = "\x00"


async def test_a_nul_in_a_nested_text_is_422_naming_the_field(api: Api) -> None:
    buyer_id = await make_buyer_and_store(api)
    items = [{"title": f"USB-C hub{NUL}", "unit_price_minor": 3290, "quantity": 1}]

    status, error, _ = await api.post(f"/api/v1/buyers/{buyer_id}/orders", order_body(items=items))

    assert (status, error["error"]["code"]) == (422, "invalid_request"), error
    [field] = error["error"]["fields"]
    assert field["field"] == "body.items.0.title"
    assert "NUL" in field["message"]


async def test_a_nul_anywhere_in_a_body_is_422_and_nothing_is_stored(api: Api) -> None:
    for body, where in (
        ({"external_id": "b-1", "name": f"{NUL}Anna"}, "body.name"),
        ({"email": f"anna{NUL}@example.com"}, "body.email"),
    ):
        status, error, _ = await api.post("/api/v1/buyers", body)
        assert status == 422, error
        assert [item["field"] for item in error["error"]["fields"]] == [where]
    status, page, _ = await api.get("/api/v1/buyers")
    assert (status, page["total"]) == (200, 0)


MAX_ID = 2**31 - 1


async def test_an_id_beyond_32_bits_in_the_path_is_404_like_any_unknown_id(api: Api) -> None:
    buyer_id = await make_buyer_and_store(api)
    assert (await api.get(f"/api/v1/buyers/{buyer_id}"))[0] == 200
    for unknown in (MAX_ID, MAX_ID + 1, 10**17 + 1, 10**18 - 1):
        for path in (
            f"/api/v1/buyers/{unknown}",
            f"/api/v1/products/{unknown}",
            f"/api/v1/disputes/{unknown}",
            f"/api/v1/buyers/{unknown}/orders",
            f"/api/v1/files/fbp-{unknown}",
        ):
            status, error, _ = await api.get(path)
            assert status == 404, (path, error)
            assert error["error"]["code"].endswith("not_found"), error


def test_the_document_states_the_largest_id() -> None:
    document = openapi_document()
    ids = [
        (f"{path} {param['name']}", param["schema"])
        for path, methods in document["paths"].items()
        for operation in methods.values()
        for param in operation.get("parameters", [])
        if param["in"] == "path" and param["schema"].get("type") == "integer"
    ]
    ids += [
        (f"{model}.{name}", prop)
        for model, schema in document["components"]["schemas"].items()
        for name, prop in schema.get("properties", {}).items()
        if (name == "id" or name.endswith("_id")) and prop.get("type") == "integer"
    ]
    assert len(ids) > 20
    assert {where: schema.get("maximum") for where, schema in ids} == {
        where: MAX_ID for where, _ in ids
    }


# --- every route of the app -----------------------------------------------------------------

HUGE_IDS = (str(MAX_ID + 1), "9" * 18)
EXTREME_DATES = ("0001-01-01T00:15:00+02:00", "9999-12-31T23:59:59-14:00")
DOCUMENT = openapi_document()
VALID_BODIES: dict[str, dict[str, Any]] = {
    **DATED_BODIES,
    "put_buyer": {"external_id": "b-2", "email": "anna@example.com", "name": "Anna"},
    "put_store": {"name": "UGREEN Official Store"},
    "put_product": {
        "store_external_id": "ugreen",
        "external_id": "hub-7",
        "titles": {"en": "USB-C hub", "ru": "Хаб USB-C"},
        "price": {"amount_minor": 3290, "currency": "USD"},
        "stock": 5,
    },
    "post_offer": {"amount_minor": 100, "return_goods": False, "message": "Sorry"},
    "post_message": {
        "author": "seller",
        "external_id": "dm-1",
        "text": "We shipped it again",
        "attachments": [{"url": "https://example.com/a.jpg", "file_name": "a.jpg"}],
    },
    "post_decision": {"refund_minor": 100, "message": "Refunded"},
    "post_reply": {"text": "Thank you!"},
    "change_complaint_status": {"status": "upheld", "resolution": "The store was warned"},
    "put_rates": {"base": "USD", "rates": {"RUB": {"rate": "92.15", "as_of": TIME}}},
}


def _router_routes() -> list[tuple[str, str]]:
    """Every route the app serves, read from its router (a new route is covered by itself)."""
    settings = make_settings(api_token="t" * 32)
    app = build_api(settings, None, FixedClock(START), Metrics())
    return sorted(
        {
            (route.method, route.resource.canonical)
            for route in app.router.routes()
            if route.method != "HEAD" and route.resource is not None
        }
    )


ROUTER_ROUTES = _router_routes()


def _leaves(
    value: Any, path: tuple[str | int, ...] = ()
) -> list[tuple[tuple[str | int, ...], Any]]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, (*path, key))]
    if isinstance(value, list):
        return [leaf for index, item in enumerate(value) for leaf in _leaves(item, (*path, index))]
    return [(path, value)]


def _replaced(body: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(body)
    target: Any = changed
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return changed


def _hostile_bodies(body: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(the field, the body with one bad value there) for every leaf a bad value applies to."""
    found = []
    for path, value in _leaves(body):
        field = ".".join(["body", *map(str, path)])
        if isinstance(value, str):
            found.append((field, _replaced(body, path, f"{value}{NUL}")))
            if value == TIME or value.startswith("2026-"):
                found += [(field, _replaced(body, path, date)) for date in EXTREME_DATES]
        is_id = path and str(path[-1]) == "id" or str(path[-1]).endswith("_id")
        if isinstance(value, int) and not isinstance(value, bool) and is_id:
            found += [(field, _replaced(body, path, int(huge))) for huge in HUGE_IDS]
    return found


async def _arrange(api: Api, database: Database) -> dict[str, str]:
    """A buyer with a shipped order under dispute, a store, a product and a coupon: so a
    request that got past validation would reach the database with what it carries."""
    uow = UnitOfWork(database.session_factory)
    buyer = await make_buyer(uow, 1001, START, external_id="b-1")
    order = await make_order(uow, buyer, START, status=OrderStatus.SHIPPED, days_ago=10)
    spec = DisputeSpec(DisputeReason.NOT_RECEIVED, None, False, "Never came", ())
    dispute = (
        await disputes.open_dispute(uow, buyer, order.id, spec, START, DisputeRules())
    ).dispute
    assert (await api.put("/api/v1/stores/ugreen", {"name": "UGREEN"}))[0] in (200, 201)
    status, product, _ = await api.post("/api/v1/products", VALID_BODIES["put_product"])
    assert status == 201, product
    coupon = f"/api/v1/buyers/{buyer.id}/coupons/c-1"
    assert (await api.put(coupon, DATED_BODIES["put_coupon"]))[0] == 201
    return {
        "buyer_id": str(buyer.id),
        "number": order.number,
        "dispute_id": str(dispute.id),
        "product_id": str(product["id"]),
        "external_id": "c-1",
        "file_ref": "fbp-1",
    }


def _path_variants(
    template: str, values: dict[str, str], operation: dict[str, Any]
) -> list[tuple[str, bool]]:
    """The path with each parameter in turn made hostile: a NUL in any, a huge number where
    it holds digits; and whether the answer must be a 404 (a NUL, an id beyond MAX_ID) or may
    be anything but a 5xx (a string that merely ends in digits may name something new)."""
    names = re.findall(r"{(\w+)}", template)
    plain = {name: values.get(name, "1") for name in names}
    types = {p["name"]: p["schema"].get("type") for p in operation.get("parameters", [])}
    variants = []
    for name in names:
        bad = [(f"{plain[name]}{NUL}", True)]
        digits = re.search(r"[0-9]+$", plain[name])
        if digits:
            is_id = types.get(name) == "integer"
            bad += [(plain[name][: digits.start()] + huge, is_id) for huge in HUGE_IDS]
        variants += [
            (template.format(**{**plain, name: quote(value)}), not_found)
            for value, not_found in bad
        ]
    return variants


def _operation(method: str, path: str) -> dict[str, Any]:
    return DOCUMENT["paths"].get(path, {}).get(method.lower(), {})


@pytest.mark.parametrize(
    ("method", "path"), ROUTER_ROUTES, ids=[" ".join(r) for r in ROUTER_ROUTES]
)
async def test_no_route_answers_500_to_nul_huge_ids_or_extreme_dates(
    api: Api, database: Database, method: str, path: str
) -> None:
    values = await _arrange(api, database)
    operation = _operation(method, path)
    sent: list[tuple[str, str, Any, int, Any]] = []

    async def send(url: str, body: Any = None, params: dict[str, str] | None = None) -> int:
        if params:
            url = f"{url}?{urlencode(params)}"
        status, answer, _ = await api.call(method, url, body)
        sent.append((method, url, body, status, answer))
        return status

    for url, not_found in _path_variants(path, values, operation):
        status = await send(url, VALID_BODIES.get(operation.get("operationId", "")))
        assert status == 404 or not not_found, (url, sent[-1])
    plain_path = path.format(
        **{name: values.get(name, "1") for name in re.findall(r"{(\w+)}", path)}
    )
    for param in operation.get("parameters", []):
        if param["in"] != "query":
            continue
        bad = [NUL, f"1{NUL}"]
        if param["schema"].get("format") == "date-time":
            bad += list(EXTREME_DATES)
        for value in bad:
            assert await send(plain_path, params={param["name"]: value}) == 422
    if "requestBody" in operation:
        name = operation["operationId"]
        assert name in VALID_BODIES, f"give {name} a valid body in VALID_BODIES"
        for field, body in _hostile_bodies(VALID_BODIES[name]):
            status, answer, _ = await api.call(method, plain_path, body)
            sent.append((method, plain_path, body, status, answer))
            assert status == 422, (field, body, answer)
            named = [item["field"] for item in answer["error"]["fields"]]
            assert any(
                field in (name, f"{name}.") or field.startswith(f"{name}.") for name in named
            ), answer
        status, answer, _ = await api.call(method, plain_path, VALID_BODIES[name])
        sent.append((method, plain_path, VALID_BODIES[name], status, answer))
    else:
        await send(plain_path, params={"unknown": NUL})
    assert [request for request in sent if request[3] >= 500] == []
