"""Favourite stores: /favourites and its button, a saved store's screen (opening it marks its
arrivals seen), news on or off, taking its coupons, and Save store wherever it is offered
(a guest signs in first, then it is saved)."""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.handlers.routes import Routes
from bot.keyboards.callbacks import FavAct, FavCb, FavListCb, FavScreenAct, FavStoreCb, FavTakeCb
from bot.keyboards.favourites import favourite_store_kb, favourites_kb, swapped_save_button
from bot.middlewares.context import Ctx
from bot.services.favourites import buyer as service
from bot.services.favourites.screens import (
    FavouriteStoreScreen,
    favourite_store,
    list_favourites,
)
from bot.views.favourites import screens as views
from bot.views.screen import show

routes = Routes(
    "favourites", callbacks=(FavListCb, FavCb, FavStoreCb, FavTakeCb), account_only=True
)


async def render_store(
    event: CallbackQuery | Message, screen: FavouriteStoreScreen, ctx: Ctx
) -> None:
    await show(event, views.favourite_store_text(screen, ctx.tz), favourite_store_kb(screen))


@routes.message(Command("favourites"))
@routes.callback_query(FavListCb.filter())
async def favourites_screen(
    event: Message | CallbackQuery, ctx: Ctx, callback_data: FavListCb | None = None
) -> None:
    await ctx.state.clear()
    page = callback_data.page if callback_data is not None else 0
    favourites = await list_favourites(ctx.uow, ctx.user.id, page, ctx.rules.favourites, ctx.now())
    await show(event, views.favourites_text(favourites), favourites_kb(favourites))


@routes.callback_query(FavCb.filter(F.action == FavScreenAct.OPEN))
async def favourite_store_screen(query: CallbackQuery, callback_data: FavCb, ctx: Ctx) -> None:
    screen = await favourite_store(
        ctx.uow,
        ctx.user.id,
        callback_data.store_id,
        callback_data.page,
        ctx.rules.favourites,
        ctx.now(),
    )
    await render_store(query, screen, ctx)


@routes.callback_query(FavCb.filter(F.action.in_({FavScreenAct.NEWS_ON, FavScreenAct.NEWS_OFF})))
async def on_news(
    query: CallbackQuery, callback_data: FavCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    enabled = callback_data.action is FavScreenAct.NEWS_ON
    screen = await service.set_news(
        ctx.uow,
        ctx.user.id,
        callback_data.store_id,
        enabled,
        callback_data.page,
        ctx.rules.favourites,
        ctx.now(),
    )
    callback_answer.text = views.news_on_text() if enabled else views.news_off_text()
    await render_store(query, screen, ctx)


@routes.callback_query(FavStoreCb.filter())
async def on_save(
    query: CallbackQuery, callback_data: FavStoreCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    """From any screen that offers it: the button swaps in place; a press replayed after
    signing in (no screen to swap it on) shows the saved store's screen."""
    if callback_data.action is FavAct.SAVE:
        store = await service.save_store(ctx.uow, ctx.user.id, callback_data.store_id, ctx.now())
        callback_answer.text = views.saved_text(store)
    else:
        store = await service.unsave_store(ctx.uow, ctx.user.id, callback_data.store_id)
        callback_answer.text = views.unsaved_text(store)
    message = query.message
    swapped = swapped_save_button(
        message.reply_markup if isinstance(message, Message) else None, callback_data
    )
    if isinstance(message, Message) and swapped is not None:
        await message.edit_reply_markup(reply_markup=swapped)
        return
    screen = await favourite_store(
        ctx.uow, ctx.user.id, store.id, 0, ctx.rules.favourites, ctx.now()
    )
    await render_store(query, screen, ctx)


@routes.callback_query(FavTakeCb.filter())
async def on_take(
    query: CallbackQuery, callback_data: FavTakeCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    _coupon, screen = await service.take_offer(
        ctx.uow,
        ctx.user.id,
        callback_data.offer_id,
        callback_data.page,
        ctx.rules.favourites,
        ctx.now(),
    )
    callback_answer.text = views.taken_text()
    await render_store(query, screen, ctx)
