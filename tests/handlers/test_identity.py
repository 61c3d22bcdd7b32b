"""The buyer row: created once, refreshed only when the Telegram profile changes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import event, select

from bot.db.models import User
from tests.conftest import BotHarness


@pytest.fixture
def user_writes(harness: BotHarness) -> Iterator[list[str]]:
    writes: list[str] = []

    def record(conn, cursor, statement: str, *args: object) -> None:  # noqa: ANN001
        if statement.lstrip().upper().startswith(("INSERT INTO USERS", "UPDATE USERS")):
            writes.append(statement.split(maxsplit=1)[0].upper())

    engine = harness.database.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    yield writes
    event.remove(engine, "before_cursor_execute", record)


async def test_repeat_visits_do_not_write_the_buyer_row(
    harness: BotHarness, user_writes: list[str]
) -> None:
    anna = harness.buyer()
    await anna.send("/start")
    assert user_writes == ["INSERT", "UPDATE"]  # created, then marked as onboarded

    user_writes.clear()
    await anna.send("/menu")
    await anna.press("📋 My orders")
    await anna.send("/help")
    assert user_writes == []


async def test_a_changed_telegram_profile_is_saved_once(
    harness: BotHarness, user_writes: list[str]
) -> None:
    await harness.buyer(name="Anna").send("/start")
    user_writes.clear()

    renamed = harness.buyer(name="Anna K.", language_code="ru")
    await renamed.send("/menu")
    await renamed.send("/menu")

    assert user_writes == ["UPDATE"]
    async with harness.uow() as uow:
        user = await uow.session.scalar(select(User).where(User.telegram_id == 1001))
    assert (user.first_name, user.language_code) == ("Anna K.", "ru")
    assert "Здравствуйте, Anna K.!" in renamed.screen  # a guest's name is Telegram's
