"""Shipping addresses: the list, the card, the default address and deleting one.

Adding and editing are the form in `form.py` and `steps.py`.
"""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.clock import Clock
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.routes import Routes
from bot.keyboards.addresses.screens import address_card_kb, addresses_list_kb, delete_question_kb
from bot.keyboards.callbacks import AddressAction, AddressCb, AddressListAction, AddressListCb
from bot.services.addresses import book as service
from bot.views.addresses.screens import (
    address_card_text,
    address_deleted_text,
    addresses_list_text,
    default_set_text,
    delete_question_text,
)
from bot.views.screen import show

routes = Routes("addresses", callbacks=(AddressListCb, AddressCb), account_only=True)


async def show_addresses(event: Message | CallbackQuery, uow: UnitOfWork, user: User) -> None:
    book = await service.list_addresses(uow, user.id)
    await show(event, addresses_list_text(book), addresses_list_kb(book))


async def show_address(
    event: Message | CallbackQuery, uow: UnitOfWork, user: User, address_id: int
) -> None:
    address = await service.get_address(uow, user.id, address_id)
    await show(event, address_card_text(address), address_card_kb(address))


@routes.message(Command("addresses"))
async def on_addresses_command(
    message: Message, uow: UnitOfWork, user: User, state: FSMContext
) -> None:
    await state.clear()
    await show_addresses(message, uow, user)


@routes.callback_query(AddressListCb.filter(F.action == AddressListAction.SHOW))
async def on_addresses(
    query: CallbackQuery, uow: UnitOfWork, user: User, state: FSMContext
) -> None:
    await state.clear()
    await show_addresses(query, uow, user)


@routes.callback_query(AddressCb.filter(F.action == AddressAction.OPEN))
async def on_open(
    query: CallbackQuery, callback_data: AddressCb, uow: UnitOfWork, user: User
) -> None:
    await show_address(query, uow, user, callback_data.address_id)


@routes.callback_query(AddressCb.filter(F.action == AddressAction.SET_DEFAULT))
async def on_set_default(
    query: CallbackQuery,
    callback_data: AddressCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    address = await service.set_default_address(uow, user.id, callback_data.address_id, clock.now())
    callback_answer.text = default_set_text()
    await show(query, address_card_text(address), address_card_kb(address))


@routes.callback_query(AddressCb.filter(F.action == AddressAction.DELETE_ASK))
async def on_delete_ask(
    query: CallbackQuery, callback_data: AddressCb, uow: UnitOfWork, user: User
) -> None:
    address = await service.get_address(uow, user.id, callback_data.address_id)
    await show(query, delete_question_text(address), delete_question_kb(address))


@routes.callback_query(AddressCb.filter(F.action == AddressAction.DELETE))
async def on_delete(
    query: CallbackQuery,
    callback_data: AddressCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    new_default = await service.delete_address(uow, user.id, callback_data.address_id, clock.now())
    callback_answer.text = address_deleted_text(new_default)
    await show_addresses(query, uow, user)
