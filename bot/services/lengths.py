"""How long a text is where it ends up: Telegram counts UTF-16 code units, not characters."""

from __future__ import annotations


def utf16_len(text: str) -> int:
    """Telegram's length of a text: an astral character (most emoji) counts as two."""
    return len(text.encode("utf-16-le", errors="surrogatepass")) // 2
