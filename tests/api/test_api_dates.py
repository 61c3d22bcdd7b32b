"""Every datetime the API takes: a date the database cannot store, or whose conversion to UTC
overflows (year 1 with a positive offset, year 9999 with a negative one), is a 422 naming the
field, never a 500. The operations are found in the OpenAPI document, so a new endpoint with a
datetime fails here until it has a valid body in BODIES."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from pydantic import BaseModel

from bot.api.app import openapi_document
from bot.api.contract import Timestamp
from bot.api.routing import Call, Route, endpoint
from bot.api.schemas import Health, PageQuery
from bot.app import Database
from bot.clock import FixedClock
from tests.api.conftest import Api, order_body

OUT_OF_RANGE = (
    "0001-01-01T00:15:00+02:00",  # UTC would be year 0: OverflowError before the fix
    "9999-12-31T23:59:59-14:00",  # UTC would be year 10000
    "1999-12-31T23:59:59Z",
    "3000-01-01T00:00:00Z",
)
PATH_VALUES = {"buyer_id": "1", "number": "8100000000000001", "external_id": "c-1"}
TIME = "2026-11-20T10:00:00+00:00"
BODIES: dict[str, dict[str, Any]] = {
    "create_order": order_body(paid_at=TIME),
    "change_status": {"status": "shipped", "at": TIME, "auto_confirm_at": TIME},
    "add_tracking": {"events": [{"carrier_event_id": "e1", "occurred_at": TIME}]},
    "add_message": {"external_id": "m1", "text": "Hello", "sent_at": TIME},
    "put_coupon": {
        "titles": {"en": "5% off"},
        "percent_off": 5,
        "starts_at": "2026-11-01T00:00:00Z",
        "expires_at": "2026-12-31T00:00:00Z",
    },
    "use_coupon": {"at": TIME},
    "add_notice": {
        "external_id": "n1",
        "folder": "platform",
        "title": "Hello",
        "text": "Welcome",
        "created_at": TIME,
    },
}


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _datetime_paths(
    document: dict[str, Any], schema: dict[str, Any], path: tuple[str | int, ...] = ()
) -> list[tuple[str | int, ...]]:
    """Where the body holds a date-time (array items at index 0)."""
    schema = _resolve(document, schema)
    if schema.get("format") == "date-time":
        return [path]
    found = []
    for option in schema.get("anyOf", []):
        found += _datetime_paths(document, option, path)
    for name, prop in schema.get("properties", {}).items():
        found += _datetime_paths(document, prop, (*path, name))
    if "items" in schema:
        found += _datetime_paths(document, schema["items"], (*path, 0))
    return found


def _operations() -> list[tuple[str, str, str, tuple[str | int, ...]]]:
    document = openapi_document()
    found = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            body = operation.get("requestBody")
            if body is None:
                continue
            schema = body["content"]["application/json"]["schema"]
            wheres = sorted(set(_datetime_paths(document, schema)), key=str)
            found += [(operation["operationId"], method.upper(), path, w) for w in wheres]
    return found


OPERATIONS = _operations()


def test_every_operation_with_a_datetime_is_covered() -> None:
    assert {operation for operation, *_ in OPERATIONS} == set(BODIES)


@pytest.mark.parametrize(
    ("operation", "method", "path", "where"),
    OPERATIONS,
    ids=[f"{op}:{'.'.join(map(str, where))}" for op, _, _, where in OPERATIONS],
)
async def test_a_date_out_of_range_is_422_with_the_field(
    api: Api, operation: str, method: str, path: str, where: tuple[str | int, ...]
) -> None:
    url = path.format(**PATH_VALUES)
    status, answer, _ = await api.call(method, url, BODIES[operation])
    assert status != 422, answer  # the body is valid as it is (unknown ids are a 404)
    for value in OUT_OF_RANGE:
        body = copy.deepcopy(BODIES[operation])
        target = body
        for step in where[:-1]:
            target = target[step]
        target[where[-1]] = value
        status, answer, _ = await api.call(method, url, body)
        assert status == 422, (value, answer)
        [field] = answer["error"]["fields"]
        assert field["field"] == ".".join(["body", *map(str, where)])
        assert "years 2000 to 2999" in field["message"]


class _SinceQuery(PageQuery):
    since: Timestamp | None = None


async def _since(call: Call) -> tuple[int, BaseModel]:
    return 200, Health(status="ok", database=call.query.since is not None)


async def test_a_date_in_a_query_is_read_and_bounded_as_in_a_body(
    database: Database, clock: FixedClock
) -> None:
    route = Route("GET", "/since", _since, "A route with a date", "test", Health, query=_SinceQuery)
    state = {"clock": clock, "session_factory": database.session_factory, "settings": None}
    app = web.Application()
    app.router.add_get(route.aiohttp_path, endpoint(route, state))
    async with TestClient(TestServer(app)) as client:
        response = await client.get("/since", params={"since": TIME, "limit": "5"})
        assert (response.status, await response.json()) == (200, {"status": "ok", "database": True})
        for value in OUT_OF_RANGE:
            response = await client.get("/since", params={"since": value})
            answer = await response.json()
            assert response.status == 422, (value, answer)
            [field] = answer["error"]["fields"]
            assert field["field"] == "query.since"
            assert "years 2000 to 2999" in field["message"]
