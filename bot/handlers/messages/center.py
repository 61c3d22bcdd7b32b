"""The message center: conversations with sellers (their photos too), promotions and platform
notices, replying to a seller with text or a photo, and blocking and unblocking sellers."""

from __future__ import annotations

from datetime import tzinfo

from aiogram import F
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.clock import Clock
from bot.db.enums import NoticeFolder
from bot.db.models import User
from bot.db.uow import UnitOfWork
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
from bot.services.messages import center as service
from bot.services.messages import letters
from bot.services.paging import page_count
from bot.views.messages import center as views
from bot.views.messages import letters as letter_views
from bot.views.messages.conversation import message_sent_text
from bot.views.screen import show

routes = Routes(
    "message_center", callbacks=(McCb, StoreChatCb, NoticeCb, UnblockCb), account_only=True
)
PAGE_SIZE = 8
SCREEN_FOLDERS = {screen: folder for folder, screen in FOLDER_SCREENS.items()}


class ReplyToSeller(StatesGroup):
    text = State()


async def show_center(event: Message | CallbackQuery, uow: UnitOfWork, user: User) -> None:
    inbox = await service.inbox(uow, user.id)
    await show(event, views.center_text(inbox), center_kb(inbox))


async def show_store_chat(
    event: Message | CallbackQuery,
    store_id: int,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
    page: int = 0,
) -> None:
    chat = await service.open_store_conversation(uow, user.id, store_id, clock.now())
    paged = views.store_chat_text(chat, tz, page)
    await show(event, paged.text, store_chat_kb(chat, paged.page, paged.pages))


@routes.message(Command("messages"))
async def on_messages_command(
    message: Message, uow: UnitOfWork, user: User, state: FSMContext
) -> None:
    await state.clear()
    await show_center(message, uow, user)


@routes.callback_query(McCb.filter(F.screen == McScreen.HOME))
async def on_center(query: CallbackQuery, uow: UnitOfWork, user: User, state: FSMContext) -> None:
    await state.clear()
    await show_center(query, uow, user)


@routes.callback_query(McCb.filter(F.screen == McScreen.CHATS))
async def on_conversations(
    query: CallbackQuery, uow: UnitOfWork, user: User, tz: tzinfo, state: FSMContext
) -> None:
    await state.clear()
    found = await service.store_conversations(uow, user.id)
    await show(query, views.conversations_text(found, tz), conversations_kb(found))


@routes.callback_query(McCb.filter(F.screen == McScreen.ORDERS))
async def on_order_conversations(
    query: CallbackQuery,
    callback_data: McCb,
    uow: UnitOfWork,
    user: User,
    tz: tzinfo,
    state: FSMContext,
) -> None:
    await state.clear()
    page = max(callback_data.page, 0)
    listing = await service.order_conversations(uow, user.id, page * PAGE_SIZE, PAGE_SIZE)
    pages = page_count(listing.total, PAGE_SIZE)
    markup = order_conversations_kb(listing, page, pages)
    await show(query, views.order_conversations_text(listing, tz), markup)


@routes.callback_query(McCb.filter(F.screen == McScreen.DISPUTES))
async def on_dispute_letters(
    query: CallbackQuery,
    callback_data: McCb,
    uow: UnitOfWork,
    user: User,
    tz: tzinfo,
    state: FSMContext,
) -> None:
    await state.clear()
    page = max(callback_data.page, 0)
    listing = await letters.dispute_threads(uow, user.id, page * PAGE_SIZE, PAGE_SIZE)
    pages = page_count(listing.total, PAGE_SIZE)
    text = letter_views.dispute_threads_text(listing, page, pages, tz)
    await show(query, text, dispute_threads_kb(listing, page, pages))


@routes.callback_query(McCb.filter(F.screen == McScreen.REPLIES))
async def on_feedback_replies(
    query: CallbackQuery,
    callback_data: McCb,
    uow: UnitOfWork,
    user: User,
    tz: tzinfo,
    state: FSMContext,
) -> None:
    await state.clear()
    page = max(callback_data.page, 0)
    listing = await letters.feedback_replies(uow, user.id, page * PAGE_SIZE, PAGE_SIZE)
    pages = page_count(listing.total, PAGE_SIZE)
    text = letter_views.replies_text(listing, page, pages, tz)
    await show(query, text, replies_kb(listing, page, pages))


@routes.callback_query(McCb.filter(F.screen.in_(set(SCREEN_FOLDERS))))
async def on_folder(query: CallbackQuery, callback_data: McCb, uow: UnitOfWork, user: User) -> None:
    folder: NoticeFolder = SCREEN_FOLDERS[callback_data.screen]
    page = max(callback_data.page, 0)
    listing = await service.list_notices(uow, user.id, folder, page * PAGE_SIZE, PAGE_SIZE)
    pages = page_count(listing.total, PAGE_SIZE)
    markup = notices_kb(listing, callback_data.screen, page, pages)
    await show(query, views.notices_text(folder, listing), markup)


