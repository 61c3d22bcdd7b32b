"""Exchange rates through the API over HTTP: stored exactly, an older rate never replaces a
newer one, bad input is a 422 naming the field, and nothing without the token."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from bot.app import Database
from bot.db.uow import UnitOfWork
from tests.api.conftest import Api
from tests.conftest import START

PATH = "/api/v1/exchange-rates"
AS_OF = START.isoformat()


def _body(**rates: str) -> dict[str, object]:
    return {
        "base": "USD",
        "rates": {code: {"rate": rate, "as_of": AS_OF} for code, rate in rates.items()},
    }


async def test_rates_are_stored_exactly_and_answered_back(api: Api, database: Database) -> None:
    status, body, _ = await api.put(PATH, _body(RUB="92.150000000001", JPY="151.3", KWD="0.307"))
    assert status == 200, body
    assert body["base"] == "USD"
    assert body["rates"]["RUB"]["rate"] == "92.150000000001"
    assert set(body["rates"]) == {"JPY", "KWD", "RUB"}
    async with UnitOfWork(database.session_factory) as uow:
        kept = await uow.rates.of_base("USD")
    assert kept["RUB"].rate == Decimal("92.150000000001")  # no float on the way
    assert kept["KWD"].as_of == START


async def test_a_rate_of_the_base_to_itself_is_ignored(api: Api) -> None:
    status, body, _ = await api.put(PATH, _body(USD="1", RUB="92"))
    assert status == 200, body
    assert list(body["rates"]) == ["RUB"]
    status, body, _ = await api.put(PATH, _body(USD="1"))
    assert status == 200, body
    assert list(body["rates"]) == ["RUB"]


async def test_an_older_rate_does_not_replace_a_newer_one(api: Api) -> None:
    await api.put(PATH, _body(RUB="92.15"))
    late = _body(RUB="80")
    late["rates"]["RUB"]["as_of"] = (START - timedelta(hours=5)).isoformat()  # type: ignore[index]
    status, body, _ = await api.put(PATH, late)
    assert status == 200
    assert body["rates"]["RUB"]["rate"] == "92.15"
    status, body, _ = await api.put(PATH, _body(RUB="93", EUR="0.92"))
    assert {code: rate["rate"] for code, rate in body["rates"].items()} == {
        "RUB": "93",
        "EUR": "0.92",
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (_body(RUB="0"), "body.rates.RUB.rate"),
        (_body(RUB="0.000"), "body.rates.RUB.rate"),
        (_body(RUB="-92"), "body.rates.RUB.rate"),
        (_body(RUB="1e3"), "body.rates.RUB.rate"),
        (_body(RUB="1000000000"), "body.rates.RUB.rate"),
        (_body(RUB="NaN"), "body.rates.RUB.rate"),
        (_body(XXX="1.5"), "body.rates.XXX.[key]"),
        (_body(), "body.rates"),
        ({**_body(RUB="92"), "base": "usd"}, "body.base"),
        ({"base": "USD", "rates": {"RUB": {"rate": "92"}}}, "body.rates.RUB.as_of"),
        (
            {"base": "USD", "rates": {"RUB": {"rate": "92", "as_of": "2026-12-03T10:00:00"}}},
            "body.rates.RUB.as_of",
        ),
        (
            {"base": "USD", "rates": {"RUB": {"rate": 92.15, "as_of": AS_OF}}},
            "body.rates.RUB.rate",
        ),
    ],
)
async def test_bad_rates_are_refused_with_the_field(
    api: Api, body: dict[str, object], field: str
) -> None:
    status, answer, _ = await api.put(PATH, body)
    assert status == 422, answer
    assert field in [item["field"] for item in answer["error"]["fields"]], answer


async def test_a_date_that_cannot_be_kept_is_a_422_not_a_crash(api: Api) -> None:
    body = _body(RUB="92")
    body["rates"]["RUB"]["as_of"] = "0001-01-01T00:15:00+02:00"  # type: ignore[index]
    status, answer, _ = await api.put(PATH, body)
    assert status == 422, answer


async def test_rates_need_the_token(api: Api, database: Database) -> None:
    status, _, headers = await api.put(PATH, _body(RUB="92"), auth=False)
    assert status == 401
    assert headers["WWW-Authenticate"] == "Bearer"
    async with UnitOfWork(database.session_factory) as uow:
        assert await uow.rates.of_base("USD") == {}
