"""The shared fitting helpers against the tdlib-faithful parser of the fake Telegram: shortened
text never breaks HTML, never exceeds its limit and counts UTF-16 units (emoji twice)."""

from __future__ import annotations

import logging
from html import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.services.lengths import utf16_len
from bot.telegram_html import parse_html
from bot.views.fit import chunks, clip, fit, pages_of, visible_length
from tests.conftest import BotHarness

# Text a buyer or a seller could send: escaping-heavy characters, emoji, Cyrillic, newlines.
TEXT = st.text(
    alphabet=st.sampled_from(
        ["&", "<", ">", '"', "a", " ", "\n", "Ж", "🙂", "👍", "\U0001f3fd", "é"]
    ),
    max_size=400,
)
LIMIT = st.integers(min_value=1, max_value=300)


def shown(html: str) -> str:
    """What Telegram shows of a text with parse mode HTML (raises on broken HTML)."""
    return parse_html(html).text


@given(TEXT, LIMIT)
@settings(max_examples=300, deadline=None)
def test_clip_never_breaks_html_nor_exceeds_the_limit(text: str, limit: int) -> None:
    clipped = clip(text, limit)
    visible = shown(f"<b>{clipped}</b>")
    assert utf16_len(visible) <= limit
    if utf16_len(text) <= limit:
        assert visible == text
    else:
        assert visible.endswith("…")
        assert text.startswith(visible[:-1])


@given(st.lists(st.tuples(st.sampled_from(["", "b", "i", "code"]), TEXT), max_size=12))
@settings(max_examples=300, deadline=None)
def test_visible_length_is_what_telegram_counts(parts: list[tuple[str, str]]) -> None:
    html = "".join(f"<{tag}>{escape(text)}</{tag}>" if tag else escape(text) for tag, text in parts)
    assert visible_length(html) == utf16_len(shown(html))


@given(
    st.lists(st.tuples(st.sampled_from(["", "b", "i", "code"]), TEXT), max_size=12),
    st.integers(min_value=1, max_value=800),
)
@settings(max_examples=300, deadline=None)
def test_fit_cuts_a_screen_to_the_limit_and_closes_its_tags(
    parts: list[tuple[str, str]], limit: int
) -> None:
    html = "".join(f"<{tag}>{escape(text)}</{tag}>" if tag else escape(text) for tag, text in parts)
    fitted = fit(html, limit)
    assert utf16_len(shown(fitted)) <= limit
    if visible_length(html) <= limit:
        assert fitted == html


@given(TEXT, st.integers(min_value=2, max_value=120))
@settings(max_examples=300, deadline=None)
def test_chunks_keep_every_word_in_pieces_that_fit(text: str, size: int) -> None:
    pieces = chunks(text, size)
    assert all(utf16_len(piece) <= size for piece in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split())


@given(st.lists(TEXT.map(escape), max_size=30), st.integers(min_value=400, max_value=2000))
@settings(max_examples=200, deadline=None)
def test_pages_hold_every_entry_once_newest_page_first(entries: list[str], budget: int) -> None:
    pages = pages_of(entries, budget, separator=2)
    assert [entry for page in reversed(pages) for entry in page] == entries
    for page in pages:
        assert sum(visible_length(entry) for entry in page) + 2 * (len(page) - 1) <= budget


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("a&b", 3, "a&amp;b"),
        ("a&b<c", 4, "a&amp;b…"),  # cut before escaping: never inside "&amp;" or "&lt;"
        ("🙂🙂🙂", 4, "🙂…"),  # 2 units each: one emoji and the ellipsis fit in 4
        ("🙂🙂", 4, "🙂🙂"),
        ("2000 emoji", 5, "2000…"),
    ],
)
def test_clip_examples(text: str, limit: int, expected: str) -> None:
    assert clip(text, limit) == expected


def test_two_thousand_emoji_are_four_thousand_units() -> None:
    assert visible_length("🙂" * 2000) == 4000
    assert visible_length("<b>" + "&amp;" * 4096 + "</b>") == 4096


async def test_a_screen_that_missed_the_limit_is_cut_by_the_request_middleware_and_logged(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    anna = harness.buyer()
    await anna.send("/start")
    with caplog.at_level(logging.WARNING, logger="bot.middlewares.fit"):
        sent = await harness.bot.send_message(1001, "<b>" + "&amp;🙂" * 3000 + "</b>")
    assert sent.text is not None and utf16_len(sent.text) == 4096
    assert sent.text.endswith("…")
    assert [r.getMessage() for r in caplog.records] == [
        "SendMessage: text cut to Telegram's limit of 4096"
    ]
