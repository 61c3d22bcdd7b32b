"""The buyer's language for every handler, error handlers included: their stored choice, else
Telegram's language, else the default (bot/i18n.py resolves it)."""

from __future__ import annotations

from typing import Any

from aiogram.types import TelegramObject
from aiogram.utils.i18n import I18nMiddleware

from bot.db.models import User
from bot.i18n import resolve_locale


class BuyerLocaleMiddleware(I18nMiddleware):
    """Runs after the identity middleware, so it sees the buyer's stored choice."""

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        user: User | None = data.get("user")
        if user is None:
            return self.i18n.default_locale
        return resolve_locale(user.locale, user.language_code, self.i18n.default_locale)
