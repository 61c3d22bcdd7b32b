"""Password checks under attack never starve the bot.

Before, every attempt held a database connection while it waited for argon2: about sixteen
chats trying passwords at once took the whole pool, and another buyer's /orders waited 30 s
for a connection and got "Something went wrong". Now a check waits in a bounded queue with no
connection held, one per chat, and a Telegram user has a budget of checks per hour.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from aiogram.fsm.storage.memory import DisabledEventIsolation
from aiogram.utils.i18n import I18n

from bot.app import Database, build_dispatcher
from bot.clock import FixedClock
from bot.db.engine import build_engine, build_session_factory
from bot.fake_telegram.client import ChatClient
from bot.services import budgets
from bot.services.accounts import passwords
from bot.services.accounts.auth import PASSWORD_CHECKS, failure_key
from bot.services.accounts.hashing import PasswordQueue
from bot.services.accounts.passwords import PasswordVerification
from tests.conftest import BotHarness, JsonMemoryStorage, make_settings
from tests.factories import make_buyer, make_order
from tests.waiting import until

ATTACKERS = 6


@pytest.fixture
async def small_pool(database: Database, request: pytest.FixtureRequest) -> AsyncIterator[Database]:
    """The test database behind a pool of two connections that gives up after 2 s: holding
    a connection across a password check would starve everybody else at once."""
    threaded = request.node.callspec.params["database"] == "sqlite-threaded"
    url = database.engine.url.render_as_string(hide_password=False)
    engine = build_engine(
        url, sqlite_threaded=threaded, pool_size=2, max_overflow=0, pool_timeout=2
    )
    small = Database(engine, build_session_factory(engine))
    yield small
    await small.dispose()


class HeldChecks:
    """argon2 replaced by checks that wait for the gate: every attempt stays in flight."""

    def __init__(self) -> None:
        self.gate = asyncio.Event()
        self.calls = 0

    async def __call__(
        self, stored: str | None, password: str, hasher: object = None
    ) -> PasswordVerification:
        self.calls += 1
        await self.gate.wait()
        return PasswordVerification(matches=False)


async def at_the_password_step(client: ChatClient, email: str, button: str = "🔑 Sign in") -> None:
    await client.send("/start")
    await client.press(button)
    await client.send(email)


def deleted_in(harness: BotHarness, chat_id: int) -> int:
    calls = harness.server.calls_of("deleteMessage")
    return sum(1 for call in calls if call.ok and int(call.params["chat_id"]) == chat_id)


async def test_a_bystander_is_answered_while_many_password_checks_wait(
    small_pool: Database, clock: FixedClock, i18n: I18n, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness = BotHarness(make_settings(), small_pool, clock, i18n)
    queue = harness.dispatcher["password_queue"] = PasswordQueue(waiting=32, slots=2)
    async with harness.uow() as uow:
        boris = await make_buyer(uow, 1001, clock.now(), name="Boris")
    await make_order(harness.uow(), boris, clock.now(), title="Desk lamp")
    bystander = harness.buyer(1001, name="Boris")
    attackers = [harness.buyer(3000 + n, name="Eve") for n in range(ATTACKERS)]
    for n, eve in enumerate(attackers):  # fresh e-mails each: no lockout applies
        await at_the_password_step(eve, f"victim{n}@example.com")
    checks = HeldChecks()
    monkeypatch.setattr(passwords, "verify_password_async", checks)

    attempts = [asyncio.create_task(eve.send("guess-123456")) for eve in attackers]
    try:
        await until(lambda: (queue.running, queue.waiting) == (2, ATTACKERS - 2))
        assert small_pool.engine.pool.checkedout() == 0  # type: ignore[attr-defined]

        await bystander.send("/orders")

        assert "Desk lamp" in (bystander.screen or "")
        assert not any(attempt.done() for attempt in attempts)  # all still being checked
        assert (queue.running, queue.waiting) == (2, ATTACKERS - 2)
    finally:
        checks.gate.set()
        await asyncio.gather(*attempts)
    for eve in attackers:
        assert "Wrong e-mail or password" in (eve.screen or "")


async def test_a_chat_whose_password_is_still_being_checked_is_asked_for_a_moment(
    sqlite_database: Database, clock: FixedClock, i18n: I18n, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without event isolation a chat's updates overlap: the second password gets no slot."""
    harness = BotHarness(make_settings(), sqlite_database, clock, i18n)
    harness.dispatcher = build_dispatcher(
        harness.settings,
        sqlite_database,
        clock=clock,
        i18n=i18n,
        storage=JsonMemoryStorage(),
        events_isolation=DisabledEventIsolation(),
        mailer=harness.mailer,
    )
    eve = harness.buyer(3001, name="Eve")
    await at_the_password_step(eve, "victim@example.com")
    checks = HeldChecks()
    monkeypatch.setattr(passwords, "verify_password_async", checks)
    first = asyncio.create_task(eve.send("first-guess"))
    await until(lambda: checks.calls == 1)

    await eve.send("second-guess")

    assert eve.screen == "⏳ One moment: I am still checking the password you sent before."
    assert deleted_in(harness, 3001) == 2  # the second password left the chat all the same
    checks.gate.set()
    await first
    assert "Wrong e-mail or password" in (eve.screen or "")
    assert checks.calls == 1
    async with harness.uow() as uow:
        assert await budgets.left(uow, PASSWORD_CHECKS, "3001", clock.now()) == 19


