"""The last resort of the error chain: a failure outside the error boundary (e.g. the
database is down before any handler ran) is logged, and the buyer is told in the default
language."""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.types import ErrorEvent
from aiogram.utils.i18n import I18n

from bot.middlewares.errors import tell_chat
from bot.views.errors import something_went_wrong

logger = logging.getLogger(__name__)


def build_errors_router(i18n: I18n) -> Router:
    """Last resort for failures outside the boundary (e.g. the database is down)."""
    router = Router(name="errors")

    @router.errors()
    async def on_error(event: ErrorEvent, bot: Bot) -> bool:
        logger.error("Update failed before reaching a handler", exc_info=event.exception)
        message, query = event.update.message, event.update.callback_query
        with i18n.context(), i18n.use_locale(i18n.default_locale):
            if message is not None:
                await tell_chat(bot, message.chat.id)
            elif query is not None:
                # The boundary and the callback answerer never ran, so nobody answered it.
                try:
                    await query.answer(something_went_wrong(), show_alert=True)
                except TelegramAPIError:
                    logger.warning("Could not answer callback query %s", query.id)
        return True

    return router
