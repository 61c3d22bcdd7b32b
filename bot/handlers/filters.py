"""Small filters, async on purpose: aiogram runs any synchronous filter (a magic `F` too)
in a thread pool, which costs more than the check itself."""

from __future__ import annotations

from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Message


class DataPrefix(Filter):
    """Buttons whose callback data starts with one of the prefixes."""

    def __init__(self, prefixes: tuple[str, ...]) -> None:
        self.prefixes = prefixes

    async def __call__(self, query: CallbackQuery) -> bool:
        return query.data is not None and query.data.startswith(self.prefixes)


class HasText(Filter):
    """A message with text (not a photo, sticker or voice)."""

    async def __call__(self, message: Message) -> bool:
        return message.text is not None


class HasTextOrPhoto(Filter):
    """A message with text, or a photo (with or without a caption)."""

    async def __call__(self, message: Message) -> bool:
        return message.text is not None or bool(message.photo)
