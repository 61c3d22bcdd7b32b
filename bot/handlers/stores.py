"""The store screen from an order card: its rating and the buyer's orders there, blocking
and unblocking the seller, and reporting the store or a product of that order."""

from __future__ import annotations

from aiogram import F
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.db.enums import ComplaintTarget
from bot.handlers.complaints import start_report
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import StoreAct, StoreCb, StoreProductCb
from bot.keyboards.stores import block_confirm_kb, products_kb, store_card_kb
from bot.middlewares.context import Ctx
from bot.services import stores as service
from bot.services.stores import StoreCard
from bot.views import stores as views
from bot.views.screen import show

routes = Routes("stores", callbacks=(StoreCb, StoreProductCb), account_only=True)


async def render_store_card(query: CallbackQuery, card: StoreCard) -> None:
    await show(query, views.store_card_text(card), store_card_kb(card))


@routes.callback_query(StoreCb.filter(F.action == StoreAct.OPEN))
async def store_screen(query: CallbackQuery, callback_data: StoreCb, ctx: Ctx) -> None:
    await ctx.state.clear()
    await render_store_card(
        query, await service.store_card(ctx.uow, ctx.user.id, callback_data.order_id)
    )


@routes.callback_query(StoreCb.filter(F.action == StoreAct.BLOCK_ASK))
async def block_confirm_screen(query: CallbackQuery, callback_data: StoreCb, ctx: Ctx) -> None:
    card = await service.store_card(ctx.uow, ctx.user.id, callback_data.order_id)
    await show(query, views.block_confirm_text(card.store), block_confirm_kb(card.order.id))


@routes.callback_query(StoreCb.filter(F.action == StoreAct.BLOCK))
async def on_block(
    query: CallbackQuery, callback_data: StoreCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    card = await service.block_seller(ctx.uow, ctx.user.id, callback_data.order_id, ctx.now())
    callback_answer.text = views.blocked_text()
    await render_store_card(query, card)


@routes.callback_query(StoreCb.filter(F.action == StoreAct.UNBLOCK))
async def on_unblock(
    query: CallbackQuery, callback_data: StoreCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    card = await service.unblock_seller(ctx.uow, ctx.user.id, callback_data.order_id)
    callback_answer.text = views.unblocked_text()
    await render_store_card(query, card)


@routes.callback_query(StoreCb.filter(F.action == StoreAct.REPORT))
async def on_report_store(query: CallbackQuery, callback_data: StoreCb, ctx: Ctx) -> None:
    card = await service.store_card(ctx.uow, ctx.user.id, callback_data.order_id)
    await start_report(query, ctx, ComplaintTarget.STORE, card.store.id)


@routes.callback_query(StoreCb.filter(F.action == StoreAct.PRODUCTS))
async def products_screen(query: CallbackQuery, callback_data: StoreCb, ctx: Ctx) -> None:
    card = await service.store_card(ctx.uow, ctx.user.id, callback_data.order_id)
    await show(query, views.products_text(), products_kb(card))


@routes.callback_query(StoreProductCb.filter())
async def on_report_product(query: CallbackQuery, callback_data: StoreProductCb, ctx: Ctx) -> None:
    product_id = await service.order_product(
        ctx.uow, ctx.user.id, callback_data.order_id, callback_data.product_id
    )
    await start_report(query, ctx, ComplaintTarget.PRODUCT, product_id)
