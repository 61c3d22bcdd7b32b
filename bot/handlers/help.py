"""Help pages: one short answer per question (the index is /help, in `start`, so that the
command beats any open form)."""

from __future__ import annotations

from aiogram.types import CallbackQuery

from bot.handlers.routes import Routes
from bot.keyboards.callbacks import HelpCb
from bot.keyboards.help import help_topic_kb
from bot.middlewares.context import Ctx
from bot.views.help import help_topic_text
from bot.views.screen import show

routes = Routes("help", callbacks=(HelpCb,))


@routes.callback_query(HelpCb.filter())
async def help_topic_screen(query: CallbackQuery, callback_data: HelpCb, ctx: Ctx) -> None:
    topic = callback_data.topic
    text = help_topic_text(topic, ctx.rules.trash_retention_days)
    await show(query, text, help_topic_kb(topic))
