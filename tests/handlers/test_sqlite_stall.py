"""A write transaction held across an await never freezes the bot (SQLite in the event loop).

Before the in-loop driver serialised writers, a second writer spun in SQLite's busy wait inside
the event loop for 5 s, so the first writer could never finish, and the second buyer got
"Something went wrong".
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any

import pytest

from bot.services.accounts import passwords
from tests.conftest import BotHarness
from tests.factories import make_buyer

BUDGET = 0.1  # seconds on the loop's clock


def said(harness: BotHarness, chat_id: int) -> str:
    """Everything the bot's messages in this chat say now."""
    return " ".join(m.text or "" for m in harness.server.messages_in(chat_id) if m.from_bot)


async def answered_in(coro: Awaitable[Any]) -> float:
    loop = asyncio.get_running_loop()
    started = loop.time()
    await coro
    return loop.time() - started


async def test_a_press_that_writes_is_answered_while_another_buyer_holds_a_write(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    async with harness.uow() as uow:
        anna = await make_buyer(uow, 2001, harness.clock.now(), name="Anna")
    carol = harness.buyer(1002, name="Carol")  # the same press once, so caches are warm
    await carol.send("/start")
    await carol.press("✈️ Continue with Telegram")
    boris = harness.buyer(1001, name="Boris")
    await boris.send("/start")  # a guest: "Continue with Telegram" creates his account
    holding, release = asyncio.Event(), asyncio.Event()

    async def hold_a_write_across_an_await() -> None:
        async with harness.uow() as uow:
            user = await uow.users.by_id(anna.id)
            assert user is not None
            user.first_name = "Anna K."
            await uow.session.flush()  # the UPDATE: this transaction is the writer now
            holding.set()
            await release.wait()  # e.g. a password hash in a thread, a network call
            await uow.commit()

    holder = asyncio.create_task(hold_a_write_across_an_await())
    await holding.wait()
    press = asyncio.create_task(answered_in(boris.press("✈️ Continue with Telegram")))
    # The loop keeps running while Boris's write waits its turn: a short tick goes by, then
    # the first transaction ends, as a hash or a network call does.
    await asyncio.sleep(0.005)
    assert not press.done()
    release.set()
    elapsed = await press
    await holder

    assert elapsed < BUDGET
    assert "account is ready" in said(harness, 1001)
    assert "Something went wrong" not in said(harness, 1001)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    async with harness.uow() as uow:
        saved = await uow.users.by_id(anna.id)
        assert saved is not None and saved.first_name == "Anna K."


async def test_a_password_sign_in_never_holds_the_write_lock_while_it_rehashes(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The re-hash runs before the sign-in writes, so another buyer is served during it."""
    async with harness.uow() as uow:
        anna = await make_buyer(uow, 2001, harness.clock.now(), name="Anna")
        user = await uow.users.by_id(anna.id)
        assert user is not None
        user.email = "anna@example.com"
        user.password_hash = passwords.hash_password("velvet-orbit-cactus-41")
        await uow.commit()
    hashing, release = asyncio.Event(), asyncio.Event()

    async def slow_hash(password: str, hasher: object = None) -> str:
        hashing.set()
        await release.wait()
        return passwords.hash_password(password)

    async def always_rehash(stored: str | None, password: str, hasher: object = None) -> Any:
        found = passwords.verify_password(stored, password)
        return passwords.PasswordVerification(found.matches, needs_rehash=found.matches)

    monkeypatch.setattr(passwords, "hash_password_async", slow_hash)
    monkeypatch.setattr(passwords, "verify_password_async", always_rehash)
    anna_chat = harness.buyer(2002, name="Anna")
    await anna_chat.send("/start")
    await anna_chat.press("🔑 Sign in")
    await anna_chat.send("anna@example.com")
    sign_in = asyncio.create_task(anna_chat.send("velvet-orbit-cactus-41"))
    await hashing.wait()

    carol = harness.buyer(1002, name="Carol")  # the same press once, so caches are warm
    await carol.send("/start")
    await carol.press("✈️ Continue with Telegram")
    boris = harness.buyer(1001, name="Boris")
    await boris.send("/start")
    elapsed = await answered_in(boris.press("✈️ Continue with Telegram"))

    assert not sign_in.done()  # Anna's re-hash is still running ...
    assert elapsed < BUDGET  # ... and Boris's account was made meanwhile
    assert "account is ready" in said(harness, 1001)
    release.set()
    await sign_in
    assert "Something went wrong" not in said(harness, 2002) + said(harness, 1001)
