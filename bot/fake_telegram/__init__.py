"""Fake Telegram Bot API for tests and the offline console demo."""

from bot.fake_telegram.checks import assert_every_callback_answered_once
from bot.fake_telegram.client import ChatClient
from bot.fake_telegram.models import BOT_USER, MessageState, RecordedCall
from bot.fake_telegram.server import FakeBotAPI
from bot.fake_telegram.session import FakeSession
from bot.telegram_html import HtmlParseError, parse_telegram_html

__all__ = [
    "BOT_USER",
    "ChatClient",
    "FakeBotAPI",
    "FakeSession",
    "HtmlParseError",
    "MessageState",
    "RecordedCall",
    "assert_every_callback_answered_once",
    "parse_telegram_html",
]
