"""Offline console demo: the real dispatcher, a fake Telegram, and a chat in the terminal.

The bot's messages are printed as text with numbered inline buttons; type a number to press a
button, or any text (commands too) to send it. No token and no network needed.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from typing import TextIO

from bot.app import build_bot, build_dispatcher, open_database, set_commands
from bot.clock import SystemClock
from bot.config import Settings
from bot.fake_telegram import ChatClient, FakeBotAPI, FakeSession, RecordedCall
from bot.fake_telegram.html import HtmlParseError, parse_telegram_html
from bot.i18n import build_i18n
from bot.notify.mail import LogMailer, plain_text

DEMO_USER_ID = 1_000_001
QUIT_WORDS = {"q", "quit", "exit", ":q"}


def _plain(text: str) -> str:
    try:
        return parse_telegram_html(text)
    except HtmlParseError:
        return text


def render_call(call: RecordedCall, out: TextIO) -> None:
    """Print what the buyer would see for one Bot API call."""
    params = call.params
    if call.method in {"sendMessage", "editMessageText"} and call.ok:
        marker = "─" * 8 + (" (updated) " if call.method == "editMessageText" else " ")
        out.write(f"\n{marker}{'─' * 8}\n{_plain(str(params.get('text', '')))}\n")
    elif call.method == "answerCallbackQuery" and call.ok and params.get("text"):
        icon = "⚠️ " if params.get("show_alert") in {True, "true", "True"} else "💬 "
        out.write(f"\n{icon}{params['text']}\n")
    elif not call.ok and "message is not modified" not in str(call.result_or_error):
        out.write(f"\n[Telegram refused {call.method}: {call.result_or_error}]\n")


def render_buttons(client: ChatClient, out: TextIO) -> list[str]:
    """Number the buttons of the latest keyboard; returns their texts in that order."""
    flat: list[str] = []
    for row in client.buttons:
        cells = []
        for text in row:
            flat.append(text)
            cells.append(f"[{len(flat)}] {text}")
        out.write("  " + "   ".join(cells) + "\n")
    return flat


async def _read_line(stream: TextIO) -> str | None:
    line = await asyncio.to_thread(stream.readline)
    return None if line == "" else line.rstrip("\n")


async def run_console(
    settings: Settings,
    language_code: str | None = None,
    user_id: int | None = None,
    stdin: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
) -> int:
    """Chat with the bot in the terminal until EOF or `quit`."""
    settings = settings.model_copy(update={"demo_data": True})
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        # The chat is the interface here; aiogram's per-update INFO lines would bury it.
        logging.getLogger("aiogram").setLevel(logging.WARNING)
    lang = language_code or os.environ.get("LANG", "en")[:2]
    database = await open_database(settings)
    server = FakeBotAPI()
    bot = build_bot(settings, FakeSession(server))
    i18n = build_i18n(settings.default_locale)
    mailer = LogMailer(keep=10_000)  # no mail server offline: mails are shown in the chat
    dispatcher = build_dispatcher(
        settings, database, clock=SystemClock(), i18n=i18n, mailer=mailer
    )
    client = ChatClient(dispatcher, bot, server, user_id or DEMO_USER_ID, language_code=lang)
    out.write("Cabinet bot, offline demo. Type a button's number or a message; `quit` to leave.\n")
    try:
        await set_commands(bot, i18n)
        calls = await client.send("/start")
        shown_mails = 0
        while True:
            for call in calls:
                render_call(call, out)
            for mail in mailer.messages[shown_mails:]:
                out.write(f"\n✉️  mail to {mail['To']}: {mail['Subject']}\n{plain_text(mail)}\n")
            shown_mails = len(mailer.messages)
            labels = render_buttons(client, out)
            out.write("> ")
            out.flush()
            line = await _read_line(stdin)
            if line is None or line.strip().lower() in QUIT_WORDS:
                out.write("\nBye!\n")
                return 0
            choice = line.strip()
            if choice.isdigit() and 1 <= int(choice) <= len(labels):
                calls = await client.press(labels[int(choice) - 1])
            elif choice:
                calls = await client.send(choice)
            else:
                calls = []
    finally:
        await bot.session.close()
        await database.dispose()
