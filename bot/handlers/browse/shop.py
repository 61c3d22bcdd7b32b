"""/shop: the category tree, then a category's products; /find or Search: products by
words; the results with pages, sort and the in-stock filter. The search draft lives in FSM
data, so the result buttons carry only what they do."""

from __future__ import annotations

from dataclasses import replace

from aiogram import F
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.fsm.state import StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import I18n

from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.keyboards.browse.shop import level_kb, results_kb, search_kb, sort_kb
from bot.keyboards.callbacks import CatalogCb, ResultsAct, ResultsCb, SortCb, StoreSearchCb
from bot.keyboards.nav import back_home_kb
from bot.middlewares.commands import Step
from bot.middlewares.context import Ctx
from bot.services.browse.catalog import category_level, results
from bot.services.browse.drafts import DRAFT_KEY, SearchDraft, check_words
from bot.views.browse import shop as views
from bot.views.screen import show

routes = Routes("browse.shop", callbacks=(CatalogCb, ResultsCb, SortCb, StoreSearchCb))


class ShopForm(StatesGroup):
    words = Step()


async def _draft(ctx: Ctx) -> SearchDraft | None:
    return SearchDraft.from_data((await ctx.state.get_data()).get(DRAFT_KEY))


async def show_results(
    event: Message | CallbackQuery, ctx: Ctx, draft: SearchDraft, i18n: I18n
) -> None:
    found = await results(ctx.uow, draft, i18n.current_locale, ctx.rules.browse.results_page_size)
    await ctx.state.update_data({DRAFT_KEY: found.draft.to_data()})
    await show(event, views.results_text(found), results_kb(found))


@routes.message(Command("shop"))
@routes.callback_query(CatalogCb.filter(~F.products))
async def catalog_screen(
    event: Message | CallbackQuery, ctx: Ctx, callback_data: CatalogCb | None = None
) -> None:
    await ctx.state.set_state(None)
    level = await category_level(ctx.uow, callback_data.category_id if callback_data else 0)
    await show(event, views.level_text(level), level_kb(level))


@routes.callback_query(CatalogCb.filter(F.products))
async def category_results_screen(
    query: CallbackQuery, callback_data: CatalogCb, ctx: Ctx, i18n: I18n
) -> None:
    await ctx.state.set_state(None)
    await show_results(query, ctx, SearchDraft(category_id=callback_data.category_id), i18n)


@routes.message(Command("find"))
async def on_find(message: Message, command: CommandObject, ctx: Ctx, i18n: I18n) -> None:
    """/find desk lamp: the results at once; /find alone says how (a menu command opens no
    form, so it offers the Search button that asks for the words)."""
    await ctx.state.set_state(None)
    if not (command.args or "").strip():
        await show(message, views.find_hint_text(), search_kb())
        return
    await show_results(message, ctx, SearchDraft(words=check_words(command.args or "")), i18n)


@routes.callback_query(ResultsCb.filter(F.action == ResultsAct.WORDS))
async def words_prompt_screen(query: CallbackQuery, ctx: Ctx) -> None:
    await ctx.state.set_state(ShopForm.words)
    await ctx.state.update_data({DRAFT_KEY: None})
    await show(query, views.words_prompt_text(), back_home_kb())


@routes.callback_query(StoreSearchCb.filter())
async def store_words_prompt_screen(
    query: CallbackQuery, callback_data: StoreSearchCb, ctx: Ctx
) -> None:
    """Search within one store: the words are asked, the store kept in the draft."""
    await ctx.state.set_state(ShopForm.words)
    await ctx.state.update_data({DRAFT_KEY: SearchDraft(store_id=callback_data.store_id).to_data()})
    await show(query, views.words_prompt_text(), back_home_kb())


@routes.message(StateFilter(ShopForm.words), HasText())
async def on_words(message: Message, ctx: Ctx, i18n: I18n) -> None:
    draft = (await _draft(ctx)) or SearchDraft()
    searched = draft.with_words(message.text or "")  # a refusal keeps the step
    await ctx.state.set_state(None)
    await show_results(message, ctx, searched, i18n)


@routes.callback_query(ResultsCb.filter(F.action.in_({ResultsAct.PAGE, ResultsAct.BACK})))
@routes.callback_query(ResultsCb.filter(F.action == ResultsAct.STOCK))
@routes.callback_query(SortCb.filter())
async def results_screen(
    query: CallbackQuery, callback_data: ResultsCb | SortCb, ctx: Ctx, i18n: I18n
) -> None:
    """A page, Back to the results, the in-stock switch or a sort order: the draft changed
    that way and shown again (an expired draft: the catalogue)."""
    await ctx.state.set_state(None)
    draft = await _draft(ctx)
    if draft is None:
        await catalog_screen(query, ctx)
        return
    if isinstance(callback_data, SortCb):
        draft = replace(draft, sort=callback_data.sort, page=0)
    elif callback_data.action is ResultsAct.STOCK:
        draft = replace(draft, in_stock=not draft.in_stock, page=0)
    elif callback_data.action is ResultsAct.PAGE:
        draft = replace(draft, page=callback_data.page)
    await show_results(query, ctx, draft, i18n)


@routes.callback_query(ResultsCb.filter(F.action == ResultsAct.SORT))
async def sort_screen(query: CallbackQuery, ctx: Ctx) -> None:
    draft = (await _draft(ctx)) or SearchDraft()
    await show(query, views.sort_text(), sort_kb(draft.sort, bool(draft.words)))
