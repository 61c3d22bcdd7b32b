"""The last router: buttons nobody recognises and messages nobody expects."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.handlers.routes import Routes
from bot.keyboards.nav import back_home_kb

routes = Routes("stale")


def stale_button_text() -> str:
    return _("This button is out of date. Open the cabinet again with /menu.")


@routes.callback_query()
async def on_stale_button(query: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    callback_answer.text, callback_answer.show_alert = stale_button_text(), True


@routes.message()
async def on_unexpected_message(message: Message) -> None:
    await message.answer(
        _("I did not understand that. Use the buttons, or open the cabinet with /menu."),
        reply_markup=back_home_kb(),
    )
