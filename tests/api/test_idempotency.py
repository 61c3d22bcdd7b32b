"""Idempotency-Key: simultaneous retries all get the one answer, a retry waits for the request
still running with its key (for a while), a request that failed or died does not hold its key,
and what is kept for a retry is sealed and goes with the buyer it is about."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import delete, func, select, text, update

from bot.api.app import build_api
from bot.api.idempotency import LEASE, WAIT
from bot.api.metrics import Metrics
from bot.app import Database
from bot.clock import FixedClock
from bot.db.models import IdempotencyRecord, LinkCode, User
from bot.db.uow import UnitOfWork
from bot.services.accounts.deletion import delete_account
from bot.services.accounts.sessions import TelegramProfile
from tests.api.conftest import TOKEN, Api, make_buyer_and_store, order_body
from tests.conftest import make_settings

BUYERS = "/api/v1/buyers"


async def _count(database: Database, model: type) -> int:
    async with database.session_factory() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_ten_simultaneous_retries_all_get_the_one_answer(
    api: Api, database: Database
) -> None:
    """A marketplace that retries at once gets the same answer ten times, not conflicts: the
    first request reserves the key, the others wait for its answer and get it. (Before, the
    others ran the request too, and those that saw the first one's buyer half-way answered
    409; a few rounds make that race all but certain to show.)"""
    for round_ in range(ROUNDS):
        key = {"Idempotency-Key": f"ten-at-once-{round_}"}
        body = {"external_id": f"b-{round_}", "email": f"ten{round_}@example.com", "name": "Anna"}

        answers = await asyncio.gather(*(api.post(BUYERS, body, headers=key) for _ in range(10)))

        assert [status for status, _, _ in answers] == [201] * 10, [a for _, a, _ in answers]
        assert all(answer == answers[0][1] for _, answer, _ in answers)
        replayed = [headers.get("Idempotent-Replayed") for _, _, headers in answers]
        assert replayed.count(None) == 1  # the one that did it
    assert await _count(database, User) == ROUNDS
    assert await _count(database, LinkCode) == ROUNDS


ROUNDS = 5


async def test_a_refused_request_frees_its_key_for_a_retry(api: Api, database: Database) -> None:
    key = {"Idempotency-Key": "first-refused"}
    taken = {"external_id": "b-1", "email": "anna@example.com"}
    assert (await api.post(BUYERS, taken))[0] == 201
    clash = {"external_id": "b-2", "email": "anna@example.com"}

    refused = await api.post(BUYERS, clash, headers=key)
    assert (refused[0], refused[1]["error"]["code"]) == (409, "account_conflict")
    assert await _count(database, IdempotencyRecord) == 0
    # The marketplace fixes the address and retries with the same key... which is a
    # different request now, and runs.
    assert (await api.post(BUYERS, clash, headers=key))[0] == 409
    assert (await api.post(BUYERS, {"external_id": "b-2"}, headers=key))[0] == 201


@pytest.fixture
async def waiting_api(database: Database, clock: FixedClock) -> AsyncIterator[Api]:
    """An API whose waits move the clock instead of taking time."""

    async def sleep(seconds: float) -> None:
        clock.advance(timedelta(seconds=seconds))
        await asyncio.sleep(0)

    settings = make_settings(api_token=TOKEN, api_max_body_bytes=4096)
    app = build_api(settings, database.session_factory, clock, Metrics(), sleep=sleep)
    async with TestClient(TestServer(app)) as client:
        yield Api(client, Metrics())


async def _still_running(database: Database) -> None:
    """Make the stored answer a reservation again: its request is running (or died)."""
    async with database.session_factory() as session:
        await session.execute(update(IdempotencyRecord).values(status_code=None, body=None))
        await session.commit()


async def test_a_retry_waits_for_the_running_request_then_says_it_still_runs(
    waiting_api: Api, database: Database, clock: FixedClock
) -> None:
    key = {"Idempotency-Key": "slow"}
    body = {"external_id": "b-1", "name": "Anna"}
    assert (await waiting_api.post(BUYERS, body, headers=key))[0] == 201
    await _still_running(database)
    started = clock.now()

    status, error, headers = await waiting_api.post(BUYERS, body, headers=key)

    assert (status, error["error"]["code"]) == (409, "idempotency_key_in_progress")
    assert headers["Retry-After"] == "1"
    assert WAIT <= clock.now() - started < WAIT + timedelta(seconds=1)
    other = await waiting_api.post(BUYERS, {"external_id": "b-2"}, headers=key)
    assert (other[0], other[1]["error"]["code"]) == (409, "idempotency_key_reused")
    assert await _count(database, User) == 1


async def test_a_key_whose_request_died_is_taken_over_after_the_lease(
    waiting_api: Api, database: Database, clock: FixedClock
) -> None:
    key = {"Idempotency-Key": "died"}
    body = {"external_id": "b-1", "name": "Anna"}
    assert (await waiting_api.post(BUYERS, body, headers=key))[0] == 201
    await _still_running(database)
    clock.advance(LEASE + timedelta(seconds=1))

    status, buyer, headers = await waiting_api.post(BUYERS, body, headers=key)

    assert (status, buyer["external_id"]) == (200, "b-1")  # ran again: the buyer exists
    assert "Idempotent-Replayed" not in headers
    again = await waiting_api.post(BUYERS, body, headers=key)
    assert (again[0], again[1], again[2]["Idempotent-Replayed"]) == (200, buyer, "true")


async def _raw_records(database: Database) -> list[tuple[object, ...]]:
    async with database.session_factory() as session:
        return list(await session.execute(text("SELECT * FROM idempotency_records")))


async def test_a_stored_answer_holds_no_link_code_no_email_and_no_key(
    api: Api, database: Database
) -> None:
    """The answer to a new buyer holds their sign-in link (valid for days) and their e-mail; a
    copy of the database must not hand them out, yet a retry gets them back."""
    key = {"Idempotency-Key": "new-buyer-anna-7f3c"}
    body = {"external_id": "b-1", "email": "anna.smirnova@example.com", "name": "Anna Smirnova"}
    status, first, _ = await api.post(BUYERS, body, headers=key)
    assert status == 201
    code = first["link"]["start_parameter"]

    [row] = await _raw_records(database)
    stored = b"".join(v if isinstance(v, bytes) else str(v).encode() for v in row if v)
    for secret in (code, "anna.smirnova@example.com", "Anna Smirnova", "new-buyer-anna-7f3c"):
        assert secret.encode() not in stored, secret

    again = await api.post(BUYERS, body, headers=key)
    assert (again[0], again[1], again[2]["Idempotent-Replayed"]) == (201, first, "true")


async def test_every_stored_answer_about_a_buyer_names_them(api: Api, database: Database) -> None:
    buyer_id = await make_buyer_and_store(api)
    orders = f"/api/v1/buyers/{buyer_id}/orders"
    number = "8100000000000001"
    message = {"external_id": "m-1", "text": "Shipped today", "sent_at": "2026-11-21T10:00:00Z"}
    for path, body in (
        (orders, order_body(number)),
        (
            f"/api/v1/orders/{number}/status",
            {"status": "awaiting_shipment", "at": "2026-11-21T10:00:00Z"},
        ),
        (f"/api/v1/orders/{number}/messages", message),
        (f"/api/v1/buyers/{buyer_id}/link", None),
    ):
        status, answer, _ = await api.post(path, body, headers={"Idempotency-Key": path})
        assert status in (200, 201), answer

    async with database.session_factory() as session:
        named = await session.scalars(select(IdempotencyRecord.buyer_id))
        assert list(named) == [buyer_id] * 4


async def test_deleting_the_account_deletes_the_answers_about_it(
    api: Api, database: Database, clock: FixedClock
) -> None:
    anna = await make_buyer_and_store(api, "anna")
    boris = await make_buyer_and_store(api, "boris")
    for buyer_id in (anna, boris):
        path = f"/api/v1/buyers/{buyer_id}/link"
        assert (await api.post(path, headers={"Idempotency-Key": f"link-{buyer_id}"}))[0] == 201

    uow = UnitOfWork(database.session_factory)
    async with uow:
        account = await uow.users.by_id(anna)
        assert account is not None
        await delete_account(uow, account, TelegramProfile(1001, "Guest", None, "en"), clock.now())
    async with database.session_factory() as session:
        assert list(await session.scalars(select(IdempotencyRecord.buyer_id))) == [boris]
        # A user row that goes (a guest's, when they sign in) takes its answers along.
        await session.execute(delete(User).where(User.id == boris))
        await session.commit()
    assert await _raw_records(database) == []
