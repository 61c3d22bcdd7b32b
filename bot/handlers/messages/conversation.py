"""Messages with the seller about an order: read them, write one (text or a photo), see the
conversation's photos."""

from __future__ import annotations

import logging
from datetime import tzinfo

from aiogram import F
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from bot.clock import Clock
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.handlers.filters import HasTextOrPhoto
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import ConversationCb, OrderAction, OrderCb
from bot.keyboards.orders.screens import conversation_kb, write_prompt_kb
from bot.services.messages import conversation as service
from bot.views.messages.conversation import conversation_text, message_sent_text, write_prompt_text
from bot.views.screen import delete_quietly, show

logger = logging.getLogger(__name__)
routes = Routes("messages", callbacks=(OrderCb, ConversationCb), account_only=True)


class WriteToSeller(StatesGroup):
    text = State()


async def show_conversation(
    event: Message | CallbackQuery,
    cb: OrderCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
    page: int = 0,
) -> None:
    conversation = await service.open_conversation(uow, user.id, cb.order_id, clock.now())
    paged = conversation_text(conversation, tz, page)
    markup = conversation_kb(cb, bool(conversation.photos), paged.page, paged.pages)
    await show(event, paged.text, markup)


def photo_of(message: Message) -> str | None:
    """The file id of the largest size of the message's photo, if it has one."""
    if not message.photo:
        return None
    return max(message.photo, key=lambda size: size.width * size.height).file_id


async def send_photos(query: CallbackQuery, file_ids: list[str]) -> Message | None:
    """The photos, one message each, under the screen; returns the screen, which the caller
    sends again below them, or None when it is gone."""
    if query.bot is None:
        return None
    for file_id in file_ids:
        try:
            await query.bot.send_photo(query.from_user.id, file_id)
        except TelegramBadRequest as error:
            # A file id is valid for one bot only (a new token, a restored backup).
            logger.warning("conversation photo not shown: %s", error.message)
    screen = query.message
    if not isinstance(screen, Message):
        return None
    await delete_quietly(screen)
    return screen


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


@routes.callback_query(ConversationCb.filter())
async def on_conversation_page(
    query: CallbackQuery,
    callback_data: ConversationCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
) -> None:
    cb = OrderCb(
        action=OrderAction.MESSAGES,
        order_id=callback_data.order_id,
        tab=callback_data.tab,
        from_search=callback_data.from_search,
    )
    await show_conversation(query, cb, uow, user, clock, tz, callback_data.page)


@routes.callback_query(OrderCb.filter(F.action == OrderAction.WRITE))
async def on_write(
    query: CallbackQuery, callback_data: OrderCb, uow: UnitOfWork, user: User, state: FSMContext
) -> None:
    await service.check_can_write(uow, user.id, callback_data.order_id)
    await state.set_state(WriteToSeller.text)
    await state.update_data(order=callback_data.pack())
    await show(query, write_prompt_text(), write_prompt_kb(callback_data))


@routes.callback_query(OrderCb.filter(F.action == OrderAction.PHOTOS))
async def on_photos(
    query: CallbackQuery,
    callback_data: OrderCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
) -> None:
    photos = await service.conversation_photos(uow, user.id, callback_data.order_id)
    screen = await send_photos(query, photos)
    if screen is not None:
        cb = callback_data.model_copy(update={"action": OrderAction.MESSAGES})
        await show_conversation(screen, cb, uow, user, clock, tz)


@routes.message(StateFilter(WriteToSeller.text), HasTextOrPhoto())
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
    text = message.text or message.caption or ""
    await service.send_to_seller(uow, user.id, cb.order_id, text, clock.now(), photo_of(message))
    await state.clear()
    await message.answer(message_sent_text())
    await show_conversation(message, cb, uow, user, clock, tz)


@routes.message(StateFilter(WriteToSeller.text))
async def on_not_text(message: Message) -> None:
    await message.answer(_("Please send the message as text or a photo."))
