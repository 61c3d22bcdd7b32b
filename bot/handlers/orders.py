"""My orders: tabs, the order card, tracking, confirming receipt, extending protection."""

from __future__ import annotations

from datetime import timedelta, tzinfo

from aiogram import F
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.clock import Clock
from bot.config import Settings
from bot.db.enums import OrderStatus
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import OrderAction, OrderCb, OrderListCb
from bot.keyboards.disputes.screens import order_dispute_button
from bot.keyboards.orders import confirm_receipt_kb, order_card_kb, orders_list_kb, tracking_kb
from bot.keyboards.stores import store_button, unblock_to_chat_button
from bot.rules import build_rules
from bot.services import orders as service
from bot.services.disputes.lists import order_dispute
from bot.services.disputes.rules import is_open
from bot.services.orders import OrderTab
from bot.services.trash import can_delete
from bot.views import format as fmt
from bot.views.disputes.screens import dispute_status_line
from bot.views.orders import (
    confirm_receipt_text,
    order_card_text,
    orders_list_text,
    tracking_text,
)
from bot.views.screen import show

routes = Routes("orders", callbacks=(OrderListCb, OrderCb), account_only=True)


async def show_orders(
    event: Message | CallbackQuery,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    tab: OrderTab = OrderTab.ALL,
    page: int = 0,
) -> None:
    listing = await service.list_orders(uow, user.id, tab, page, settings.orders_page_size)
    await show(event, orders_list_text(listing), orders_list_kb(listing))


@routes.message(Command("orders"))
async def on_orders_command(
    message: Message, uow: UnitOfWork, user: User, settings: Settings, state: FSMContext
) -> None:
    await state.clear()
    await show_orders(message, uow, user, settings)


@routes.callback_query(OrderListCb.filter())
async def on_orders(
    query: CallbackQuery,
    callback_data: OrderListCb,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    state: FSMContext,
) -> None:
    await state.clear()
    await show_orders(query, uow, user, settings, callback_data.tab, callback_data.page)


async def show_card(
    query: CallbackQuery,
    cb: OrderCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
    settings: Settings,
) -> None:
    card = await service.get_order_card(uow, user.id, cb.order_id)
    rules = build_rules(settings).disputes  # (until this card is a read model)
    found = await order_dispute(uow, user.id, cb.order_id, clock.now(), rules)
    in_transit = service.can_confirm_receipt(card.order)
    order = card.order
    window = timedelta(days=settings.feedback_window_days)
    can_rate = (
        order.status is OrderStatus.COMPLETED
        and order.feedback_at is None
        and order.completed_at is not None
        and order.completed_at + window > clock.now()
    )
    in_dispute = is_open(found.dispute)  # nothing that would end the claim is offered
    markup = order_card_kb(
        order,
        cb,
        can_confirm=in_transit and not in_dispute,
        can_extend=service.can_extend_protection(order, clock.now()),
        can_delete=can_delete(order, found.dispute),
        can_rate=can_rate,
        dispute=order_dispute_button(found),
        store=store_button(order),
        chat=unblock_to_chat_button(order) if card.seller_blocked else None,
    )
    line = dispute_status_line(found.dispute) if found.dispute is not None else None
    await show(query, order_card_text(card, clock.now(), tz, line), markup)


@routes.callback_query(OrderCb.filter(F.action == OrderAction.OPEN))
async def on_open(
    query: CallbackQuery,
    callback_data: OrderCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
    settings: Settings,
) -> None:
    await show_card(query, callback_data, uow, user, clock, tz, settings)


@routes.callback_query(OrderCb.filter(F.action == OrderAction.TRACK))
async def on_track(
    query: CallbackQuery, callback_data: OrderCb, uow: UnitOfWork, user: User, tz: tzinfo
) -> None:
    order, events = await service.get_tracking(uow, user.id, callback_data.order_id)
    await show(query, tracking_text(order, events, tz), tracking_kb(callback_data))


@routes.callback_query(OrderCb.filter(F.action == OrderAction.CONFIRM_ASK))
async def on_confirm_ask(
    query: CallbackQuery, callback_data: OrderCb, uow: UnitOfWork, user: User
) -> None:
    order = await service.check_receipt_confirmable(uow, user.id, callback_data.order_id)
    await show(query, confirm_receipt_text(order), confirm_receipt_kb(callback_data))


@routes.callback_query(OrderCb.filter(F.action == OrderAction.CONFIRM))
async def on_confirm(
    query: CallbackQuery,
    callback_data: OrderCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
    callback_answer: CallbackAnswer,
    settings: Settings,
) -> None:
    order = await service.confirm_receipt(
        uow, user.id, callback_data.order_id, clock.now(), settings.feedback_window_days
    )
    callback_answer.text = _("✅ Receipt of order №{number} confirmed. Thank you!").format(
        number=order.number
    )
    await show_card(query, callback_data, uow, user, clock, tz, settings)


@routes.callback_query(OrderCb.filter(F.action == OrderAction.EXTEND))
async def on_extend(
    query: CallbackQuery,
    callback_data: OrderCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
    settings: Settings,
    callback_answer: CallbackAnswer,
) -> None:
    order = await service.extend_protection(
        uow, user.id, callback_data.order_id, clock.now(), settings.protection_extension_days
    )
    assert order.protection_ends_at is not None
    callback_answer.text = _("🛡 Protection extended until {date}.").format(
        date=fmt.day(order.protection_ends_at, tz)
    )
    await show_card(query, callback_data, uow, user, clock, tz, settings)
