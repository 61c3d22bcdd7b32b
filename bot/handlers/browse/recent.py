"""/recent: the products the buyer opened lately, newest first (guests too); remove one,
clear all (asked), how many to keep."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.handlers.routes import Routes
from bot.keyboards.browse.recent import clear_confirm_kb, length_kb, recent_kb
from bot.keyboards.callbacks import RecentAct, RecentCb, RecentLengthCb
from bot.middlewares.context import Ctx
from bot.services.browse import recent as service
from bot.services.browse.recent import RecentList
from bot.views.browse import recent as views
from bot.views.screen import show

routes = Routes("browse.recent", callbacks=(RecentCb, RecentLengthCb))


async def render(event: Message | CallbackQuery, listing: RecentList) -> None:
    await show(event, views.recent_text(listing), recent_kb(listing))


@routes.message(Command("recent"))
@routes.callback_query(RecentCb.filter(F.action == RecentAct.OPEN))
async def recent_screen(
    event: Message | CallbackQuery, ctx: Ctx, callback_data: RecentCb | None = None
) -> None:
    await ctx.state.set_state(None)
    page = callback_data.page if callback_data is not None else 0
    await render(event, await service.recent_list(ctx.uow, ctx.user, page, ctx.rules.browse))


@routes.callback_query(RecentCb.filter(F.action == RecentAct.REMOVE))
async def on_remove(
    query: CallbackQuery, callback_data: RecentCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    listing = await service.forget_view(
        ctx.uow, ctx.user, callback_data.product_id, callback_data.page, ctx.rules.browse
    )
    callback_answer.text = views.removed_text()
    await render(query, listing)


@routes.callback_query(RecentCb.filter(F.action == RecentAct.CLEAR_ASK))
async def clear_confirm_screen(query: CallbackQuery) -> None:
    await show(query, views.clear_confirm_text(), clear_confirm_kb())


@routes.callback_query(RecentCb.filter(F.action == RecentAct.CLEAR))
async def on_clear(query: CallbackQuery, ctx: Ctx, callback_answer: CallbackAnswer) -> None:
    listing = await service.clear_views(ctx.uow, ctx.user, ctx.rules.browse)
    callback_answer.text = views.cleared_text()
    await render(query, listing)


@routes.callback_query(RecentCb.filter(F.action == RecentAct.LENGTH))
async def length_screen(query: CallbackQuery, ctx: Ctx) -> None:
    rules = ctx.rules.browse
    current = rules.recent_limit(ctx.user.recent_limit)
    await show(query, views.length_text(current), length_kb(rules.recent_choices, current))


@routes.callback_query(RecentLengthCb.filter())
async def on_length(
    query: CallbackQuery, callback_data: RecentLengthCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    rules = ctx.rules.browse
    listing = await service.set_recent_limit(ctx.uow, ctx.user, callback_data.length, rules)
    callback_answer.text = views.length_set_text(listing.limit)
    await render(query, listing)
