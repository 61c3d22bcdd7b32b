"""Telegram HTML parsing: accepted markup and tdlib's exact error texts."""

from __future__ import annotations

import pytest

from bot.services.lengths import utf16_len
from bot.telegram_html import (
    Entity,
    HtmlParseError,
    parse_html,
    parse_telegram_html,
)


@pytest.mark.parametrize(
    ("source", "plain"),
    [
        ("<b>bold</b> <strong>s</strong> <i>i</i> <em>e</em>", "bold s i e"),
        ("<u>u</u><ins>n</ins><s>s</s><strike>k</strike><del>d</del>", "unskd"),
        ('<a href="https://example.com/?a=1&amp;b=2">link</a>', "link"),
        ('<code>x</code> <pre><code class="language-python">y</code></pre>', "x y"),
        ('<span class="tg-spoiler">hidden</span><tg-spoiler>!</tg-spoiler>', "hidden!"),
        ("<blockquote>q</blockquote><blockquote expandable>w</blockquote>", "qw"),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍"),
        ("&lt;b&gt; &amp; &quot;quoted&quot;", '<b> & "quoted"'),
        ("&#128512; &#x41;", "😀 A"),
        ("<B>upper</B>", "upper"),
        ("<b>closed by</>", "closed by"),
        ("Tom &amp Jerry", "Tom & Jerry"),
    ],
)
def test_supported_markup_is_stripped(source: str, plain: str) -> None:
    assert parse_telegram_html(source) == plain


def test_unknown_named_entity_is_kept_literally_like_tdlib() -> None:
    # tdlib's decode_html_entity returns 0 for unknown names, so "&" stays a plain character.
    assert parse_telegram_html("&foo; &nbsp; AT&T") == "&foo; &nbsp; AT&T"


@pytest.mark.parametrize(
    ("source", "description"),
    [
        ("<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 0'),
        ("price < 100", 'Unsupported start tag "" at byte offset 6'),
        ("Привет <br>", 'Unsupported start tag "br" at byte offset 13'),
        ("<b>never closed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ('<a href="x', "Unclosed start tag at byte offset 0"),
        ("<a href=", 'Unclosed start tag "a" at byte offset 0'),
        ("<a =x>y</a>", 'Empty attribute name in the tag "a" at byte offset 0'),
        ("<a href=x_y>y</a>", "Unexpected end of name token at byte offset 8"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ('<tg-emoji emoji-id="abc">x</tg-emoji>', "Invalid custom emoji identifier specified"),
        (
            "&#xD83D;",
            "Text contains invalid Unicode characters after decoding HTML entities, "
            "check for unmatched surrogate code units",
        ),
    ],
)
def test_errors_use_telegram_wording(source: str, description: str) -> None:
    with pytest.raises(HtmlParseError) as error:
        parse_telegram_html(source)
    assert error.value.description == "can't parse entities: " + description


def test_entities_use_utf16_offsets() -> None:
    parsed = parse_html("😀 <b>Привет</b>")
    assert parsed.text == "😀 Привет"
    assert parsed.entities == (Entity("bold", 3, 6),)


def test_pre_with_language_merges_like_tdlib() -> None:
    parsed = parse_html('<pre><code class="language-python">x = 1</code></pre>')
    assert parsed.entities == (Entity("pre", 0, 5, "python"),)


def test_utf16_length_counts_astral_characters_twice() -> None:
    assert utf16_len("abc") == 3
    assert utf16_len("Привет") == 6
    assert utf16_len("😀") == 2
