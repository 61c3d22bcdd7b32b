"""Home, help, language and /cancel, as a buyer sees them."""

from __future__ import annotations

from bot.app import set_commands
from bot.db.enums import OrderStatus
from bot.fake_telegram import assert_every_callback_answered_once
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order

S = OrderStatus


async def test_start_shows_what_needs_attention(harness: BotHarness) -> None:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now)
    await make_order(uow, user, now, status=S.AWAITING_PAYMENT)
    await make_order(uow, user, now, status=S.SHIPPED, shipped_days_ago=3)
    await make_order(uow, user, now, status=S.DELIVERED, shipped_days_ago=9)
    await make_order(uow, user, now, status=S.COMPLETED)
    anna = harness.buyer()

    await anna.send("/start")

    assert "My cabinet" in anna.screen
    assert "1 order awaiting payment" in anna.screen
    assert "0 orders awaiting shipment" in anna.screen
    assert "2 orders on their way to you" in anna.screen
    assert "1 order awaiting your feedback" in anna.screen
    assert "4 orders in total" in anna.screen
    assert anna.buttons == [
        ["📋 My orders"],
        ["💳 To pay (1)"],
        ["🚚 To receive (2)"],
        ["⭐ Awaiting feedback (1)"],
        ["✉️ Messages"],
        ["⚖️ Returns & disputes"],
        ["🎟 Coupons", "🗑 Deleted orders"],
        ["👤 Profile", "⚙️ Settings"],
        ["❓ Help"],
    ]


async def test_start_in_russian_uses_russian_plurals(harness: BotHarness) -> None:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now, language_code="ru")
    for _ in range(2):
        await make_order(uow, user, now, status=S.SHIPPED, shipped_days_ago=3)
    for _ in range(5):
        await make_order(uow, user, now, status=S.AWAITING_PAYMENT)
    anna = harness.buyer(language_code="ru")

    await anna.send("/start")

    assert "Мой кабинет" in anna.screen
    assert "5 заказов ожидают оплаты" in anna.screen
    assert "2 заказа в пути к вам" in anna.screen
    assert anna.buttons[0] == ["📋 Мои заказы"]


async def test_a_new_buyer_without_orders_is_told_what_the_cabinet_is_for(
    harness: BotHarness,
) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/start")
    assert "You have no orders yet" in anna.screen


async def test_demo_data_gives_a_new_buyer_a_full_account_once(make_harness) -> None:
    harness = make_harness(demo_data=True)
    anna = harness.buyer()

    await anna.send("/start")
    first = anna.screen
    await anna.send("/start")

    assert "10 orders in total" in first
    assert anna.screen == first
    await anna.press("📋 My orders")
    assert "1 deleted order is in" in anna.screen
    await anna.send("/messages")  # a seller's conversation, a promotion and a notice
    assert "Unread: 2" in anna.screen
    assert ["💬 Sellers (1)"] in anna.buttons
    await harness.bot.session.close()


async def test_language_choice_is_remembered_over_telegrams_language(
    harness: BotHarness,
) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer(language_code="en")
    await anna.send("/language")
    assert anna.buttons[0] == ["✓ 🇬🇧 English", "🇷🇺 Русский"]

    await anna.press("🇷🇺 Русский")

    assert anna.last_answer["text"] == "Язык изменён на русский."
    assert "Мой кабинет" in anna.screen
    await anna.send("/menu")
    assert "Мой кабинет" in anna.screen
    assert_every_callback_answered_once(harness.server)


async def test_telegram_language_picks_russian_for_ukrainian_speakers(
    harness: BotHarness,
) -> None:
    olena = harness.buyer(language_code="uk")
    await olena.send("/help")
    assert "Помощь" in olena.screen


async def test_an_unknown_language_falls_back_to_the_default(harness: BotHarness) -> None:
    hans = harness.buyer(language_code="de")
    await hans.send("/help")
    assert "Help" in hans.screen


async def test_cancel_says_whether_there_was_anything_to_cancel(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/cancel")
    assert anna.screen == "There is nothing to cancel."

    await anna.send("/orders")
    await anna.press("🔎 Search")
    await anna.send("/cancel")
    assert anna.screen == "Cancelled. Nothing was saved."
    await anna.send("earbuds")
    assert "I did not understand that" in anna.screen


async def test_commands_are_registered_in_every_language(harness: BotHarness) -> None:
    await set_commands(harness.bot, harness.dispatcher["i18n"])

    english = harness.server.commands("en")
    russian = harness.server.commands("ru")
    default = harness.server.commands("")
    assert [c["command"] for c in english] == [
        "menu",
        "orders",
        "shop",
        "find",
        "recent",
        "coupons",
        "favourites",
        "disputes",
        "feedback",
        "messages",
        "profile",
        "language",
        "settings",
        "help",
        "cancel",
    ]
    assert english[0]["description"] == "Open my cabinet"
    assert russian[0]["description"] == "Открыть мой кабинет"
    assert russian[2]["description"] == "Магазин: категории и товары"
    assert russian[5]["description"] == "Мои купоны"
    assert default == english
    texts = {
        code: (
            harness.server.handle("getMyDescription", {"language_code": code})[1]["result"],
            harness.server.handle("getMyShortDescription", {"language_code": code})[1]["result"],
        )
        for code in ("en", "ru", "")
    }
    assert texts["en"][0]["description"].startswith("Your marketplace cabinet in Telegram")
    assert texts["ru"][0]["description"].startswith("Ваш личный кабинет маркетплейса")
    assert texts["ru"][1]["short_description"].startswith("Ваши заказы")
    assert texts[""] == texts["en"]


async def test_groups_never_see_a_cabinet(harness: BotHarness) -> None:
    from aiogram.types import Update

    update = Update.model_validate(
        {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": -100, "type": "supergroup", "title": "Friends"},
                "from": {"id": 1001, "is_bot": False, "first_name": "Anna"},
                "text": "/start",
                "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
            },
        },
        context={"bot": harness.bot},
    )
    await harness.dispatcher.feed_update(harness.bot, update)
    assert harness.server.calls == []
