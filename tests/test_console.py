"""The offline console demo: what it prints for media and keyboards, which typed lines press
buttons, and the language it takes from a POSIX locale."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from aiogram.types import BufferedInputFile

from bot.console import HELP_LINE, Button, button_number, render_buttons, render_call
from bot.db.enums import OrderStatus
from bot.fake_telegram import RecordedCall
from bot.i18n import posix_language
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order


def test_c_and_posix_locales_mean_the_default_language() -> None:
    assert posix_language({"LANG": "C.UTF-8"}) is None
    assert posix_language({"LANG": "POSIX"}) is None
    assert posix_language({"LANG": "C"}) is None
    assert posix_language({}) is None
    assert posix_language({"LANG": "ru_RU.UTF-8"}) == "ru-RU"
    assert posix_language({"LANG": "sr_RS.UTF-8@latin"}) == "sr-RS"
    assert posix_language({"LANG": "en_US.UTF-8", "LC_ALL": "ru_RU.UTF-8"}) == "ru-RU"
    assert posix_language({"LANG": "ru_RU.UTF-8", "LC_ALL": "C.UTF-8"}) is None


def test_documents_and_photos_are_shown_as_lines() -> None:
    out = io.StringIO()
    files = {"f1": BufferedInputFile(b"...", filename="evidence.txt")}
    document = {"chat_id": 1, "document": "attach://f1", "caption": "Dispute <b>#7</b>"}
    render_call(RecordedCall("sendDocument", document, True, {}), out, files)
    render_call(RecordedCall("sendPhoto", {"chat_id": 1, "photo": "AgAC-1"}, True, {}), out)
    printed = out.getvalue()
    assert "[document: evidence.txt]\nDispute #7" in printed
    assert "[photo]" in printed


@dataclass
class _Chat:
    buttons: list[list[str]] = field(default_factory=list)
    reply_keyboard: list[list[str]] = field(default_factory=list)


def test_reply_keyboard_buttons_are_numbered_after_the_inline_ones() -> None:
    out = io.StringIO()
    chat = _Chat([["💾 Save"]], [["📱 Share my phone number"], ["⬅️ Back", "✖️ Cancel"]])
    buttons = render_buttons(chat, out)  # type: ignore[arg-type]
    assert buttons == [
        Button("💾 Save", inline=True),
        Button("📱 Share my phone number", inline=False),
        Button("⬅️ Back", inline=False),
        Button("✖️ Cancel", inline=False),
    ]
    assert "[2] 📱 Share my phone number" in out.getvalue()
    assert "[3] ⬅️ Back   [4] ✖️ Cancel" in out.getvalue()


def test_a_number_presses_a_button_only_where_no_text_is_expected() -> None:
    assert button_number("#2", typing_expected=True) == 2
    assert button_number("#2", typing_expected=False) == 2
    assert button_number("2", typing_expected=False) == 2
    assert button_number("12", typing_expected=True) is None  # an amount, sent as text
    assert button_number("/1", typing_expected=False) is None  # a command stays a command
    assert "#N" in HELP_LINE


async def test_an_amount_typed_in_the_console_is_sent_not_pressed(harness: BotHarness) -> None:
    from bot.console import _typing_expected

    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now)
    await make_order(uow, user, now, status=OrderStatus.SHIPPED, days_ago=10)
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("🚚 Bluetooth earbuds · $24.50")
    assert not await _typing_expected(harness.dispatcher, anna)
    await anna.press("⚖️ Open dispute")
    await anna.press("Damaged")
    await anna.press("✂️ Partial refund")
    assert await _typing_expected(harness.dispatcher, anna)
