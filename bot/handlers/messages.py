"""Messages with the seller about an order: read them, write one."""

from __future__ import annotations

from datetime import tzinfo

from aiogram import F
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from bot.clock import Clock
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.filters import HasText
from bot.handlers.routes import Routes
from bot.keyboards.orders import OrderAction, OrderCb, conversation_kb, write_prompt_kb
from bot.services import messages as service
from bot.views.messages import conversation_text, message_sent_text, write_prompt_text
from bot.views.screen import show

routes = Routes("messages", callbacks=(OrderCb,), account_only=True)


class WriteToSeller(StatesGroup):
    text = State()


async def show_conversation(
    event: Message | CallbackQuery,
    cb: OrderCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
) -> None:
    conversation = await service.open_conversation(uow, user.id, cb.order_id, clock.now())
    await show(event, conversation_text(conversation, tz), conversation_kb(cb))


@routes.callback_query(OrderCb.filter(F.action == OrderAction.MESSAGES))
async def on_messages(
    query: CallbackQuery,
    callback_data: OrderCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
    state: FSMContext,
) -> None:
    await state.clear()
    await show_conversation(query, callback_data, uow, user, clock, tz)


@routes.callback_query(OrderCb.filter(F.action == OrderAction.WRITE))
async def on_write(
    query: CallbackQuery, callback_data: OrderCb, uow: UnitOfWork, user: User, state: FSMContext
) -> None:
    await service.check_can_write(uow, user.id, callback_data.order_id)
    await state.set_state(WriteToSeller.text)
    await state.update_data(order=callback_data.pack())
    await show(query, write_prompt_text(), write_prompt_kb(callback_data))


@routes.message(StateFilter(WriteToSeller.text), HasText())
async def on_text(
    message: Message,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
    state: FSMContext,
) -> None:
    packed = (await state.get_data()).get("order")
    if not isinstance(packed, str):
        await state.clear()
        await message.answer(_("This form has expired. Open the order and try again."))
        return
    cb = OrderCb.unpack(packed)
    await service.send_to_seller(uow, user.id, cb.order_id, message.text or "", clock.now())
    await state.clear()
    await message.answer(message_sent_text())
    await show_conversation(message, cb, uow, user, clock, tz)


@routes.message(StateFilter(WriteToSeller.text))
async def on_not_text(message: Message) -> None:
    await message.answer(_("Please send the message as text."))
