"""Order search by number, product title or store: a one-field form that stays open."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.config import Settings
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import SearchAction, SearchCb
from bot.keyboards.orders import search_prompt_kb, search_results_kb
from bot.services.orders import search_orders
from bot.views.orders import search_prompt_text, search_results_text
from bot.views.screen import show

routes = Routes("search", callbacks=(SearchCb,), account_only=True)


class OrderSearch(StatesGroup):
    query = State()


@routes.callback_query(SearchCb.filter(F.action == SearchAction.START))
async def on_search_start(query: CallbackQuery, state: FSMContext) -> None:
    await state.set_state(OrderSearch.query)
    await show(query, search_prompt_text(), search_prompt_kb())


async def show_results(
    event: Message | CallbackQuery,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    text: str,
    page: int,
) -> None:
    found = await search_orders(uow, user.id, text, page, settings.orders_page_size)
    await show(
        event, search_results_text(found), search_results_kb(found.orders, found.page, found.pages)
    )


@routes.message(StateFilter(OrderSearch.query), HasText())
async def on_search_text(
    message: Message, uow: UnitOfWork, user: User, settings: Settings, state: FSMContext
) -> None:
    text = message.text or ""
    await show_results(message, uow, user, settings, text, 0)
    await state.update_data(query=text)


@routes.message(StateFilter(OrderSearch.query))
async def on_search_not_text(message: Message) -> None:
    await message.answer(_("Please type the order number or a word from the product name."))


@routes.callback_query(SearchCb.filter(F.action == SearchAction.PAGE))
async def on_search_page(
    query: CallbackQuery,
    callback_data: SearchCb,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:
    text = (await state.get_data()).get("query")
    if not isinstance(text, str):
        callback_answer.text = _("This search has expired. Type what you are looking for again.")
        await state.set_state(OrderSearch.query)
        await show(query, search_prompt_text(), search_prompt_kb())
        return
    await show_results(query, uow, user, settings, text, callback_data.page)
