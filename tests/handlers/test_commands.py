"""Commands win over forms: every command of the menu, typed at any step of any form, leaves the
form and shows its screen; an unknown command gets a hint; nothing reaches a seller or a table."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.utils.i18n import I18n
from sqlalchemy import func, select

from bot.app import command_list
from bot.db.enums import OrderStatus
from bot.db.models import Base, OutboundEvent
from bot.fake_telegram import ChatClient, assert_every_callback_answered_once
from bot.handlers import section_routers
from bot.handlers.accounts.auth import SignIn
from bot.handlers.accounts.reset import Reset
from bot.handlers.accounts.signup import SignUp
from bot.middlewares.commands import Step, form_states, registered_commands
from bot.services.orders.sync import add_seller_message
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order
from tests.handlers.test_auth import code_in_mail

HINT = "Unknown command. Send /cancel to leave the form, or /help."
GUEST_FORMS = {SignIn.__full_group_name__, SignUp.__full_group_name__, Reset.__full_group_name__}


def menu_commands(i18n: I18n) -> list[str]:
    """The menu's commands (as set with setMyCommands), and /start and /addresses."""
    with i18n.context():
        return [f"/{c.command}" for c in command_list()] + ["/start", "/addresses"]


def _context(harness: BotHarness, client: ChatClient) -> FSMContext:
    return harness.dispatcher.fsm.get_context(harness.bot, client.user_id, client.user_id)


async def _rows(harness: BotHarness) -> dict[str, int]:
    async with harness.uow() as uow:
        return {
            table.name: await uow.session.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables
        }


def test_every_command_of_the_menu_is_one_the_bot_has(i18n: I18n) -> None:
    known = registered_commands(section_routers())
    assert {c.lstrip("/") for c in menu_commands(i18n)} <= known


async def _walk(
    harness: BotHarness, client: ChatClient, states: list[State], commands: list[str]
) -> int:
    """Each command typed at each step; returns how many were typed inside a form."""
    context = _context(harness, client)
    screens: dict[str, tuple[str | None, list[list[str]]]] = {}
    for command in commands:
        await client.send(command)
        screens[command] = (client.screen, client.buttons)
    rows = await _rows(harness)
    typed = 0
    for state in states:
        for command in commands:
            await context.set_state(state)
            await context.set_data({"draft": "half-typed"})
            await client.send(command)
            typed += 1
            where = f"{command} at {state.state}"
            assert await context.get_state() is None, where
            assert "draft" not in await context.get_data(), where  # the form is gone
            if command == "/cancel":
                assert client.screen in (
                    "Cancelled. Nothing was saved.",
                    "Your cabinet is one tap away.",
                ), where
            else:
                assert (client.screen, client.buttons) == screens[command], where
        if isinstance(state, Step) and state.secret:
            continue  # there "/nosuch" may be a password (the last test of this module)
        await context.set_state(state)
        await client.send("/nosuch")
        assert client.screen == HINT, state.state
        assert await context.get_state() == state.state  # a typo loses nothing
        await context.set_state(None)
    assert await _rows(harness) == rows  # nothing stored, nothing sent to a seller
    return typed


async def test_every_menu_command_leaves_every_form_step_and_shows_its_screen(
    harness: BotHarness, i18n: I18n
) -> None:
    commands = menu_commands(i18n)
    states = form_states()
    assert len(states) >= 40  # every StatesGroup of the app, found by walking them
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now)
    await make_order(harness.uow(), user, now, status=OrderStatus.SHIPPED, title="Lamp")
    account, guest = harness.buyer(), harness.buyer(telegram_id=1002, name="Guest")
    await guest.send("/start")
    account_steps = [s for s in states if s.group.__full_group_name__ not in GUEST_FORMS]
    guest_steps = [s for s in states if s.group.__full_group_name__ in GUEST_FORMS]
    typed = await _walk(harness, account, account_steps, commands)
    typed += await _walk(harness, guest, guest_steps, commands)
    assert typed == len(states) * len(commands)
    assert not [c for c in harness.server.calls if not c.ok]


