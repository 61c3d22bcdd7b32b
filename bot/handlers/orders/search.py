"""Order search by number, product title or store: a one-field form that stays open."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import SearchAction, SearchCb
from bot.keyboards.orders.screens import search_prompt_kb, search_results_kb
from bot.middlewares.context import Ctx
from bot.services.orders.buyer import search_orders
from bot.views.orders.screens import search_prompt_text, search_results_text
from bot.views.screen import show

routes = Routes("search", callbacks=(SearchCb,), account_only=True)


class OrderSearch(StatesGroup):
    query = State()


@routes.callback_query(SearchCb.filter(F.action == SearchAction.START))
async def search_prompt(query: CallbackQuery, ctx: Ctx) -> None:
    await ctx.state.set_state(OrderSearch.query)
    await show(query, search_prompt_text(), search_prompt_kb())


async def show_results(event: Message | CallbackQuery, ctx: Ctx, text: str, page: int) -> None:
    size = ctx.rules.orders_page_size
    found = await search_orders(ctx.uow, ctx.user.id, text, page, size)
    await show(event, search_results_text(found), search_results_kb(found.page))


@routes.message(StateFilter(OrderSearch.query), HasText())
async def on_search_text(message: Message, ctx: Ctx) -> None:
    text = message.text or ""
    await show_results(message, ctx, text, 0)
    await ctx.state.update_data(query=text)


@routes.message(StateFilter(OrderSearch.query))
async def on_search_not_text(message: Message) -> None:
    await message.answer(_("Please type the order number or a word from the product name."))


@routes.callback_query(SearchCb.filter(F.action == SearchAction.PAGE))
async def search_results(
    query: CallbackQuery, callback_data: SearchCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    text = (await ctx.state.get_data()).get("query")
    if not isinstance(text, str):
        callback_answer.text = _("This search has expired. Type what you are looking for again.")
        await ctx.state.set_state(OrderSearch.query)
        await show(query, search_prompt_text(), search_prompt_kb())
        return
    await show_results(query, ctx, text, callback_data.page)
