"""The message center: conversations with sellers (their photos too), promotions and platform
notices, replying to a seller with text or a photo, and blocking and unblocking sellers.

Each screen is one handler: parse the button (or command), ask the service for the screen's
read model, render it. A move (a reply, an unblock) is the service call, a word, and the
screen the service returns.
"""

from __future__ import annotations

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.db.enums import NoticeFolder
from bot.handlers.filters import HasTextOrPhoto
from bot.handlers.messages.conversation import photo_of, send_photos
from bot.handlers.routes import Routes
from bot.keyboards.callbacks import ChatAction, McCb, McScreen, NoticeCb, StoreChatCb, UnblockCb
from bot.keyboards.messages.center import (
    FOLDER_SCREENS,
    block_confirm_kb,
    blocked_kb,
    center_kb,
    center_only_kb,
    conversations_kb,
    dispute_threads_kb,
    notice_kb,
    notices_kb,
    order_conversations_kb,
    replies_kb,
    reply_prompt_kb,
    report_messages_kb,
    store_chat_kb,
)
from bot.middlewares.context import Ctx
from bot.services.messages import center as service
from bot.services.messages import letters
from bot.services.messages.center import StoreChat
from bot.views.messages import center as views
from bot.views.messages import letters as letter_views
from bot.views.messages.conversation import message_sent_text
from bot.views.screen import show

routes = Routes(
    "message_center", callbacks=(McCb, StoreChatCb, NoticeCb, UnblockCb), account_only=True
)
SCREEN_FOLDERS = {screen: folder for folder, screen in FOLDER_SCREENS.items()}


class ReplyToSeller(StatesGroup):
    text = State()


async def render_store_chat(
    event: Message | CallbackQuery, chat: StoreChat, ctx: Ctx, page: int = 0
) -> None:
    """A page of a seller's conversation (0: the newest messages)."""
    paged = views.store_chat_text(chat, ctx.tz, page)
    await show(event, paged.text, store_chat_kb(chat, paged.page, paged.pages))


@routes.message(Command("messages"))
@routes.callback_query(McCb.filter(F.screen == McScreen.HOME))
async def center_screen(event: Message | CallbackQuery, ctx: Ctx) -> None:
    """The message center, from /messages or its button; whatever form was open is left."""
    await ctx.state.clear()
    inbox = await service.inbox(ctx.uow, ctx.user.id)
    await show(event, views.center_text(inbox), center_kb(inbox))


@routes.callback_query(McCb.filter(F.screen == McScreen.CHATS))
async def conversations_screen(query: CallbackQuery, ctx: Ctx) -> None:
    await ctx.state.clear()
    found = await service.store_conversations(ctx.uow, ctx.user.id)
    await show(query, views.conversations_text(found, ctx.tz), conversations_kb(found))


@routes.callback_query(McCb.filter(F.screen == McScreen.ORDERS))
async def order_conversations_screen(query: CallbackQuery, callback_data: McCb, ctx: Ctx) -> None:
    await ctx.state.clear()
    size = ctx.rules.messages_page_size
    listing = await service.order_conversations(ctx.uow, ctx.user.id, callback_data.page, size)
    text = views.order_conversations_text(listing, ctx.tz)
    await show(query, text, order_conversations_kb(listing))


@routes.callback_query(McCb.filter(F.screen == McScreen.DISPUTES))
async def dispute_letters_screen(query: CallbackQuery, callback_data: McCb, ctx: Ctx) -> None:
    await ctx.state.clear()
    size = ctx.rules.messages_page_size
    listing = await letters.dispute_threads(ctx.uow, ctx.user.id, callback_data.page, size)
    text = letter_views.dispute_threads_text(listing, ctx.tz)
    await show(query, text, dispute_threads_kb(listing))


@routes.callback_query(McCb.filter(F.screen == McScreen.REPLIES))
async def feedback_replies_screen(query: CallbackQuery, callback_data: McCb, ctx: Ctx) -> None:
    await ctx.state.clear()
    size = ctx.rules.messages_page_size
    listing = await letters.feedback_replies(ctx.uow, ctx.user.id, callback_data.page, size)
    await show(query, letter_views.replies_text(listing, ctx.tz), replies_kb(listing))


@routes.callback_query(McCb.filter(F.screen.in_(set(SCREEN_FOLDERS))))
async def folder_screen(query: CallbackQuery, callback_data: McCb, ctx: Ctx) -> None:
    """Promotions or marketplace notices."""
    folder: NoticeFolder = SCREEN_FOLDERS[callback_data.screen]
    size = ctx.rules.messages_page_size
    listing = await service.list_notices(ctx.uow, ctx.user.id, folder, callback_data.page, size)
    await show(query, views.notices_text(listing), notices_kb(listing))