async def test_a_command_in_the_seller_chat_runs_and_is_never_sent_to_the_seller(
    harness: BotHarness,
) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now)
    order = await make_order(
        harness.uow(), user, now, status=OrderStatus.SHIPPED, title="Lamp", shipped_days_ago=2
    )
    await add_seller_message(
        harness.uow(), order.number, "m-1", "Hi", now - timedelta(hours=1), now
    )
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("🚚 Lamp · $24.50")
    await anna.press("✉️ Chat with the seller")
    await anna.press("✍️ Write to the seller")

    await anna.send("/nosuch")
    assert anna.screen == HINT
    await anna.send("/disputes")
    assert anna.screen.startswith("⚖️")  # the disputes screen
    await anna.send("Is it black?")  # the form was left: not sent either

    async with harness.uow() as uow:
        sent = (await uow.session.scalars(select(OutboundEvent))).all()
    assert [e for e in sent if e.kind == "order.message_sent"] == []
    assert_every_callback_answered_once(harness.server)


async def test_a_command_at_the_phone_step_removes_its_reply_keyboard(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/addresses")
    await anna.press("➕ Add address")
    await anna.send("Anna Smith")
    await anna.send("germany")
    await anna.press("🇩🇪 Germany")
    assert anna.reply_keyboard  # the phone step shows "Share my phone"
    await anna.send("/orders")
    assert anna.reply_keyboard == []
    assert "Cancelled. Nothing was saved." in [m.text for m in harness.server.messages_in(1001)]
    assert anna.screen.startswith("📋")


async def test_a_password_that_begins_with_a_slash_signs_in(harness: BotHarness) -> None:
    password = "/velvet_orbit_cactus_41"  # Telegram marks it as a command
    anna = harness.buyer()
    await anna.send("/start")
    await anna.press("📝 Sign up")
    await anna.send("anna@example.com")
    await anna.send(password)
    await anna.send(code_in_mail(harness, "anna@example.com"))
    await anna.press_data("au:out")
    await anna.press("🚪 Sign out on this device")
    await anna.press("🔑 Sign in")
    await anna.send("anna@example.com")
    await anna.send(password)
    texts = [m.text or "" for m in harness.server.messages_in(1001)]
    assert any("Welcome back" in text for text in texts)
    assert password not in texts  # read and deleted, as every password


async def test_a_password_typed_after_a_command_is_deleted_and_the_command_runs(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    anna = harness.buyer()
    await anna.send("/start")
    await anna.press("🔑 Sign in")
    await anna.send("anna@example.com")
    assert await _context(harness, anna).get_state() == SignIn.password.state

    with caplog.at_level(logging.DEBUG):
        calls = await anna.send("/help velvet_orbit_cactus_41")  # "/help" is the bot's own

    texts = [m.text or "" for m in harness.server.messages_in(1001)]
    assert not any("velvet_orbit_cactus_41" in text for text in texts)
    assert calls[0].method == "deleteMessage"  # before the command answers anything
    assert "velvet_orbit_cactus_41" not in caplog.text
    assert "Help" in anna.screen
    assert await _context(harness, anna).get_state() is None


async def test_in_russian_an_unknown_command_in_a_form_gets_the_hint_and_keeps_the_form(
    harness: BotHarness,
) -> None:
    anna = harness.buyer(language_code="ru")
    await anna.send("/start")
    await anna.press("🔑 Войти")
    await anna.send("/neizvestno")
    assert anna.screen == (
        "Неизвестная команда. Отправьте /cancel, чтобы выйти из формы, или /help."
    )
    await anna.send("anna@example.com")  # the form is still open: the e-mail is taken
    assert await _context(harness, anna).get_state() == SignIn.password.state
