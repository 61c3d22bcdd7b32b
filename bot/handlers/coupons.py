"""Coupons: the Active and Used & expired tabs, and the coupon card."""

from __future__ import annotations

from datetime import tzinfo

from aiogram import F
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.clock import Clock
from bot.config import Settings
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import CouponAction, CouponCb, CouponListCb
from bot.keyboards.coupons import coupon_card_kb, coupons_list_kb
from bot.services import coupons as service
from bot.services.coupons import CouponTab
from bot.views.coupons import coupon_card_text, coupons_list_text
from bot.views.screen import show

routes = Routes("coupons", callbacks=(CouponListCb, CouponCb), account_only=True)


async def show_coupons(
    event: Message | CallbackQuery,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    clock: Clock,
    tz: tzinfo,
    tab: CouponTab = CouponTab.ACTIVE,
    page: int = 0,
) -> None:
    now = clock.now()
    listing = await service.list_coupons(uow, user.id, tab, page, settings.coupons_page_size, now)
    await show(event, coupons_list_text(listing, now, tz), coupons_list_kb(listing, now))


@routes.message(Command("coupons"))
async def on_coupons_command(
    message: Message,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    clock: Clock,
    tz: tzinfo,
    state: FSMContext,
) -> None:
    await state.clear()
    await show_coupons(message, uow, user, settings, clock, tz)


@routes.callback_query(CouponListCb.filter())
async def on_coupons(
    query: CallbackQuery,
    callback_data: CouponListCb,
    uow: UnitOfWork,
    user: User,
    settings: Settings,
    clock: Clock,
    tz: tzinfo,
    state: FSMContext,
) -> None:
    await state.clear()
    await show_coupons(query, uow, user, settings, clock, tz, callback_data.tab, callback_data.page)


@routes.callback_query(CouponCb.filter(F.action == CouponAction.OPEN))
async def on_open(
    query: CallbackQuery,
    callback_data: CouponCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
) -> None:
    coupon = await service.get_coupon(uow, user.id, callback_data.coupon_id)
    await show(query, coupon_card_text(coupon, clock.now(), tz), coupon_card_kb(callback_data))
