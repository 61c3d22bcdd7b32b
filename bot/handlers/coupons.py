"""Coupons: the Active and Used & expired tabs, and the coupon card."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.handlers.routes import Routes
from bot.keyboards.callbacks import CouponAction, CouponCb, CouponListCb
from bot.keyboards.coupons import coupon_card_kb, coupons_list_kb
from bot.middlewares.context import Ctx
from bot.services import coupons as service
from bot.services.coupons import CouponTab
from bot.views.coupons import coupon_card_text, coupons_list_text
from bot.views.screen import show

routes = Routes("coupons", callbacks=(CouponListCb, CouponCb), account_only=True)


@routes.message(Command("coupons"))
@routes.callback_query(CouponListCb.filter())
async def coupons_screen(
    event: Message | CallbackQuery, ctx: Ctx, callback_data: CouponListCb | None = None
) -> None:
    """Coupons, from /coupons or a tab or page button; whatever form was open is left."""
    cb = callback_data or CouponListCb(tab=CouponTab.ACTIVE)
    await ctx.state.clear()
    now, size = ctx.now(), ctx.rules.coupons_page_size
    listing = await service.list_coupons(ctx.uow, ctx.user.id, cb.tab, cb.page, size, now)
    await show(event, coupons_list_text(listing, now, ctx.tz), coupons_list_kb(listing, now))


@routes.callback_query(CouponCb.filter(F.action == CouponAction.OPEN))
async def coupon_screen(query: CallbackQuery, callback_data: CouponCb, ctx: Ctx) -> None:
    coupon = await service.get_coupon(ctx.uow, ctx.user.id, callback_data.coupon_id)
    await show(query, coupon_card_text(coupon, ctx.now(), ctx.tz), coupon_card_kb(callback_data))