@routes.callback_query(NoticeCb.filter())
async def on_notice(
    query: CallbackQuery,
    callback_data: NoticeCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
) -> None:
    notice, store = await service.read_notice(uow, user.id, callback_data.notice_id, clock.now())
    await show(query, views.notice_text(notice, store, tz), notice_kb(notice, callback_data.page))


@routes.callback_query(StoreChatCb.filter(F.action == ChatAction.OPEN))
async def on_store_chat(
    query: CallbackQuery,
    callback_data: StoreChatCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
    state: FSMContext,
) -> None:
    await state.clear()
    await show_store_chat(query, callback_data.store_id, uow, user, clock, tz, callback_data.page)


@routes.callback_query(StoreChatCb.filter(F.action == ChatAction.REPLY))
async def on_reply(
    query: CallbackQuery,
    callback_data: StoreChatCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    state: FSMContext,
) -> None:
    chat = await service.open_store_conversation(uow, user.id, callback_data.store_id, clock.now())
    await state.set_state(ReplyToSeller.text)
    await state.update_data(store_id=chat.store.id)
    await show(query, views.reply_prompt_text(chat.store.name), reply_prompt_kb(chat.store.id))


@routes.callback_query(StoreChatCb.filter(F.action == ChatAction.PHOTOS))
async def on_photos(
    query: CallbackQuery,
    callback_data: StoreChatCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
) -> None:
    photos = await service.store_chat_photos(uow, user.id, callback_data.store_id)
    screen = await send_photos(query, photos)
    if screen is not None:
        await show_store_chat(screen, callback_data.store_id, uow, user, clock, tz)


@routes.message(StateFilter(ReplyToSeller.text), HasTextOrPhoto())
async def on_reply_text(
    message: Message,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
    tz: tzinfo,
    state: FSMContext,
) -> None:
    store_id = (await state.get_data()).get("store_id")
    if not isinstance(store_id, int):
        await state.clear()
        await message.answer(_("This form has expired. Open the conversation and try again."))
        return
    text = message.text or message.caption or ""
    await service.reply_to_store(uow, user.id, store_id, text, clock.now(), photo_of(message))
    await state.clear()
    await message.answer(message_sent_text())
    await show_store_chat(message, store_id, uow, user, clock, tz)


@routes.message(StateFilter(ReplyToSeller.text))
async def on_reply_not_text(message: Message) -> None:
    await message.answer(_("Please send the reply as text or a photo."))


@routes.callback_query(StoreChatCb.filter(F.action == ChatAction.REPORT_LIST))
async def on_report_list(
    query: CallbackQuery, callback_data: StoreChatCb, uow: UnitOfWork, user: User, tz: tzinfo
) -> None:
    store, found = await service.reportable_messages(uow, user.id, callback_data.store_id)
    markup = report_messages_kb(store.id, found, tz)
    await show(query, views.report_messages_text(store, found), markup)


@routes.callback_query(StoreChatCb.filter(F.action == ChatAction.BLOCK_ASK))
async def on_block_ask(query: CallbackQuery, callback_data: StoreChatCb) -> None:
    await show(query, views.block_confirm_text(), block_confirm_kb(callback_data.store_id))


@routes.callback_query(StoreChatCb.filter(F.action == ChatAction.BLOCK))
async def on_block(
    query: CallbackQuery,
    callback_data: StoreChatCb,
    uow: UnitOfWork,
    user: User,
    clock: Clock,
) -> None:
    store = await service.block_store(uow, user.id, callback_data.store_id, clock.now())
    await show(query, views.blocked_text(store), center_only_kb())


@routes.callback_query(McCb.filter(F.screen == McScreen.BLOCKED))
async def on_blocked(query: CallbackQuery, uow: UnitOfWork, user: User, tz: tzinfo) -> None:
    stores = await service.blocked_stores(uow, user.id)
    await show(query, views.blocked_list_text(stores, tz), blocked_kb(stores))


@routes.callback_query(UnblockCb.filter())
async def on_unblock(
    query: CallbackQuery,
    callback_data: UnblockCb,
    uow: UnitOfWork,
    user: User,
    tz: tzinfo,
    callback_answer: CallbackAnswer,
) -> None:
    if await service.unblock_store(uow, user.id, callback_data.store_id):
        callback_answer.text = views.unblocked_text()
    stores = await service.blocked_stores(uow, user.id)
    await show(query, views.blocked_list_text(stores, tz), blocked_kb(stores))
