"""Guests and accounts: Continue with Telegram, signing up with an e-mail code, signing in
with a password (and the lock after wrong ones), signing out here and everywhere."""

from __future__ import annotations

import json
import logging
import re
from datetime import timedelta

import pytest
from aiogram.fsm.storage.base import StorageKey

from bot.fake_telegram.client import ChatClient
from bot.notify.mail import plain_text
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order

PASSWORD = "velvet-orbit-cactus-41"


def code_in_mail(harness: BotHarness, email: str) -> str:
    mail = harness.mailer.last_to(email)
    assert mail is not None, f"no mail to {email}"
    found = re.search(r"\b(\d{6})\b", plain_text(mail))
    assert found is not None
    return found.group(1)


async def sign_up(
    harness: BotHarness, client: ChatClient, email: str, button: str = "📝 Sign up"
) -> None:
    await client.send("/start")
    await client.press(button)
    await client.send(email)
    await client.send(PASSWORD)
    await client.send(code_in_mail(harness, email))


def everything_the_bot_was_sent_or_said(harness: BotHarness) -> str:
    return json.dumps(
        [(c.method, c.params, c.result_or_error) for c in harness.server.calls], default=str
    )


def bot_texts(harness: BotHarness, chat_id: int = 1001) -> list[str]:
    """What the bot's messages in the chat say now, oldest first."""
    return [m.text or "" for m in harness.server.messages_in(chat_id) if m.from_bot]


async def test_a_guest_is_asked_to_sign_in_and_lands_where_they_were_going(
    harness: BotHarness,
) -> None:
    anna = harness.buyer()
    await anna.send("/start")
    assert "browsing as a guest" in anna.screen
    await anna.press("📋 My orders")
    assert "Sign in to continue" in anna.screen

    await anna.press("✈️ Continue with Telegram")

    assert "Your account is ready" in bot_texts(harness)[-2]
    assert "My orders" in anna.screen  # the list they asked for, not the home screen
    await anna.send("/menu")
    assert "My cabinet" in anna.screen and "guest" not in anna.screen


