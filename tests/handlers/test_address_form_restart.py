"""A half-filled address form survives a restart with Redis FSM storage, and says it has
expired without it."""

from __future__ import annotations

from aiogram.utils.i18n import I18n

from bot.app import Database, build_bot, build_dispatcher
from bot.clock import FixedClock
from bot.db.uow import UnitOfWork
from bot.fake_telegram import ChatClient, FakeBotAPI, FakeSession
from bot.services.addresses import book as address_book
from tests.conftest import make_settings
from tests.factories import make_buyer
from tests.handlers.test_fsm_restart import StorageFactory, storages  # noqa: F401 - a fixture


async def test_a_half_filled_address_survives_a_restart_only_with_redis(
    storages: tuple[str, StorageFactory],  # noqa: F811
    sqlite_database: Database,
    clock: FixedClock,
    i18n: I18n,
) -> None:
    kind, make_storage = storages
    settings = make_settings()
    user = await make_buyer(UnitOfWork(sqlite_database.session_factory), 1001, clock.now())
    server = FakeBotAPI(clock=lambda: clock.now().timestamp())
    bot = build_bot(settings, FakeSession(server))

    def start_process() -> ChatClient:
        storage, isolation = make_storage()
        dispatcher = build_dispatcher(
            settings,
            sqlite_database,
            clock=clock,
            i18n=i18n,
            storage=storage,
            events_isolation=isolation,
        )
        return ChatClient(dispatcher, bot, server, 1001)

    before = start_process()
    await before.send("/addresses")
    await before.press("➕ Add address")
    await before.send("Anna Schmidt")
    await before.send("germ")
    await before.press("🇩🇪 Germany")
    await before.send("+49 1512 3456789")
    await before.send("Berlin")
    assert before.screen.startswith("📍 Step 5 of 7 · City")

    after = start_process()
    await after.press("◀️ Back")

    if kind == "redis":
        assert after.screen.startswith("📍 Step 4 of 7 · Region")
        assert after.screen.endswith("Now: Berlin")
        for answer in ("Berlin", "Berlin", "Unter den Linden 77", "10117"):
            await after.send(answer)
        assert "Recipient: Anna Schmidt\nCountry: Germany\nPhone: +49 1512 3456789" in (
            after.screen
        )
        await after.press("💾 Save")
        assert after.last_answer["text"] == "✅ Address saved."
        book = await address_book.list_addresses(
            UnitOfWork(sqlite_database.session_factory), user.id
        )
        assert [a.street for a in book.addresses] == ["Unter den Linden 77"]
    else:
        assert after.last_answer["text"] == (
            "This form has expired. Open your addresses and start again."
        )
        assert "You have no shipping addresses yet." in (after.screen or "")
        await after.send("Berlin")
        assert "I did not understand that." in (after.screen or "")
    await bot.session.close()
