"""Fitting screens into Telegram: measure rendered HTML as Telegram does (UTF-16 code units of
the text left after parsing tags and entities) and shorten stored text without breaking HTML.

Stored text (a seller's message, a title, a review) is shortened as plain text BEFORE it is
escaped, so a cut never falls inside `&amp;` or a tag; `fit` is the last line of defence for a
whole rendered screen and closes every tag it cuts through."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape, unescape

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.services.lengths import ELLIPSIS, clip_plain, cut, utf16_len
from bot.views.format import number

MESSAGE_LIMIT = 4096  # UTF-16 units of a message's text after parsing
CAPTION_LIMIT = 1024  # the same for a photo's caption
# A page of a conversation leaves ~500 units of Telegram's 4096 for the header and the page
# line; a message longer than PART_LIMIT is shown in parts on consecutive pages.
PAGE_BUDGET = 3500
PART_LIMIT = 3000
# A tag, an entity (named or numeric) or a run of plain text, as Telegram's HTML parser sees it.
_TOKEN = re.compile(r"<[^>]*>|&#?[A-Za-z0-9]{1,10};|[^<&]+|&")
_TAGS = re.compile(r"<[^>]*>")
_NAMED = ("&lt;", "&gt;", "&amp;", "&quot;")
_NUMERIC = re.compile(r"&#(?:[0-9]{1,7}|[xX][0-9A-Fa-f]{1,6});")
_TAG_NAME = re.compile(r"</?\s*([A-Za-z-]+)")

__all__ = [
    "CAPTION_LIMIT",
    "ELLIPSIS",
    "MESSAGE_LIMIT",
    "PAGE_BUDGET",
    "PART_LIMIT",
    "Paged",
    "page_line",
    "paged_text",
    "chunks",
    "clip",
    "clip_plain",
    "fit",
    "fits",
    "pages_of",
    "take",
    "too_long_text",
    "utf16_len",
    "visible_length",
]


def visible_length(html: str) -> int:
    """The length Telegram checks against its limits: UTF-16 units of the parsed text."""
    text = _TAGS.sub("", html)
    # Each named entity shows as one character; counting beats replacing (texts full of `&`).
    hidden = sum(text.count(entity) * (len(entity) - 1) for entity in _NAMED)
    if "&#" in text:
        text = _NUMERIC.sub(lambda match: unescape(match.group()), text)
    return utf16_len(text) - hidden


def fits(html: str, limit: int = MESSAGE_LIMIT) -> bool:
    return visible_length(html) <= limit


def clip(plain: str, limit: int) -> str:
    """Stored plain text, shortened to `limit` visible units, then escaped for HTML."""
    return escape(clip_plain(plain, limit), quote=False)


def chunks(plain: str, size: int) -> list[str]:
    """Plain text split into pieces of at most `size` UTF-16 units, at a line or word break
    when there is one in the second half of the piece; so a long message can be paged."""
    pieces: list[str] = []
    rest = plain
    while utf16_len(rest) > size:
        head = cut(rest, size)
        brk = max(head.rfind("\n"), head.rfind(" "))
        if brk > len(head) // 2:
            head = head[: brk + 1]
        pieces.append(head.rstrip())
        rest = rest[len(head) :].lstrip()
    pieces.append(rest)
    return pieces


def fit(html: str, limit: int = MESSAGE_LIMIT) -> str:
    """A rendered screen cut to `limit` visible units, tags closed; unchanged when it fits."""
    if visible_length(html) <= limit:
        return html
    budget = limit - len(ELLIPSIS)
    out: list[str] = []
    open_tags: list[str] = []
    for token in _TOKEN.findall(html):
        if token.startswith("<"):
            name = _TAG_NAME.match(token)
            if name is not None:
                if token.startswith("</"):
                    if open_tags:
                        open_tags.pop()
                elif not token.endswith("/>"):
                    open_tags.append(name.group(1).lower())
            out.append(token)
            continue
        plain = unescape(token) if token.startswith("&") else token
        size = utf16_len(plain)
        if size > budget:
            out.append(escape(cut(plain, budget), quote=False))
            break
        out.append(token)
        budget -= size
    out.append(ELLIPSIS)
    out.extend(f"</{name}>" for name in reversed(open_tags))
    return "".join(out)


def take(entries: Sequence[str], budget: int, separator: int = 1) -> int:
    """How many of the rendered entries, from the first, fit in `budget` visible units when
    joined with a separator of `separator` units."""
    used = 0
    for count, entry in enumerate(entries):
        used += visible_length(entry) + (separator if count else 0)
        if used > budget:
            return count
    return len(entries)


def pages_of(entries: Sequence[str], budget: int, separator: int = 1) -> list[list[str]]:
    """Rendered entries (oldest first) grouped into pages of at most `budget` visible units,
    the NEWEST page first and each page oldest first, as a conversation is read. An entry is
    expected to fit a page on its own (split long texts with `chunks` first)."""
    pages: list[list[str]] = []
    current: list[str] = []
    used = 0
    for entry in reversed(entries):
        size = visible_length(entry) + (separator if current else 0)
        if current and used + size > budget:
            pages.append(current[::-1])
            current, used, size = [], 0, visible_length(entry)
        current.append(entry)
        used += size
    if current:
        pages.append(current[::-1])
    return pages or [[]]


def too_long_text(length: int, limit: int) -> str:
    """Why a typed text was refused: the limit and how long it was (both in UTF-16 units)."""
    return ngettext(
        "That is too long: at most {count} character fits here, yours has {length}. "
        "Please shorten it and send it again.",
        "That is too long: at most {count} characters fit here, yours has {length}. "
        "Please shorten it and send it again.",
        limit,
    ).format(count=number(limit), length=number(length))


@dataclass(frozen=True)
class Paged:
    """A paged conversation: the text of one page; page 0 holds the newest messages."""

    text: str
    page: int
    pages: int


def page_line(page: int, pages: int) -> str:
    return _("Page {page} of {pages} · newest first").format(
        page=number(page + 1), pages=number(pages)
    )


def paged_text(header: str, entries: list[str], page: int) -> Paged:
    """The header and the entries of one page (clamped), with where it is among the pages."""
    pages = pages_of(entries, PAGE_BUDGET, separator=2)
    page = min(max(page, 0), len(pages) - 1)
    lines = [header]
    if len(pages) > 1:
        lines.append(page_line(page, len(pages)))
    lines += pages[page]
    return Paged("\n\n".join(lines), page, len(pages))
