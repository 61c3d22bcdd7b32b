"""My wishes: the overview of lists, a page of one list, making, renaming and deleting a
list, and adding a product from its card (into the default list, or the list picked)."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import (
    WishAddCb,
    WishesAct,
    WishesCb,
    WishListAct,
    WishListCb,
    WishMergeCb,
    WishPickCb,
)
from bot.keyboards.wishes import (
    back_to_list_kb,
    cancel_kb,
    deletion_kb,
    list_kb,
    lists_kb,
    picker_kb,
)
from bot.middlewares.context import Ctx
from bot.services.wishes import lists as service
from bot.services.wishes.lists import ListPicker, ListScreen, WishLists
from bot.views.screen import show
from bot.views.wishes import screens as views

routes = Routes(
    "wishes",
    callbacks=(WishesCb, WishListCb, WishMergeCb, WishAddCb, WishPickCb),
    account_only=True,
)
LIST_ID = "wish_list_id"


class WishForm(StatesGroup):
    new_list = State()
    rename = State()
    target = State()


async def render_lists(event: Message | CallbackQuery, overview: WishLists) -> None:
    await show(event, views.lists_text(overview), lists_kb(overview))


async def render_list(event: Message | CallbackQuery, screen: ListScreen) -> None:
    await show(event, views.list_text(screen), list_kb(screen))


@routes.message(Command("wishes"))
@routes.callback_query(WishesCb.filter(F.action == WishesAct.SHOW))
async def wishes_screen(event: Message | CallbackQuery, ctx: Ctx) -> None:
    """My wishes, from /wishes or a button; whatever form was open is left."""
    await ctx.state.clear()
    await render_lists(event, await service.wish_lists(ctx.uow, ctx.user.id, ctx.now()))


@routes.callback_query(WishListCb.filter(F.action == WishListAct.OPEN))
async def list_screen(query: CallbackQuery, callback_data: WishListCb, ctx: Ctx) -> None:
    await ctx.state.clear()
    cb, size = callback_data, ctx.rules.wishes_page_size
    screen = await service.list_screen(ctx.uow, ctx.user.id, cb.list_id, cb.page, size, ctx.now())
    await render_list(query, screen)


# --- making and renaming a list --------------------------------------------------------------


@routes.callback_query(WishesCb.filter(F.action == WishesAct.NEW))
async def new_list_prompt_screen(query: CallbackQuery, ctx: Ctx) -> None:
    await service.check_can_create(ctx.uow, ctx.user.id)
    await ctx.state.set_state(WishForm.new_list)
    await show(query, views.name_prompt_text(), cancel_kb())


@routes.message(StateFilter(WishForm.new_list), HasText())
async def on_new_list_name(message: Message, ctx: Ctx) -> None:
    """A refused name is told by the error boundary, and the step waits for another."""
    size = ctx.rules.wishes_page_size
    screen = await service.create_list(ctx.uow, ctx.user.id, message.text or "", 0, size, ctx.now())
    await ctx.state.clear()
    await render_list(message, screen)


@routes.callback_query(WishListCb.filter(F.action == WishListAct.RENAME))
async def rename_prompt_screen(query: CallbackQuery, callback_data: WishListCb, ctx: Ctx) -> None:
    wish_list = await service.themed_list(ctx.uow, ctx.user.id, callback_data.list_id)
    await ctx.state.set_state(WishForm.rename)
    await ctx.state.update_data({LIST_ID: wish_list.id})
    await show(query, views.rename_prompt_text(wish_list), back_to_list_kb(wish_list.id))


@routes.message(StateFilter(WishForm.rename), HasText())
async def on_rename(message: Message, ctx: Ctx) -> None:
    list_id = int((await ctx.state.get_data()).get(LIST_ID) or 0)
    size = ctx.rules.wishes_page_size
    screen = await service.rename_list(ctx.uow, ctx.user.id, list_id, message.text or "", size)
    await ctx.state.clear()
    await render_list(message, screen)


@routes.message(StateFilter(WishForm.new_list, WishForm.rename, WishForm.target))
async def on_not_text(message: Message) -> None:
    await message.answer(views.not_text_text())


# --- deleting a list -------------------------------------------------------------------------


@routes.callback_query(WishListCb.filter(F.action == WishListAct.DELETE_ASK))
async def delete_question_screen(query: CallbackQuery, callback_data: WishListCb, ctx: Ctx) -> None:
    question = await service.deletion(ctx.uow, ctx.user.id, callback_data.list_id)
    await show(query, views.deletion_text(question), deletion_kb(question))


@routes.callback_query(WishListCb.filter(F.action == WishListAct.DELETE))
@routes.callback_query(WishMergeCb.filter())
async def on_delete(
    query: CallbackQuery,
    callback_data: WishListCb | WishMergeCb,
    ctx: Ctx,
    callback_answer: CallbackAnswer,
) -> None:
    """Delete with the items (WishListCb), or moving them into another list (WishMergeCb)."""
    into = callback_data.into_id if isinstance(callback_data, WishMergeCb) else None
    uow, user_id, list_id = ctx.uow, ctx.user.id, callback_data.list_id
    overview = await service.delete_list(uow, user_id, list_id, into, ctx.now())
    callback_answer.text = views.deleted_toast()
    await render_lists(query, overview)


# --- adding from a product card --------------------------------------------------------------


@routes.callback_query(WishAddCb.filter())
async def on_add(
    query: CallbackQuery, callback_data: WishAddCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    """Into the default list with a toast (the card stays); with themed lists, which list."""
    outcome = await service.add_wish(ctx.uow, ctx.user.id, callback_data.product_id, ctx.now())
    if isinstance(outcome, ListPicker):
        await show(query, views.picker_text(outcome.product), picker_kb(outcome))
        return
    callback_answer.text = views.added_toast(outcome.wish_list, outcome.already)


@routes.callback_query(WishPickCb.filter())
async def on_pick(
    query: CallbackQuery, callback_data: WishPickCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    cb, size = callback_data, ctx.rules.wishes_page_size
    added, screen = await service.add_to_list(
        ctx.uow, ctx.user.id, cb.product_id, cb.list_id, size, ctx.now()
    )
    callback_answer.text = views.added_toast(added.wish_list, added.already)
    await render_list(query, screen)
