"""Help pages: one short answer per question (the index is /help, in `start`, so that the
command beats any open form)."""

from __future__ import annotations

from aiogram.types import CallbackQuery

from bot.config import Settings
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import HelpCb
from bot.keyboards.help import help_topic_kb
from bot.views.help import help_topic_text
from bot.views.screen import show

routes = Routes("help", callbacks=(HelpCb,))


@routes.callback_query(HelpCb.filter())
async def on_topic(query: CallbackQuery, callback_data: HelpCb, settings: Settings) -> None:
    topic = callback_data.topic
    await show(query, help_topic_text(topic, settings.trash_retention_days), help_topic_kb(topic))
