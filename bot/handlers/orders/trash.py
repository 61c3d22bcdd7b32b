"""Deleted orders: delete from My orders, list the trash, restore, delete forever."""

from __future__ import annotations

from aiogram import F
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.handlers.orders.screens import render_order_card
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import OrderAction, OrderCb, TrashAction, TrashCb, TrashListCb
from bot.keyboards.orders.screens import back_to_list
from bot.keyboards.orders.trash import (
    moved_to_trash_kb,
    purge_confirm_kb,
    trash_list_kb,
    trashed_order_kb,
)
from bot.middlewares.context import Ctx
from bot.services.orders import trash as service
from bot.views.orders.trash import (
    moved_to_trash_text,
    purge_confirm_text,
    trash_text,
    trashed_order_text,
)
from bot.views.screen import show

routes = Routes("trash", callbacks=(OrderCb, TrashListCb, TrashCb), account_only=True)


@routes.callback_query(OrderCb.filter(F.action == OrderAction.DELETE))
async def on_delete(query: CallbackQuery, callback_data: OrderCb, ctx: Ctx) -> None:
    retention = ctx.rules.trash_retention_days
    order = await service.move_to_trash(
        ctx.uow, ctx.user.id, callback_data.order_id, ctx.now(), retention_days=retention
    )
    text = moved_to_trash_text(order, retention)
    await show(query, text, moved_to_trash_kb(order, back_to_list(callback_data)))


async def show_trash(query: CallbackQuery, ctx: Ctx, page: int) -> None:
    listing = await service.list_trash(ctx.uow, ctx.user.id, page, ctx.rules.orders_page_size)
    text = trash_text(listing, ctx.rules.trash_retention_days, ctx.tz)
    await show(query, text, trash_list_kb(listing.page))


@routes.callback_query(TrashListCb.filter())
async def trash_screen(query: CallbackQuery, callback_data: TrashListCb, ctx: Ctx) -> None:
    await show_trash(query, ctx, callback_data.page)


@routes.callback_query(TrashCb.filter(F.action == TrashAction.OPEN))
async def trashed_order_screen(query: CallbackQuery, callback_data: TrashCb, ctx: Ctx) -> None:
    trashed = await service.get_trashed(ctx.uow, ctx.user.id, callback_data.order_id)
    text = trashed_order_text(trashed, ctx.rules.trash_retention_days, ctx.tz)
    markup = trashed_order_kb(trashed.order, callback_data.page, can_purge=not trashed.in_dispute)
    await show(query, text, markup)


@routes.callback_query(TrashCb.filter(F.action == TrashAction.RESTORE))
async def on_restore(
    query: CallbackQuery, callback_data: TrashCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    rules = ctx.rules
    card = await service.restore_order(
        ctx.uow, ctx.user.id, callback_data.order_id, ctx.now(), rules.disputes, rules.feedback
    )
    number = card.order.number
    callback_answer.text = _("♻️ Order №{number} is back in My orders.").format(number=number)
    back = OrderCb(action=OrderAction.OPEN, order_id=card.order.id)
    await render_order_card(query, back, card, ctx)


@routes.callback_query(TrashCb.filter(F.action == TrashAction.PURGE_ASK))
async def purge_confirm_screen(query: CallbackQuery, callback_data: TrashCb, ctx: Ctx) -> None:
    order = await service.check_purgeable(ctx.uow, ctx.user.id, callback_data.order_id)
    await show(query, purge_confirm_text(order), purge_confirm_kb(order, callback_data.page))


@routes.callback_query(TrashCb.filter(F.action == TrashAction.PURGE))
async def on_purge(
    query: CallbackQuery, callback_data: TrashCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    number = await service.delete_forever(ctx.uow, ctx.user.id, callback_data.order_id, ctx.now())
    callback_answer.text = _("❌ Order №{number} deleted forever.").format(number=number)
    await show_trash(query, ctx, callback_data.page)
