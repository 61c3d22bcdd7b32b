"""Offline console demo: the real dispatcher, a fake Telegram, and a chat in the terminal.

The bot's messages are printed as text, photos and documents as one line each, and the buttons
(inline and reply keyboard) numbered: `#N` presses button N; a bare number presses it too unless
the bot is waiting for typed input (an amount, a code), where it is sent as text. Anything else
(commands too) is sent as a message. No token and no network needed.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from bot.app import build_bot, build_dispatcher, check_redis, open_database, set_commands
from bot.clock import SystemClock
from bot.config import Settings
from bot.fake_telegram import ChatClient, FakeBotAPI, FakeSession, RecordedCall
from bot.i18n import build_i18n, posix_language
from bot.notify.mail import LogMailer, plain_text
from bot.telegram_html import HtmlParseError, parse_telegram_html

if TYPE_CHECKING:
    from aiogram import Dispatcher
    from aiogram.types import InputFile

DEMO_USER_ID = 1_000_001
QUIT_WORDS = {"q", "quit", "exit", ":q"}
HELP_LINE = (
    "Cabinet bot, offline demo. Type #N to press button N (a bare N works too, except where "
    "the bot waits for typed input, such as an amount: there it is sent as text), or type a "
    "message; `quit` to leave.\n"
)


def _plain(text: str) -> str:
    try:
        return parse_telegram_html(text)
    except HtmlParseError:
        return text


def _media_line(call: RecordedCall, files: Mapping[str, InputFile]) -> str:
    """`[photo]` or `[document: name]`: a terminal cannot show the file itself."""
    params = call.params
    if call.method == "sendPhoto":
        return "[photo]"
    reference = str(params.get("document", ""))
    uploaded = files.get(reference.removeprefix("attach://"))
    name = getattr(uploaded, "filename", None) if uploaded is not None else None
    return f"[document: {name}]" if name else "[document]"


def render_call(
    call: RecordedCall, out: TextIO, files: Mapping[str, InputFile] | None = None
) -> None:
    """Print what the buyer would see for one Bot API call."""
    params = call.params
    if call.method in {"sendMessage", "editMessageText"} and call.ok:
        marker = "─" * 8 + (" (updated) " if call.method == "editMessageText" else " ")
        out.write(f"\n{marker}{'─' * 8}\n{_plain(str(params.get('text', '')))}\n")
    elif call.method in {"sendPhoto", "sendDocument"} and call.ok:
        caption = params.get("caption")
        out.write(f"\n{'─' * 16}\n{_media_line(call, files or {})}\n")
        if caption:
            out.write(f"{_plain(str(caption))}\n")
    elif call.method == "editMessageCaption" and call.ok:
        out.write(f"\n{'─' * 8} (updated) {'─' * 8}\n{_plain(str(params.get('caption', '')))}\n")
    elif call.method == "answerCallbackQuery" and call.ok and params.get("text"):
        icon = "⚠️ " if params.get("show_alert") in {True, "true", "True"} else "💬 "
        out.write(f"\n{icon}{params['text']}\n")
    elif not call.ok and "message is not modified" not in str(call.result_or_error):
        out.write(f"\n[Telegram refused {call.method}: {call.result_or_error}]\n")


@dataclass(frozen=True)
class Button:
    """A numbered button: an inline one is pressed, a reply-keyboard one sends its text."""

    text: str
    inline: bool


def render_buttons(client: ChatClient, out: TextIO) -> list[Button]:
    """Number the buttons of the latest inline keyboard, then those of the reply keyboard."""
    flat: list[Button] = []
    for rows, inline in ((client.buttons, True), (client.reply_keyboard, False)):
        if not inline and rows:
            out.write("  keyboard:\n")
        for row in rows:
            cells = []
            for text in row:
                flat.append(Button(text, inline))
                cells.append(f"[{len(flat)}] {text}")
            out.write("  " + "   ".join(cells) + "\n")
    return flat


def button_number(choice: str, *, typing_expected: bool) -> int | None:
    """The button a typed line presses: `#N` always; a bare `N` unless the bot waits for text."""
    if choice.startswith("#") and choice[1:].isdigit():
        return int(choice[1:])
    if choice.isdigit() and not typing_expected:
        return int(choice)
    return None


async def _press(client: ChatClient, button: Button) -> list[RecordedCall]:
    if button.inline:
        return await client.press(button.text)
    return await client.send(button.text)


async def _typing_expected(dispatcher: Dispatcher, client: ChatClient) -> bool:
    """Whether a form is waiting for the buyer's input (FSM state set)."""
    context = dispatcher.fsm.get_context(client.bot, client.user_id, client.user_id)
    return await context.get_state() is not None


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
    lang = language_code or posix_language(os.environ)
    await check_redis(settings)
    database = await open_database(settings)
    server = FakeBotAPI()
    session = FakeSession(server)
    files = session.uploaded_files
    bot = build_bot(settings, session)
    i18n = build_i18n(settings.default_locale)
    mailer = LogMailer(keep=10_000)  # no mail server offline: mails are shown in the chat
    dispatcher = build_dispatcher(settings, database, clock=SystemClock(), i18n=i18n, mailer=mailer)
    client = ChatClient(dispatcher, bot, server, user_id or DEMO_USER_ID, language_code=lang)
    out.write(HELP_LINE)
    try:
        await set_commands(bot, i18n)
        calls = await client.send("/start")
        shown_mails = 0
        while True:
            for call in calls:
                render_call(call, out, files)
            for mail in mailer.messages[shown_mails:]:
                out.write(f"\n✉️  mail to {mail['To']}: {mail['Subject']}\n{plain_text(mail)}\n")
            shown_mails = len(mailer.messages)
            buttons = render_buttons(client, out)
            out.write("> ")
            out.flush()
            line = await _read_line(stdin)
            if line is None or line.strip().lower() in QUIT_WORDS:
                out.write("\nBye!\n")
                return 0
            choice = line.strip()
            typing = await _typing_expected(dispatcher, client)
            number = button_number(choice, typing_expected=typing)
            if number is not None and 1 <= number <= len(buttons):
                calls = await _press(client, buttons[number - 1])
            elif number is not None and choice.startswith("#"):
                out.write(f"\nThere is no button {number}.\n")
                calls = []
            elif choice:
                calls = await client.send(choice)
            else:
                calls = []
    finally:
        await bot.session.close()
        await database.dispose()