@routes.callback_query(NoticeCb.filter())
async def notice_screen(query: CallbackQuery, callback_data: NoticeCb, ctx: Ctx) -> None:
    screen = await service.read_notice(ctx.uow, ctx.user.id, callback_data.notice_id, ctx.now())
    await show(query, views.notice_text(screen, ctx.tz), notice_kb(screen, callback_data.page))


@routes.callback_query(StoreChatCb.filter(F.action == ChatAction.OPEN))
async def store_chat_screen(query: CallbackQuery, callback_data: StoreChatCb, ctx: Ctx) -> None:
    await ctx.state.clear()
    chat = await service.open_store_conversation(
        ctx.uow, ctx.user.id, callback_data.store_id, ctx.now()
    )
    await render_store_chat(query, chat, ctx, callback_data.page)


@routes.callback_query(StoreChatCb.filter(F.action == ChatAction.REPLY))
async def on_reply(query: CallbackQuery, callback_data: StoreChatCb, ctx: Ctx) -> None:
    chat = await service.open_store_conversation(
        ctx.uow, ctx.user.id, callback_data.store_id, ctx.now()
    )
    await ctx.state.set_state(ReplyToSeller.text)
    await ctx.state.update_data(store_id=chat.store.id)
    await show(query, views.reply_prompt_text(chat.store.name), reply_prompt_kb(chat.store.id))


@routes.callback_query(StoreChatCb.filter(F.action == ChatAction.PHOTOS))
async def on_photos(query: CallbackQuery, callback_data: StoreChatCb, ctx: Ctx) -> None:
    """The conversation's photos, then the conversation again below them."""
    photos, chat = await service.store_chat_photos(
        ctx.uow, ctx.user.id, callback_data.store_id, ctx.now()
    )
    screen = await send_photos(query, photos)
    if screen is not None:
        await render_store_chat(screen, chat, ctx)


@routes.message(StateFilter(ReplyToSeller.text), HasTextOrPhoto())
async def on_reply_text(message: Message, ctx: Ctx) -> None:
    store_id = (await ctx.state.get_data()).get("store_id")
    if not isinstance(store_id, int):
        await ctx.state.clear()
        await message.answer(_("This form has expired. Open the conversation and try again."))
        return
    text = message.text or message.caption or ""
    chat = await service.reply_to_store(
        ctx.uow, ctx.user.id, store_id, text, ctx.now(), photo_of(message)
    )
    await ctx.state.clear()
    await message.answer(message_sent_text())
    await render_store_chat(message, chat, ctx)


@routes.message(StateFilter(ReplyToSeller.text))
async def on_reply_not_text(message: Message) -> None:
    await message.answer(_("Please send the reply as text or a photo."))


@routes.callback_query(StoreChatCb.filter(F.action == ChatAction.REPORT_LIST))
async def report_messages_screen(
    query: CallbackQuery, callback_data: StoreChatCb, ctx: Ctx
) -> None:
    store, found = await service.reportable_messages(ctx.uow, ctx.user.id, callback_data.store_id)
    markup = report_messages_kb(store.id, found, ctx.tz)
    await show(query, views.report_messages_text(store, found), markup)


@routes.callback_query(StoreChatCb.filter(F.action == ChatAction.BLOCK_ASK))
async def block_confirm_screen(query: CallbackQuery, callback_data: StoreChatCb) -> None:
    await show(query, views.block_confirm_text(), block_confirm_kb(callback_data.store_id))


@routes.callback_query(StoreChatCb.filter(F.action == ChatAction.BLOCK))
async def on_block(query: CallbackQuery, callback_data: StoreChatCb, ctx: Ctx) -> None:
    store = await service.block_store(ctx.uow, ctx.user.id, callback_data.store_id, ctx.now())
    await show(query, views.blocked_text(store), center_only_kb())


@routes.callback_query(McCb.filter(F.screen == McScreen.BLOCKED))
async def blocked_screen(query: CallbackQuery, ctx: Ctx) -> None:
    stores = await service.blocked_stores(ctx.uow, ctx.user.id)
    await show(query, views.blocked_list_text(stores, ctx.tz), blocked_kb(stores))


@routes.callback_query(UnblockCb.filter())
async def on_unblock(
    query: CallbackQuery, callback_data: UnblockCb, ctx: Ctx, callback_answer: CallbackAnswer
) -> None:
    unblocked = await service.unblock_from_list(ctx.uow, ctx.user.id, callback_data.store_id)
    if unblocked.was_blocked:
        callback_answer.text = views.unblocked_text()
    stores = unblocked.stores
    await show(query, views.blocked_list_text(stores, ctx.tz), blocked_kb(stores))
