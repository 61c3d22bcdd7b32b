"""Deleted orders: delete from My orders, list the trash, restore, delete forever."""

from __future__ import annotations

from datetime import tzinfo

from aiogram import F
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.clock import Clock
from bot.config import Settings
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.orders import show_card
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import OrderAction, OrderCb, TrashAction, TrashCb, TrashListCb
from bot.keyboards.orders import back_to_list
from bot.keyboards.trash import moved_to_trash_kb, purge_confirm_kb, trash_list_kb, trashed_order_kb
from bot.services import trash as service
from bot.views.screen import show
from bot.views.trash import (
    moved_to_trash_text,
    purge_confirm_text,
    trash_text,
    trashed_order_text,
)

routes = Routes("trash", callbacks=(OrderCb, TrashListCb, TrashCb), account_only=True)


@routes.callback_query(OrderCb.filter(F.action == OrderAction.DELETE))
async def on_delete(
    query: CallbackQuery,
    callback_data: OrderCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
) -> None:
    order = await service.move_to_trash(
        uow,
        user.id,
        callback_data.order_id,
        clock.now(),
        retention_days=settings.trash_retention_days,
    )
    text = moved_to_trash_text(order, settings.trash_retention_days)
    await show(query, text, moved_to_trash_kb(order, back_to_list(callback_data)))


async def show_trash(
    query: CallbackQuery, uow: UnitOfWork, user: User, settings: Settings, tz: tzinfo, page: int
) -> None:
    listing = await service.list_trash(uow, user.id, page, settings.orders_page_size)
    text = trash_text(listing, settings.trash_retention_days, tz)
    await show(query, text, trash_list_kb(listing.orders, listing.page, listing.pages))


@routes.callback_query(TrashListCb.filter())
async def on_trash(
    query: CallbackQuery,
    callback_data: TrashListCb,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    tz: tzinfo,
) -> None:
    await show_trash(query, uow, user, settings, tz, callback_data.page)


@routes.callback_query(TrashCb.filter(F.action == TrashAction.OPEN))
async def on_open_trashed(
    query: CallbackQuery,
    callback_data: TrashCb,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    tz: tzinfo,
) -> None:
    trashed = await service.get_trashed(uow, user.id, callback_data.order_id)
    text = trashed_order_text(trashed, settings.trash_retention_days, tz)
    markup = trashed_order_kb(trashed.order, callback_data.page, can_purge=not trashed.in_dispute)
    await show(query, text, markup)


@routes.callback_query(TrashCb.filter(F.action == TrashAction.RESTORE))
async def on_restore(
    query: CallbackQuery,
    callback_data: TrashCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
    callback_answer: CallbackAnswer,
    settings: Settings,
) -> None:
    order = await service.restore_order(uow, user.id, callback_data.order_id, clock.now())
    callback_answer.text = _("♻️ Order №{number} is back in My orders.").format(number=order.number)
    await show_card(
        query, OrderCb(action=OrderAction.OPEN, order_id=order.id), uow, user, clock, tz, settings
    )


@routes.callback_query(TrashCb.filter(F.action == TrashAction.PURGE_ASK))
async def on_purge_ask(
    query: CallbackQuery, callback_data: TrashCb, uow: UnitOfWork, user: User
) -> None:
    order = await service.check_purgeable(uow, user.id, callback_data.order_id)
    await show(query, purge_confirm_text(order), purge_confirm_kb(order, callback_data.page))


@routes.callback_query(TrashCb.filter(F.action == TrashAction.PURGE))
async def on_purge(
    query: CallbackQuery,
    callback_data: TrashCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    settings: Settings,
    tz: tzinfo,
    callback_answer: CallbackAnswer,
) -> None:
    number = await service.delete_forever(uow, user.id, callback_data.order_id, clock.now())
    callback_answer.text = _("❌ Order №{number} deleted forever.").format(number=number)
    await show_trash(query, uow, user, settings, tz, callback_data.page)