async def test_when_too_many_checks_wait_the_buyer_is_asked_to_retry_and_nothing_counts(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    queue = harness.dispatcher["password_queue"] = PasswordQueue(waiting=1, slots=1)
    attackers = [harness.buyer(3000 + n, name="Eve") for n in range(2)]
    for n, eve in enumerate(attackers):
        await at_the_password_step(eve, f"victim{n}@example.com")
    anna = harness.buyer(1001, language_code="ru")
    await at_the_password_step(anna, "anna@example.com", "🔑 Войти")
    checks = HeldChecks()
    monkeypatch.setattr(passwords, "verify_password_async", checks)
    attempts = [asyncio.create_task(eve.send("guess-123456")) for eve in attackers]
    await until(lambda: (queue.running, queue.waiting) == (1, 1))

    await anna.send("velvet-orbit-cactus-41")

    assert anna.screen == (
        "⏳ Сейчас входит очень много людей. Отправьте пароль ещё раз через несколько секунд."
    )
    assert deleted_in(harness, 1001) == 1
    checks.gate.set()
    await asyncio.gather(*attempts)
    now = harness.clock.now()
    async with harness.uow() as uow:
        assert await budgets.left(uow, PASSWORD_CHECKS, "1001", now) == PASSWORD_CHECKS.limit
        key = failure_key("anna@example.com")
        assert await uow.sign_in_failures.since(key, now - PASSWORD_CHECKS.window) == []


@pytest.mark.parametrize(
    ("language", "button", "expected"),
    [
        (
            "en",
            "🔑 Sign in",
            "⏳ 20 passwords were tried from this Telegram account within an hour. "
            "You can send a password again from Nov 26, 10:00\u202fPM.",
        ),
        (
            "ru",
            "🔑 Войти",
            "⏳ С этого аккаунта Telegram за час ввели 20 паролей. "
            "Снова отправить пароль можно с 26 нояб., 22:00.",
        ),
    ],
    ids=["en", "ru"],
)
async def test_after_twenty_passwords_in_an_hour_the_buyer_is_told_when_to_come_back(
    harness: BotHarness,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    button: str,
    expected: str,
) -> None:
    checks = HeldChecks()
    checks.gate.set()
    monkeypatch.setattr(passwords, "verify_password_async", checks)
    eve = harness.buyer(3001, language_code=language, name="Eve")
    await at_the_password_step(eve, "victim@example.com", button)
    now = harness.clock.now()  # 12:00 UTC: the hour's checks come back at 13:00
    async with harness.uow() as uow:
        guest = await uow.users.by_telegram_id(3001)
        assert guest is not None
        guest.time_zone = "Asia/Tokyo"
        await uow.commit()
    await budgets.spend(harness.uow(), [(PASSWORD_CHECKS, "3001")], now, amount=20)

    await eve.send("another-guess")

    assert eve.screen == expected
    assert checks.calls == 0
    assert deleted_in(harness, 3001) == 1
