"""The store screen from an order card: its rating and the buyer's orders there, blocking
and unblocking the seller, and reporting the store or a product of that order."""

from __future__ import annotations

from aiogram import F
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.clock import Clock
from bot.db.enums import ComplaintTarget
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.complaints import start_report
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import StoreAct, StoreCb, StoreProductCb
from bot.keyboards.stores import block_confirm_kb, products_kb, store_card_kb
from bot.services import stores as service
from bot.services.stores import StoreCard
from bot.views import stores as views
from bot.views.screen import show

routes = Routes("stores", callbacks=(StoreCb, StoreProductCb), account_only=True)


async def _show_card(query: CallbackQuery, card: StoreCard) -> None:
    await show(query, views.store_card_text(card), store_card_kb(card))


@routes.callback_query(StoreCb.filter(F.action == StoreAct.OPEN))
async def on_open(
    query: CallbackQuery, callback_data: StoreCb, uow: UnitOfWork, user: User, state: FSMContext
) -> None:
    await state.clear()
    await _show_card(query, await service.store_card(uow, user.id, callback_data.order_id))


@routes.callback_query(StoreCb.filter(F.action == StoreAct.BLOCK_ASK))
async def on_block_ask(
    query: CallbackQuery, callback_data: StoreCb, uow: UnitOfWork, user: User
) -> None:
    card = await service.store_card(uow, user.id, callback_data.order_id)
    await show(query, views.block_confirm_text(card.store), block_confirm_kb(card.order.id))


@routes.callback_query(StoreCb.filter(F.action == StoreAct.BLOCK))
async def on_block(
    query: CallbackQuery,
    callback_data: StoreCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    card = await service.block_seller(uow, user.id, callback_data.order_id, clock.now())
    callback_answer.text = views.blocked_text()
    await _show_card(query, card)


@routes.callback_query(StoreCb.filter(F.action == StoreAct.UNBLOCK))
async def on_unblock(
    query: CallbackQuery,
    callback_data: StoreCb,
    uow: UnitOfWork,
    user: User,
    callback_answer: CallbackAnswer,
) -> None:
    card = await service.unblock_seller(uow, user.id, callback_data.order_id)
    callback_answer.text = views.unblocked_text()
    await _show_card(query, card)


@routes.callback_query(StoreCb.filter(F.action == StoreAct.REPORT))
async def on_report_store(
    query: CallbackQuery, callback_data: StoreCb, uow: UnitOfWork, user: User, state: FSMContext
) -> None:
    card = await service.store_card(uow, user.id, callback_data.order_id)
    await start_report(query, uow, user, state, ComplaintTarget.STORE, card.store.id)


@routes.callback_query(StoreCb.filter(F.action == StoreAct.PRODUCTS))
async def on_products(
    query: CallbackQuery, callback_data: StoreCb, uow: UnitOfWork, user: User
) -> None:
    card = await service.store_card(uow, user.id, callback_data.order_id)
    await show(query, views.products_text(), products_kb(card))


@routes.callback_query(StoreProductCb.filter())
async def on_report_product(
    query: CallbackQuery,
    callback_data: StoreProductCb,
    uow: UnitOfWork,
    user: User,
    state: FSMContext,
) -> None:
    product_id = await service.order_product(
        uow, user.id, callback_data.order_id, callback_data.product_id
    )
    await start_report(query, uow, user, state, ComplaintTarget.PRODUCT, product_id)
