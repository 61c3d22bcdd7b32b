"""The integration API served over real HTTP on localhost, against a migrated database."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.api.app import build_api
from bot.api.metrics import Metrics
from bot.app import Database
from bot.clock import FixedClock
from tests.conftest import make_settings

TOKEN = "test-api-token-of-at-least-32-characters"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


class Api:
    """A thin client that always authenticates unless told otherwise."""

    def __init__(self, client: TestClient, metrics: Metrics) -> None:
        self.client = client
        self.metrics = metrics

    async def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        headers: dict[str, str] | None = None,
        auth: bool = True,
        raw: bytes | None = None,
    ) -> tuple[int, Any, dict[str, str]]:
        sent = {**(AUTH if auth else {}), **(headers or {})}
        kwargs: dict[str, Any] = {"headers": sent}
        if raw is not None:
            kwargs["data"] = raw
            sent.setdefault("Content-Type", "application/json")
        elif body is not None:
            kwargs["json"] = body
        response = await self.client.request(method, path, **kwargs)
        text = await response.text()
        try:
            payload = await response.json(content_type=None) if text else None
        except ValueError:
            payload = text
        return response.status, payload, dict(response.headers)

    async def post(
        self, path: str, body: Any = None, **kwargs: Any
    ) -> tuple[int, Any, dict[str, str]]:
        return await self.call("POST", path, body, **kwargs)

    async def get(self, path: str, **kwargs: Any) -> tuple[int, Any, dict[str, str]]:
        return await self.call("GET", path, **kwargs)

    async def put(
        self, path: str, body: Any = None, **kwargs: Any
    ) -> tuple[int, Any, dict[str, str]]:
        return await self.call("PUT", path, body, **kwargs)


async def no_wait(_: float) -> None:
    """A retry's wait for its Idempotency-Key: other requests go on, no real time passes."""
    await asyncio.sleep(0)


@pytest.fixture
async def api(database: Database, clock: FixedClock) -> AsyncIterator[Api]:
    settings = make_settings(
        api_token=TOKEN, bot_username="cabinet_test_bot", api_max_body_bytes=4096
    )
    metrics = Metrics()
    app = build_api(settings, database.session_factory, clock, metrics, sleep=no_wait)
    async with TestClient(TestServer(app)) as client:
        yield Api(client, metrics)


STORE = {"name": "UGREEN Official Store"}


def order_body(number: str = "8100000000000001", **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "number": number,
        "store_external_id": "ugreen",
        "currency": "USD",
        "items": [
            {"title": "USB-C hub 7-in-1", "unit_price_minor": 3290, "quantity": 1},
            {"title": "Cable 2 m", "unit_price_minor": 599, "quantity": 2, "variant": "black"},
        ],
        "shipping_minor": 199,
        "shipping_address": {
            "recipient": "Anna Smirnova",
            "country": "RU",
            "city": "Moscow",
            "street": "Tverskaya 7",
            "postal_code": "125009",
        },
        "placed_at": "2026-11-20T10:00:00+00:00",
    }
    body.update(overrides)
    return body


async def make_buyer_and_store(api: Api, external_id: str = "buyer-1") -> int:
    status, _, _ = await api.put("/api/v1/stores/ugreen", STORE)
    assert status in (200, 201)
    status, buyer, _ = await api.post(
        "/api/v1/buyers", {"external_id": external_id, "locale": "ru"}
    )
    assert status in (200, 201), buyer
    return buyer["id"]
