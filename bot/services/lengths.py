"""How long a text is where it ends up: Telegram counts UTF-16 code units, not characters."""

from __future__ import annotations


def utf16_len(text: str) -> int:
    """Telegram's length of a text: an astral character (most emoji) counts as two."""
    return len(text.encode("utf-16-le", errors="surrogatepass")) // 2


ELLIPSIS = "…"


def cut(text: str, units: int) -> str:
    """The longest prefix of `text` within `units` UTF-16 units (never half an emoji)."""
    if utf16_len(text) <= units:
        return text
    size = 0
    for index, char in enumerate(text):
        size += 2 if ord(char) > 0xFFFF else 1
        if size > units:
            return text[:index]
    return text


def clip_plain(text: str, limit: int) -> str:
    """Plain text shortened to `limit` UTF-16 units, ending with an ellipsis when cut."""
    if utf16_len(text) <= limit:
        return text
    return cut(text, max(limit - 1, 0)).rstrip() + ELLIPSIS
