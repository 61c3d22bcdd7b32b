"""Messages with the seller about an order: read them, write one (text or a photo), see the
conversation's photos. Every press is one service call and the conversation it returns."""

from __future__ import annotations

import logging

from aiogram import F
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import StateFilter
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from bot.handlers.filters import HasTextOrPhoto
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import ConversationCb, OrderAction, OrderCb
from bot.keyboards.orders.screens import conversation_kb, write_prompt_kb
from bot.middlewares.context import Ctx
from bot.services.messages import conversation as service
from bot.services.messages.conversation import Conversation
from bot.views.messages.conversation import conversation_text, message_sent_text, write_prompt_text
from bot.views.screen import delete_quietly, show

logger = logging.getLogger(__name__)
routes = Routes("messages", callbacks=(OrderCb, ConversationCb), account_only=True)


class WriteToSeller(StatesGroup):
    text = State()


async def render_conversation(
    event: Message | CallbackQuery,
    cb: OrderCb,
    conversation: Conversation,
    ctx: Ctx,
    page: int = 0,
) -> None:
    """A page of the conversation (0: the newest messages); `cb` says where Back leads."""
    paged = conversation_text(conversation, ctx.tz, page)
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
@routes.callback_query(ConversationCb.filter())
async def conversation_screen(
    query: CallbackQuery, callback_data: OrderCb | ConversationCb, ctx: Ctx
) -> None:
    """From the order card (which leaves whatever form was open), or a page of it."""
    if isinstance(callback_data, OrderCb):
        await ctx.state.clear()
        cb, page = callback_data, 0
    else:
        cb = OrderCb(
            action=OrderAction.MESSAGES,
            order_id=callback_data.order_id,
            tab=callback_data.tab,
            from_search=callback_data.from_search,
        )
        page = callback_data.page
    conversation = await service.open_conversation(ctx.uow, ctx.user.id, cb.order_id, ctx.now())
    await render_conversation(query, cb, conversation, ctx, page)


@routes.callback_query(OrderCb.filter(F.action == OrderAction.WRITE))
async def on_write(query: CallbackQuery, callback_data: OrderCb, ctx: Ctx) -> None:
    await service.check_can_write(ctx.uow, ctx.user.id, callback_data.order_id)
    await ctx.state.set_state(WriteToSeller.text)
    await ctx.state.update_data(order=callback_data.pack())
    await show(query, write_prompt_text(), write_prompt_kb(callback_data))


@routes.callback_query(OrderCb.filter(F.action == OrderAction.PHOTOS))
async def on_photos(query: CallbackQuery, callback_data: OrderCb, ctx: Ctx) -> None:
    """The conversation's photos, then the conversation again below them."""
    photos, conversation = await service.conversation_photos(
        ctx.uow, ctx.user.id, callback_data.order_id, ctx.now()
    )
    screen = await send_photos(query, photos)
    if screen is not None:
        cb = callback_data.model_copy(update={"action": OrderAction.MESSAGES})
        await render_conversation(screen, cb, conversation, ctx)


@routes.message(StateFilter(WriteToSeller.text), HasTextOrPhoto())
async def on_text(message: Message, ctx: Ctx) -> None:
    packed = (await ctx.state.get_data()).get("order")
    if not isinstance(packed, str):
        await ctx.state.clear()
        await message.answer(_("This form has expired. Open the order and try again."))
        return
    cb = OrderCb.unpack(packed)
    text = message.text or message.caption or ""
    conversation = await service.write_to_seller(
        ctx.uow, ctx.user.id, cb.order_id, text, ctx.now(), photo_of(message)
    )
    await ctx.state.clear()
    await message.answer(message_sent_text())
    await render_conversation(message, cb, conversation, ctx)


@routes.message(StateFilter(WriteToSeller.text))
async def on_not_text(message: Message) -> None:
    await message.answer(_("Please send the message as text or a photo."))
