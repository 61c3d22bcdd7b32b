"""Help as short pages: the index, one page per question, and buttons straight to the fix."""

from __future__ import annotations

from collections.abc import Callable

from bot.fake_telegram import assert_every_callback_answered_once
from bot.keyboards.callbacks import AuthAction, AuthCb
from tests.conftest import BotHarness
from tests.factories import make_buyer

INDEX = [
    ["🏠 Where is my cabinet?"],
    ["🚪 Signing out on a shared device"],
    ["📵 The cabinet doesn't open"],
    ["🔑 Can't sign in or forgot the password"],
    ["🗑 An order disappeared"],
    ["🔒 Is my payment data safe?"],
    ["🎟 How do coupons work?"],
    ["🏠 My cabinet"],
]
FOOTER = ["◀️ Help", "🏠 My cabinet"]


def _button_data(harness: BotHarness, text: str) -> str:
    message = harness.server.last_message(1001)
    assert message is not None
    rows = (message.reply_markup or {})["inline_keyboard"]
    return next(b["callback_data"] for row in rows for b in row if b["text"] == text)


async def test_help_is_an_index_of_questions_from_the_command_and_the_home_button(
    harness: BotHarness,
) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()

    await anna.send("/help")

    assert anna.screen.startswith("❓ Help\n\nPick a question below")
    assert "/profile: your name, e-mail, password and other settings" in anna.screen
    assert anna.buttons == INDEX
    await anna.send("/start")
    await anna.press("❓ Help")
    assert anna.buttons == INDEX
    assert_every_callback_answered_once(harness.server)


async def test_every_page_is_short_and_leads_back_to_the_index(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/help")

    for [title] in INDEX[:-1]:
        await anna.press(title)
        title_line, blank, *body = anna.screen.split("\n")
        assert (title_line, blank) == (title, "")
        assert 1 <= len(body) <= 5, anna.screen
        assert anna.buttons[-1] == FOOTER
        await anna.press("◀️ Help")
        assert anna.buttons == INDEX
    assert_every_callback_answered_once(harness.server)


async def test_where_is_my_cabinet_mentions_menu_and_opens_it(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/help")

    await anna.press("🏠 Where is my cabinet?")

    assert "Send /menu at any time" in anna.screen
    assert anna.buttons == [FOOTER]
    await anna.press("🏠 My cabinet")
    assert "My cabinet" in anna.screen


async def test_signing_in_and_out_pages_offer_the_account_buttons(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/help")

    await anna.press("🚪 Signing out on a shared device")
    assert "cards saved to it included" in anna.screen
    assert anna.buttons == [["🚪 Sign out"], FOOTER]
    assert _button_data(harness, "🚪 Sign out") == AuthCb(action=AuthAction.SIGN_OUT).pack()

    await anna.press("◀️ Help")
    await anna.press("🔑 Can't sign in or forgot the password")
    assert "Caps Lock is off" in anna.screen
    assert anna.buttons == [["🔑 Sign in", "🔁 Reset password"], FOOTER]
    assert _button_data(harness, "🔑 Sign in") == AuthCb(action=AuthAction.SIGN_IN).pack()
    assert _button_data(harness, "🔁 Reset password") == AuthCb(action=AuthAction.FORGOT).pack()


async def test_the_page_that_cannot_help_from_inside_says_what_to_check(
    harness: BotHarness,
) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/help")

    await anna.press("📵 The cabinet doesn't open")

    assert "Check your connection" in anna.screen and "Update Telegram" in anna.screen
    assert "Wait a minute and send /start." in anna.screen
    assert anna.buttons == [FOOTER]


async def test_a_disappeared_order_page_counts_the_days_and_opens_deleted_orders(
    make_harness: Callable[..., BotHarness],
) -> None:
    harness = make_harness(trash_retention_days=1)
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/help")

    await anna.press("🗑 An order disappeared")

    assert "only you can delete them" in anna.screen
    assert "waits in Deleted orders for 1 day," in anna.screen
    assert anna.buttons == [["🗑 Deleted orders"], FOOTER]
    await anna.press("🗑 Deleted orders")
    assert anna.screen.startswith("🗑 Deleted orders\n\nThe trash is empty.")
    await harness.bot.session.close()


async def test_payment_and_coupon_pages_open_the_profile_and_the_coupons(
    harness: BotHarness,
) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/help")

    await anna.press("🔒 Is my payment data safe?")
    assert "never asks for your card number" in anna.screen
    assert "stored only as a secure hash" in anna.screen
    assert anna.buttons == [["👤 Profile"], FOOTER]
    await anna.press("👤 Profile")
    assert anna.screen.startswith("👤 Profile")

    await anna.send("/help")
    await anna.press("🎟 How do coupons work?")
    assert "until it expires" in anna.screen and "minimum order amount" in anna.screen
    assert "a marketplace coupon works in every store" in anna.screen
    assert anna.buttons == [["🎟 My coupons"], FOOTER]
    await anna.press("🎟 My coupons")
    assert anna.screen.startswith("🎟 Coupons · Active")
    assert_every_callback_answered_once(harness.server)


async def test_help_in_russian_with_russian_plurals(
    make_harness: Callable[..., BotHarness],
) -> None:
    harness = make_harness(trash_retention_days=21)
    await make_buyer(harness.uow(), 1001, harness.clock.now(), language_code="ru")
    anna = harness.buyer(language_code="ru")

    await anna.send("/help")

    assert anna.screen.startswith("❓ Помощь\n\nВыберите вопрос")
    assert anna.buttons[0] == ["🏠 Где мой кабинет?"]
    assert anna.buttons[-1] == ["🏠 Мой кабинет"]
    await anna.press("🗑 Пропал заказ")
    assert "ждёт в разделе «Удалённые заказы» 21 день" in anna.screen
    assert anna.buttons == [["🗑 Удалённые заказы"], ["◀️ Помощь", "🏠 Мой кабинет"]]
    await anna.press("◀️ Помощь")
    await anna.press("🔑 Не получается войти или забыли пароль")
    assert "Caps Lock" in anna.screen
    assert anna.buttons[0] == ["🔑 Войти", "🔁 Сбросить пароль"]
    assert_every_callback_answered_once(harness.server)
    await harness.bot.session.close()
