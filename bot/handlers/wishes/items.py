"""My wishes: an item's card, moving, copying and removing it, and the alerts it follows (a
typed target price, any drop of N %, back in stock)."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.handlers.wishes.lists import WishForm, render_list
from bot.keyboards.callbacks import WishDropCb, WishItemAct, WishItemCb, WishMoveAct, WishMoveCb
from bot.keyboards.wishes import card_kb, drop_kb, move_kb, target_prompt_kb
from bot.middlewares.context import Ctx
from bot.services.wishes import alerts
from bot.services.wishes import lists as service
from bot.services.wishes.lists import WishCard
from bot.views.screen import show
from bot.views.wishes import screens as views

routes = Routes("wish_items", callbacks=(WishItemCb, WishMoveCb, WishDropCb), account_only=True)
ITEM = "wish_item_id"
PAGE = "wish_page"


async def render_card(event: Message | CallbackQuery, card: WishCard, page: int, ctx: Ctx) -> None:
    await show(event, views.card_text(card, ctx.tz), card_kb(card, page))


@routes.callback_query(WishItemCb.filter(F.action == WishItemAct.OPEN))
async def item_screen(query: CallbackQuery, callback_data: WishItemCb, ctx: Ctx) -> None:
    await ctx.state.clear()
    card = await service.wish_card(ctx.uow, ctx.user.id, callback_data.item_id)
    await render_card(query, card, callback_data.page, ctx)


@routes.callback_query(
    WishItemCb.filter(F.action.in_({WishItemAct.MOVE_ASK, WishItemAct.COPY_ASK}))
)
async def move_question_screen(query: CallbackQuery, callback_data: WishItemCb, ctx: Ctx) -> None:
    card = await service.wish_card(ctx.uow, ctx.user.id, callback_data.item_id)
    copy = callback_data.action is WishItemAct.COPY_ASK
    await show(query, views.move_text(card, copy), move_kb(card, callback_data.page, copy))


@routes.callback_query(WishMoveCb.filter(F.action == WishMoveAct.MOVE))
async def on_move(
    query: CallbackQuery, callback_data: WishMoveCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    cb = callback_data
    card = await service.move_item(ctx.uow, ctx.user.id, cb.item_id, cb.to_list_id, ctx.now())
    callback_answer.text = views.moved_toast(card.wish_list)
    await render_card(query, card, 0, ctx)


@routes.callback_query(WishMoveCb.filter(F.action == WishMoveAct.COPY))
async def on_copy(
    query: CallbackQuery, callback_data: WishMoveCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    cb = callback_data
    card, target = await service.copy_item(
        ctx.uow, ctx.user.id, cb.item_id, cb.to_list_id, ctx.now()
    )
    callback_answer.text = views.copied_toast(target)
    await render_card(query, card, 0, ctx)


@routes.callback_query(WishItemCb.filter(F.action == WishItemAct.REMOVE))
async def on_remove(
    query: CallbackQuery, callback_data: WishItemCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    cb, size = callback_data, ctx.rules.wishes_page_size
    screen = await service.remove_item(ctx.uow, ctx.user.id, cb.item_id, cb.page, size)
    callback_answer.text = views.removed_toast()
    await render_list(query, screen)


# --- alerts --------------------------------------------------------------------------------


@routes.callback_query(WishItemCb.filter(F.action == WishItemAct.TARGET))
async def target_prompt_screen(query: CallbackQuery, callback_data: WishItemCb, ctx: Ctx) -> None:
    card = await service.wish_card(ctx.uow, ctx.user.id, callback_data.item_id)
    await ctx.state.set_state(WishForm.target)
    await ctx.state.update_data({ITEM: card.line.item.id, PAGE: callback_data.page})
    currency = alerts.target_currency(ctx.user, card.line.product)
    markup = target_prompt_kb(card, callback_data.page)
    await show(query, views.target_prompt_text(card, currency), markup)


@routes.message(StateFilter(WishForm.target), HasText())
async def on_target(message: Message, ctx: Ctx) -> None:
    """A refused price is told by the error boundary, and the step waits for another."""
    data = await ctx.state.get_data()
    item_id, page = int(data.get(ITEM) or 0), int(data.get(PAGE) or 0)
    card = await alerts.set_target(
        ctx.uow, ctx.user, item_id, message.text or "", ctx.now(), ctx.rules.rates
    )
    await ctx.state.clear()
    await render_card(message, card, page, ctx)


@routes.callback_query(WishItemCb.filter(F.action == WishItemAct.DROP_ASK))
async def drop_question_screen(query: CallbackQuery, callback_data: WishItemCb, ctx: Ctx) -> None:
    card = await service.wish_card(ctx.uow, ctx.user.id, callback_data.item_id)
    await show(query, views.drop_text(card), drop_kb(card, callback_data.page))


@routes.callback_query(WishDropCb.filter())
async def on_drop(
    query: CallbackQuery, callback_data: WishDropCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    cb = callback_data
    card = await alerts.set_drop(
        ctx.uow, ctx.user.id, cb.item_id, cb.percent, ctx.now(), ctx.rules.rates
    )
    callback_answer.text = views.alert_saved_toast()
    await render_card(query, card, 0, ctx)


@routes.callback_query(WishItemCb.filter(F.action == WishItemAct.PRICE_OFF))
async def on_price_off(
    query: CallbackQuery, callback_data: WishItemCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    card = await alerts.stop_price_alert(ctx.uow, ctx.user.id, callback_data.item_id)
    callback_answer.text = views.alert_off_toast()
    await render_card(query, card, callback_data.page, ctx)


@routes.callback_query(
    WishItemCb.filter(F.action.in_({WishItemAct.STOCK_ON, WishItemAct.STOCK_OFF}))
)
async def on_stock_switch(query: CallbackQuery, callback_data: WishItemCb, ctx: Ctx) -> None:
    on = callback_data.action is WishItemAct.STOCK_ON
    card = await alerts.set_back_in_stock(ctx.uow, ctx.user.id, callback_data.item_id, on)
    await render_card(query, card, callback_data.page, ctx)
