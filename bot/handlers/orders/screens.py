"""My orders: tabs, the order card, tracking, confirming receipt, extending protection.

Each screen is one handler: parse the button (or command), ask the service for the screen's
read model, render it. A move (confirm, extend) is the service call, a toast, and the order
card the service returns.
"""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.handlers.routes import Routes
from bot.keyboards.callbacks import OrderAction, OrderCb, OrderListCb
from bot.keyboards.orders.screens import (
    confirm_receipt_kb,
    order_card_kb,
    orders_list_kb,
    tracking_kb,
)
from bot.middlewares.context import Ctx
from bot.services.orders import buyer as service
from bot.services.orders.buyer import OrderScreen, OrderTab
from bot.views import format as fmt
from bot.views.orders.screens import (
    confirm_receipt_text,
    order_card_text,
    orders_list_text,
    tracking_text,
)
from bot.views.screen import show

routes = Routes("orders", callbacks=(OrderListCb, OrderCb), account_only=True)


@routes.message(Command("orders"))
@routes.callback_query(OrderListCb.filter())
async def orders_screen(
    event: Message | CallbackQuery, ctx: Ctx, callback_data: OrderListCb | None = None
) -> None:
    """My orders, from /orders or a tab or page button; whatever form was open is left."""
    cb = callback_data or OrderListCb(tab=OrderTab.ALL)
    await ctx.state.clear()
    size = ctx.rules.orders_page_size
    listing = await service.list_orders(ctx.uow, ctx.user.id, cb.tab, cb.page, size)
    await show(event, orders_list_text(listing), orders_list_kb(listing))


async def show_order_card(event: Message | CallbackQuery, cb: OrderCb, ctx: Ctx) -> None:
    """The order card of `cb.order_id` (also where other sections lead back to)."""
    rules = ctx.rules
    card = await service.order_screen(
        ctx.uow, ctx.user.id, cb.order_id, ctx.now(), rules.disputes, rules.feedback
    )
    await render_order_card(event, cb, card, ctx)


async def render_order_card(
    event: Message | CallbackQuery, cb: OrderCb, card: OrderScreen, ctx: Ctx
) -> None:
    await show(event, order_card_text(card, ctx.now(), ctx.tz), order_card_kb(card, cb))


@routes.callback_query(OrderCb.filter(F.action == OrderAction.OPEN))
async def order_card(query: CallbackQuery, callback_data: OrderCb, ctx: Ctx) -> None:
    await show_order_card(query, callback_data, ctx)


@routes.callback_query(OrderCb.filter(F.action == OrderAction.TRACK))
async def tracking_screen(query: CallbackQuery, callback_data: OrderCb, ctx: Ctx) -> None:
    order, events = await service.get_tracking(ctx.uow, ctx.user.id, callback_data.order_id)
    await show(query, tracking_text(order, events, ctx.tz), tracking_kb(callback_data))


@routes.callback_query(OrderCb.filter(F.action == OrderAction.CONFIRM_ASK))
async def confirm_receipt_screen(query: CallbackQuery, callback_data: OrderCb, ctx: Ctx) -> None:
    order = await service.check_receipt_confirmable(ctx.uow, ctx.user.id, callback_data.order_id)
    await show(query, confirm_receipt_text(order), confirm_receipt_kb(callback_data))


@routes.callback_query(OrderCb.filter(F.action == OrderAction.CONFIRM))
async def on_confirm(
    query: CallbackQuery, callback_data: OrderCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    rules = ctx.rules
    card = await service.confirm_receipt(
        ctx.uow, ctx.user.id, callback_data.order_id, ctx.now(), rules.disputes, rules.feedback
    )
    callback_answer.text = _("✅ Receipt of order №{number} confirmed. Thank you!").format(
        number=card.order.number
    )
    await render_order_card(query, callback_data, card, ctx)


@routes.callback_query(OrderCb.filter(F.action == OrderAction.EXTEND))
async def on_extend(
    query: CallbackQuery, callback_data: OrderCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    rules = ctx.rules
    card = await service.extend_protection(
        ctx.uow,
        ctx.user.id,
        callback_data.order_id,
        ctx.now(),
        rules.protection_extension_days,
        rules.disputes,
        rules.feedback,
    )
    assert card.order.protection_ends_at is not None
    callback_answer.text = _("🛡 Protection extended until {date}.").format(
        date=fmt.day(card.order.protection_ends_at, ctx.tz)
    )
    await render_order_card(query, callback_data, card, ctx)
