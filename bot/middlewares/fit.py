"""The last line of defence for Telegram's length limits: every outgoing text and caption is
cut to fit (tags closed) instead of being refused with the whole screen and its buttons.

Screens shorten or page stored text themselves (bot/views/fit.py); this only catches what they
missed, and says so in the log, which the max-length render test treats as a failure."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.client.default import Default
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.methods import (
    EditMessageCaption,
    EditMessageText,
    SendAnimation,
    SendAudio,
    SendDocument,
    SendMessage,
    SendPhoto,
    SendVideo,
    SendVoice,
    TelegramMethod,
)
from aiogram.methods.base import Response, TelegramType

from bot.views.fit import CAPTION_LIMIT, MESSAGE_LIMIT, clip_plain, fit, fits

logger = logging.getLogger(__name__)
_TEXTS = (SendMessage, EditMessageText)
_CAPTIONS = (
    SendPhoto,
    SendDocument,
    SendVideo,
    SendAnimation,
    SendAudio,
    SendVoice,
    EditMessageCaption,
)


def _is_html(method: Any) -> bool:
    mode = getattr(method, "parse_mode", None)
    # The bot's default parse mode is HTML (app.build_bot); an explicit None means plain text.
    return isinstance(mode, Default) or (isinstance(mode, str) and mode.lower() == "html")


def _fitted(method: Any, field: str, limit: int) -> None:
    value = getattr(method, field, None)
    if not isinstance(value, str):
        return
    if _is_html(method):
        if fits(value, limit):
            return
        setattr(method, field, fit(value, limit))
    else:
        shorter = clip_plain(value, limit)
        if shorter == value:
            return
        setattr(method, field, shorter)
    logger.warning("%s: %s cut to Telegram's limit of %d", type(method).__name__, field, limit)


class FitToTelegram(BaseRequestMiddleware):
    """Cut a text over 4096 (a caption over 1024) UTF-16 units of parsed text to fit."""

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if isinstance(method, _TEXTS):
            _fitted(method, "text", MESSAGE_LIMIT)
        elif isinstance(method, _CAPTIONS):
            _fitted(method, "caption", CAPTION_LIMIT)
        return await make_request(bot, method)
