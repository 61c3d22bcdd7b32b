"""Shipping addresses: the list, the card, the default address and deleting one.

Adding and editing are the form in `form.py` and `steps.py`.
"""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.db.models import Address
from bot.handlers.routes import Routes
from bot.keyboards.addresses.screens import address_card_kb, addresses_list_kb, delete_question_kb
from bot.keyboards.callbacks import AddressAction, AddressCb, AddressListAction, AddressListCb
from bot.middlewares.context import Ctx
from bot.services.addresses import book as service
from bot.services.addresses.book import AddressBook
from bot.views.addresses.screens import (
    address_card_text,
    address_deleted_text,
    addresses_list_text,
    default_set_text,
    delete_question_text,
)
from bot.views.screen import show

routes = Routes("addresses", callbacks=(AddressListCb, AddressCb), account_only=True)


async def render_addresses(event: Message | CallbackQuery, book: AddressBook) -> None:
    await show(event, addresses_list_text(book), addresses_list_kb(book))


async def render_address(event: Message | CallbackQuery, address: Address) -> None:
    await show(event, address_card_text(address), address_card_kb(address))


async def show_addresses(event: Message | CallbackQuery, ctx: Ctx) -> None:
    """The list (also where the form leads back to)."""
    await render_addresses(event, await service.list_addresses(ctx.uow, ctx.user.id))


async def show_address(event: Message | CallbackQuery, ctx: Ctx, address_id: int) -> None:
    """The card of `address_id` (also where the form leads back to)."""
    await render_address(event, await service.get_address(ctx.uow, ctx.user.id, address_id))


@routes.message(Command("addresses"))
@routes.callback_query(AddressListCb.filter(F.action == AddressListAction.SHOW))
async def addresses_screen(event: Message | CallbackQuery, ctx: Ctx) -> None:
    """The list, from /addresses or a button; whatever form was open is left."""
    await ctx.state.clear()
    await show_addresses(event, ctx)


@routes.callback_query(AddressCb.filter(F.action == AddressAction.OPEN))
async def address_screen(query: CallbackQuery, callback_data: AddressCb, ctx: Ctx) -> None:
    await show_address(query, ctx, callback_data.address_id)


@routes.callback_query(AddressCb.filter(F.action == AddressAction.SET_DEFAULT))
async def on_set_default(
    query: CallbackQuery, callback_data: AddressCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    address = await service.set_default_address(
        ctx.uow, ctx.user.id, callback_data.address_id, ctx.now()
    )
    callback_answer.text = default_set_text()
    await render_address(query, address)


@routes.callback_query(AddressCb.filter(F.action == AddressAction.DELETE_ASK))
async def delete_question_screen(query: CallbackQuery, callback_data: AddressCb, ctx: Ctx) -> None:
    address = await service.get_address(ctx.uow, ctx.user.id, callback_data.address_id)
    await show(query, delete_question_text(address), delete_question_kb(address))


@routes.callback_query(AddressCb.filter(F.action == AddressAction.DELETE))
async def on_delete(
    query: CallbackQuery, callback_data: AddressCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    deleted = await service.delete_address(
        ctx.uow, ctx.user.id, callback_data.address_id, ctx.now()
    )
    callback_answer.text = address_deleted_text(deleted.new_default)
    await render_addresses(query, deleted.book)