async def test_sign_up_confirms_the_email_and_never_keeps_the_password_around(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    anna = harness.buyer()
    await anna.send("/start")
    await anna.press("📝 Sign up")
    await anna.send("not-an-email")
    assert "does not look like an e-mail" in anna.screen
    await anna.send("Anna@Example.com")
    await anna.send("password1")
    assert "Too weak" in anna.screen and "most common passwords" in anna.screen
    await anna.send(PASSWORD)
    assert "I sent a mail to a***@example.com: a 6-digit code" in anna.screen
    await anna.send("000000" if code_in_mail(harness, "anna@example.com") != "000000" else "1")
    assert "Wrong code. 4 tries left." in anna.screen

    await anna.send(code_in_mail(harness, "anna@example.com"))

    assert "Your account is ready and you are signed in" in bot_texts(harness)[-2]
    assert "Add a shipping address?" in anna.screen  # offered once, skippable
    await anna.press("⏭ Skip")
    assert "My cabinet" in anna.screen
    deleted = {c.params["message_id"] for c in harness.server.calls_of("deleteMessage") if c.ok}
    assert len(deleted) == 4  # both passwords and both codes went from the chat at once
    assert PASSWORD not in everything_the_bot_was_sent_or_said(harness)
    assert PASSWORD not in caplog.text
    key = StorageKey(bot_id=harness.bot.id, chat_id=1001, user_id=1001)
    storage = await harness.dispatcher.storage.get_data(key)
    assert PASSWORD not in json.dumps(storage)


async def test_an_expired_code_is_refused_and_a_new_one_works(harness: BotHarness) -> None:
    anna = harness.buyer(language_code="ru")
    await anna.send("/start")
    await anna.press("📝 Регистрация")
    await anna.send("anna@example.com")
    await anna.send(PASSWORD)
    old = code_in_mail(harness, "anna@example.com")
    harness.clock.advance(timedelta(minutes=11))
    await anna.send(old)
    assert "Срок действия кода истёк" in anna.screen

    await anna.press("📨 Отправить код ещё раз")
    await anna.send(code_in_mail(harness, "anna@example.com"))

    assert "Добавить адрес доставки?" in anna.screen
    await anna.press("⏭ Пропустить")
    assert "Мой кабинет" in anna.screen


async def test_sign_in_with_a_password_and_the_lock_after_wrong_ones(
    harness: BotHarness,
) -> None:
    anna = harness.buyer()
    await sign_up(harness, anna, "anna@example.com")
    await anna.press_data("au:out")
    await anna.press("🚪 Sign out on this device")
    assert "browsing as a guest" in anna.screen

    await anna.press("🔑 Sign in")
    await anna.send("anna@example.com")
    for left in (4, 3, 2, 1):
        await anna.send("wrong-password")
        assert f"{left} more " in anna.screen
    await anna.send("wrong-password")
    assert "locked until" in anna.screen
    await anna.press("🏠 My cabinet")
    await anna.press("🔑 Sign in")
    await anna.send("anna@example.com")
    await anna.send(PASSWORD)  # the right one, but the lock holds
    assert "locked until" in anna.screen

    harness.clock.advance(timedelta(minutes=16))
    await anna.press("🏠 My cabinet")
    await anna.press("🔑 Sign in")
    await anna.send("anna@example.com")
    await anna.send(PASSWORD)
    assert "Signed in. Welcome back" in bot_texts(harness)[-2]


async def test_sign_in_elsewhere_then_sign_out_everywhere_after_a_confirming_tap(
    harness: BotHarness,
) -> None:
    now = harness.clock.now()
    anna = harness.buyer()
    await sign_up(harness, anna, "anna@example.com")
    async with harness.uow() as uow:
        account = await uow.users.by_email("anna@example.com")
    await make_order(harness.uow(), account, now, title="Desk lamp")
    work = harness.buyer(telegram_id=2002, name="Anna at work")
    await work.send("/start")
    await work.press("🔑 Sign in")
    await work.send("anna@example.com")
    await work.send(PASSWORD)
    await work.press("📋 My orders")
    assert "Desk lamp" in work.screen

    await anna.send("/menu")
    await anna.press_data("au:out")
    assert "To come back, sign in with a***@example.com." in anna.screen
    await anna.press("🚪 Sign out everywhere")
    assert anna.screen.startswith("🚪 Sign out everywhere?\n\n2 Telegram accounts are signed")
    await anna.press("⬅️ Back")  # changed their mind: nobody is signed out
    await work.send("/orders")
    assert "Desk lamp" in work.screen
    await anna.press("🚪 Sign out everywhere")
    await anna.press("🚪 Yes, sign out everywhere")
    assert anna.last_answer["text"] == "✅ Signed out on 2 devices."

    await work.send("/menu")
    assert "browsing as a guest" in work.screen
    await work.press("📋 My orders")
    assert "Sign in to continue" in work.screen and "Desk lamp" not in work.screen


async def test_forgot_password_sets_a_new_one_and_signs_out_the_rest(harness: BotHarness) -> None:
    anna = harness.buyer()
    await sign_up(harness, anna, "anna@example.com")
    thief = harness.buyer(telegram_id=3003)
    await thief.send("/start")
    await thief.press("🔑 Sign in")
    await thief.send("anna@example.com")
    await thief.send(PASSWORD)
    me = harness.buyer(telegram_id=4004)
    await me.send("/start")
    await me.press("🔑 Sign in")
    await me.send("anna@example.com")
    await me.send("not-it")
    await me.press("🔁 Forgot password")
    await me.send("anna@example.com")
    assert "If an account uses a***@example.com" in me.screen
    await me.send(code_in_mail(harness, "anna@example.com"))
    await me.send("new-moon-harbor-77")

    assert "New password set" in bot_texts(harness, 4004)[-2]
    await thief.send("/menu")
    assert "browsing as a guest" in thief.screen


async def test_reset_for_an_unknown_email_says_the_same_and_mails_nobody(
    harness: BotHarness,
) -> None:
    anna = harness.buyer()
    await anna.send("/start")
    await anna.press("🔑 Sign in")
    await anna.send("nobody@example.com")
    await anna.send("whatever")
    assert "Wrong e-mail or password" in anna.screen
    await anna.press("🔁 Forgot password")
    await anna.send("nobody@example.com")
    assert "If an account uses n***@example.com" in anna.screen
    await anna.send("123456")
    assert "Wrong code. 4 tries left." in anna.screen
    assert harness.mailer.messages == []


async def test_forged_and_guest_presses_of_account_buttons(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now(), registered=False)
    anna = harness.buyer()
    await anna.send("/start")
    await anna.press_data("au:outa")
    assert anna.last_answer["text"] == "You are not signed in."
    await anna.press_data("au:rs")  # "send the code again" with no code on its way
    assert anna.last_answer["text"].startswith("This button is out of date")
    await anna.press_data("ol:all:0")  # a guest pressing an old My orders button
    assert "Sign in to continue" in anna.screen


async def test_in_russian_the_lock_and_signing_out_are_explained_in_russian(
    harness: BotHarness,
) -> None:
    anna = harness.buyer(language_code="ru")
    await sign_up(harness, anna, "anna@example.com", "📝 Регистрация")
    await anna.press_data("au:out")
    assert "На общем или чужом устройстве выходите" in anna.screen
    await anna.press("🚪 Выйти на этом устройстве")
    assert anna.last_answer["text"].startswith("✅ Вы вышли на этом устройстве")
    await anna.press("🔑 Войти")
    await anna.send("anna@example.com")
    await anna.send("неверный")
    assert "❌ Неверный e-mail или пароль. Осталось 4 попытки" in anna.screen
    for _ in range(4):
        await anna.send("неверный")
    assert "Вход с этим e-mail заблокирован до 26 нояб." in anna.screen
    assert anna.buttons[0] == ["🔁 Сбросить пароль"]


async def test_a_typed_command_waits_for_the_password_sign_in_and_then_runs(
    harness: BotHarness,
) -> None:
    owner = harness.buyer(telegram_id=2002)
    await sign_up(harness, owner, "anna@example.com")
    anna = harness.buyer()
    await anna.send("/coupons")
    assert "Sign in to continue" in anna.screen

    await anna.press("🔑 Sign in with e-mail")
    await anna.send("anna@example.com")
    await anna.send(PASSWORD)

    assert "Welcome back" in bot_texts(harness)[-2]
    assert anna.screen.startswith("🎟 Coupons · Active")  # /coupons, now as the account


async def test_a_sticker_instead_of_the_password_asks_for_text(harness: BotHarness) -> None:
    anna = harness.buyer()
    await anna.send("/start")
    await anna.press("🔑 Sign in")
    await anna.send("anna@example.com")
    sticker = {
        "file_id": "s1",
        "file_unique_id": "u1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    await anna.send_content({"sticker": sticker})
    assert anna.screen == "Please send it as a text message."


async def test_sign_up_does_not_tell_whether_an_address_has_an_account(
    harness: BotHarness,
) -> None:
    owner = harness.buyer(telegram_id=2002)
    await sign_up(harness, owner, "anna@example.com")
    screens = {}
    for telegram_id, email in ((1001, "anna@example.com"), (3003, "alex@example.com")):
        guest = harness.buyer(telegram_id=telegram_id)
        await guest.send("/start")
        await guest.press("📝 Sign up")
        await guest.send(email)
        await guest.send(PASSWORD)
        screens[email] = (guest.screen, guest.buttons)

    # The chat says the same thing for a registered and a free address...
    assert screens["anna@example.com"] == screens["alex@example.com"]
    assert "This e-mail already has an account" not in "".join(bot_texts(harness, 1001))
    # ...and only the mail to the registered one says it has an account, with no code.
    mail = harness.mailer.last_to("anna@example.com")
    assert mail is not None and mail["Subject"] == "You already have a Cabinet bot account"
    assert "Reset password" in plain_text(mail)
    assert re.search(r"\b\d{6}\b", plain_text(mail)) is None
