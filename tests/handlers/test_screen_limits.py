"""Every screen fits Telegram whatever the data: each stored text at the longest the API or the
form accepts (full of `&` and `<`, which HTML escaping makes 4-5 times longer, and of emoji,
which Telegram counts twice), and many of everything, in English and Russian.

The fake Telegram refuses what Telegram refuses (4096 UTF-16 units after parsing, 64-byte
callback data); the request middleware that would cut an oversized text logs a warning, which
fails these tests: each screen must fit by its own shortening or paging."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable

import pytest
from aiogram.utils.i18n import I18n
from aiohttp.test_utils import TestClient, TestServer
from babel.numbers import format_decimal

from bot.api.app import build_api
from bot.api.metrics import Metrics
from bot.fake_telegram import ChatClient
from bot.services.messages import conversation as messages
from tests.api.conftest import TOKEN, Api
from tests.conftest import BotHarness, make_settings
from tests.handlers.longest_data import NASTY, fill, units
from tests.notify.test_sender import make_sender


@pytest.fixture
async def api_and_bot(
    make_harness: Callable[..., BotHarness],
) -> AsyncIterator[tuple[Api, BotHarness]]:
    # The longest lists the settings allow.
    harness = make_harness(orders_page_size=10, coupons_page_size=10)
    settings = make_settings(api_token=TOKEN, bot_username="cabinet_test_bot")
    app = build_api(settings, harness.database.session_factory, harness.clock, Metrics())
    async with TestClient(TestServer(app)) as client:
        yield Api(client, Metrics()), harness
    await harness.bot.session.close()


class Walk:
    """Presses through the screens as the buyer, checking each one Telegram got."""

    def __init__(
        self,
        client: ChatClient,
        harness: BotHarness,
        i18n: I18n,
        locale: str,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        self.client, self.harness, self.i18n, self.locale = client, harness, i18n, locale
        self.caplog = caplog
        self.seen = 0
        self.screens: list[str] = []

    def t(self, text: str) -> str:
        return self.i18n.gettext(text, locale=self.locale)

    def check(self, name: str) -> None:
        """Every call since the last check was accepted by (the fake) Telegram."""
        calls = self.harness.server.calls[self.seen :]
        self.seen = len(self.harness.server.calls)
        refused = [(call.method, call.result_or_error) for call in calls if not call.ok]
        assert not refused, (name, refused)
        assert "Something went wrong" not in (self.client.screen or ""), name
        # The safety net in bot/middlewares/fit.py must not have had to cut this screen.
        cut = [r.getMessage() for r in self.caplog.records if r.name == "bot.middlewares.fit"]
        assert not cut, (name, cut)
        self.screens.append(name)

    def has(self, label: str) -> bool:
        return any(label == text for row in self.client.buttons for text in row)

    def find(self, fragment: str) -> str:
        found = [text for row in self.client.buttons for text in row if fragment in text]
        assert found, (fragment, self.client.buttons)
        return found[0]

    async def send(self, name: str, text: str) -> None:
        await self.client.send(text)
        self.check(name)

    async def press(self, name: str, label: str, *, exact: bool = True) -> None:
        await self.client.press(self.t(label) if exact else self.find(self.t(label)))
        self.check(name)

    async def order(self, name: str, key: str) -> None:
        """Open the order whose titles start with `key` from the list of orders."""
        found = [
            text
            for row in self.client.buttons
            for text in row
            if text.partition(" ")[2].startswith(key + NASTY[0])
        ]
        assert len(found) == 1, (key, self.client.buttons)
        await self.client.press(found[0])
        self.check(name)

    async def pages(self, name: str) -> int:
        """Walk to the oldest page and one back; returns how many pages there are."""
        count = 1
        while self.has(self.t("⬅️ Older messages")):
            await self.press(f"{name}, older page", "⬅️ Older messages")
            count += 1
        if count > 1:
            await self.press(f"{name}, newer page", "Newer messages ➡️")
        return count


@pytest.mark.parametrize("locale", ["en", "ru"])
async def test_every_screen_fits_with_the_longest_and_most_of_everything(
    api_and_bot: tuple[Api, BotHarness],
    i18n: I18n,
    locale: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    api, harness = api_and_bot
    client = await fill(api, harness, locale)
    caplog.set_level(logging.WARNING, logger="bot.middlewares.fit")
    walk = Walk(client, harness, i18n, locale, caplog)
    walk.check("deep link /start")

    await walk.send("home", "/menu")
    await walk.send("orders list", "/orders")
    await walk.order("order card (shipped, 100 items)", "C")
    for label in ("✅ Confirm receipt", "🛡 Extend protection", "⚖️ Open dispute"):
        assert walk.has(walk.t(label)), (label, client.buttons)
    assert "…" in (client.screen or "")
    await walk.press("confirm receipt question", "✅ Confirm receipt")
    await walk.press("order card again", "⬅️ Not yet")

    await walk.send("orders list", "/orders")
    await walk.order("order card (dispute, 200 scans)", "A")
    for label in ("⚖️ Dispute", "🚚 Track"):
        assert walk.has(walk.t(label)), (label, client.buttons)
    assert not walk.has(walk.t("✅ Confirm receipt"))  # not while the dispute is open
    await walk.press("tracking timeline", "🚚 Track")
    await walk.press("order card", "⬅️ Back to order")
    await walk.press("seller conversation", "✉️ Chat with the seller")
    assert await walk.pages("seller conversation") > 5
    await walk.press("write to the seller", "✍️ Write to the seller")
    await walk.send("message too long", units(messages.MAX_MESSAGE_LENGTH + 1))
    limit = format_decimal(messages.MAX_MESSAGE_LENGTH, locale=locale)
    length = format_decimal(messages.MAX_MESSAGE_LENGTH + 1, locale=locale)
    assert limit in (client.screen or "") and length in (client.screen or "")
    await walk.send("message sent", units(messages.MAX_MESSAGE_LENGTH))
    await walk.press("order card", "⬅️ Back to order")
    await walk.press("dispute card", "⚖️ Dispute")
    await walk.press("dispute correspondence", "📜 Show all messages")
    assert await walk.pages("dispute correspondence") > 3
    await walk.press("dispute card", "⬅️ Back to the dispute")
    await walk.press("evidence export (a document with a caption)", "📄 Export evidence")
    assert walk.harness.server.calls_of("sendDocument")
    await walk.send("disputes list", "/disputes")

    await walk.send("awaiting feedback list", "/feedback")
    await walk.send("orders list", "/orders")
    await walk.press("orders list, next page", "Next ▶️")
    await walk.press("search", "🔎 Search")
    await walk.send("search results", NASTY * 20)
    await walk.send("orders list", "/orders")
    await walk.order("completed order card", "B")
    await walk.press("my feedback with the seller's reply", "⭐ My feedback")

    await walk.send("message center", "/messages")
    await walk.press("sellers", "💬 Sellers", exact=False)
    await walk.press("store chat", "&<", exact=False)
    assert await walk.pages("store chat") > 5
    await walk.press("sellers", "⬅️ Back")
    await walk.press("by order", "📦 By order")
    await walk.send("message center", "/messages")
    await walk.press("promotions", "🏷", exact=False)
    await walk.press("a promotion", "&<", exact=False)
    await walk.send("message center", "/messages")
    await walk.press("notices", "📢", exact=False)
    await walk.press("a notice", "&<", exact=False)
    await walk.send("message center", "/messages")
    await walk.press("my complaints", "🚩 My complaints")

    await walk.send("coupons", "/coupons")
    await walk.press("a coupon", "&<", exact=False)
    await walk.send("profile", "/profile")
    await walk.send("addresses", "/addresses")
    await walk.press("an address", "Ж", exact=False)

    # The pushes all that caused (seller messages, notices, dispute and feedback replies,
    # tracking, the complaint's outcome), in the buyer's language, through the real sender.
    sender, _ = make_sender(harness)
    report = await sender.drain()
    pushes = harness.server.calls_of("sendMessage")[-report.sent :] if report.sent else []
    assert len(pushes) > 20 and not report.dropped, report
    walk.check("pushes")
    assert len(walk.screens) > 30
