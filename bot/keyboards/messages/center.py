"""The message center: keyboards for its folders, a seller's
conversation, notices and the blocked sellers."""

from __future__ import annotations

from datetime import datetime, tzinfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.db.enums import ComplaintTarget, NoticeFolder
from bot.db.models import OrderMessage, Store
from bot.keyboards.callbacks import (
    ChatAction,
    ComplaintListCb,
    DisputeAct,
    DisputeCb,
    FeedbackAction,
    FeedbackCb,
    McCb,
    McScreen,
    NoticeCb,
    OrderAction,
    OrderCb,
    ReportCb,
    StoreChatCb,
    UnblockCb,
)
from bot.keyboards.nav import button, home_button, page_buttons
from bot.keyboards.orders.screens import photos_button
from bot.services.messages.center import (
    Inbox,
    NoticeList,
    NoticeScreen,
    OrderConversationList,
    StoreChat,
    StoreConversation,
)
from bot.services.messages.letters import ReplyList, ThreadList
from bot.views import format as fmt
from bot.views.messages.center import (
    conversation_button_text,
    notice_button_text,
    order_conversation_button_text,
    report_message_button_text,
)
from bot.views.messages.letters import reply_button_text, thread_button_text

FOLDER_SCREENS = {
    NoticeFolder.PROMOTION: McScreen.PROMOTIONS,
    NoticeFolder.PLATFORM: McScreen.PLATFORM,
}


def center_button() -> InlineKeyboardButton:
    return button(_("✉️ Message center"), McCb(screen=McScreen.HOME))


def _count(text: str, count: int) -> str:
    return f"{text} ({fmt.number(count)})" if count else text


def center_kb(inbox: Inbox) -> InlineKeyboardMarkup:
    rows = [
        [button(_count(_("💬 Sellers"), inbox.conversations), McCb(screen=McScreen.CHATS))],
        [
            button(
                _count(_("🏷 Promotions"), inbox.folders[NoticeFolder.PROMOTION]),
                McCb(screen=McScreen.PROMOTIONS),
            ),
            button(
                _count(_("📢 Notices"), inbox.folders[NoticeFolder.PLATFORM]),
                McCb(screen=McScreen.PLATFORM),
            ),
        ],
        [
            button(_count(_("⚖️ Disputes"), inbox.letters.disputes), McCb(screen=McScreen.DISPUTES)),
            button(
                _count(_("⭐ Feedback replies"), inbox.letters.replies),
                McCb(screen=McScreen.REPLIES),
            ),
        ],
        [
            button(_("🚫 Blocked sellers"), McCb(screen=McScreen.BLOCKED)),
            button(_("🚩 My complaints"), ComplaintListCb()),
        ],
        [home_button()],
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _back_row() -> list[InlineKeyboardButton]:
    return [button(_("⬅️ Back"), McCb(screen=McScreen.HOME)), home_button()]


def conversations_kb(found: list[tuple[StoreConversation, Store]]) -> InlineKeyboardMarkup:
    rows = [
        [
            button(
                conversation_button_text(store, conversation.unread),
                StoreChatCb(action=ChatAction.OPEN, store_id=store.id),
            )
        ]
        for conversation, store in found
    ]
    rows.append([button(_("📦 By order"), McCb(screen=McScreen.ORDERS))])
    rows.append(_back_row())
    return InlineKeyboardMarkup(inline_keyboard=rows)


def order_conversations_kb(listing: OrderConversationList) -> InlineKeyboardMarkup:
    page = listing.page
    rows = [
        [
            button(
                order_conversation_button_text(conversation),
                OrderCb(action=OrderAction.MESSAGES, order_id=conversation.order.id),
            )
        ]
        for conversation, _store in page.items
    ]
    rows.append(
        page_buttons(page.number, page.pages, lambda p: McCb(screen=McScreen.ORDERS, page=p))
    )
    rows.append([button(_("🏪 By seller"), McCb(screen=McScreen.CHATS))])
    rows.append(_back_row())
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def dispute_threads_kb(listing: ThreadList) -> InlineKeyboardMarkup:
    """Each dispute with letters opens the dispute (which reads them)."""
    page = listing.page
    rows = [
        [
            button(
                thread_button_text(thread),
                DisputeCb(action=DisputeAct.OPEN, dispute_id=thread.dispute.id),
            )
        ]
        for thread in page.items
    ]
    rows.append(
        page_buttons(page.number, page.pages, lambda p: McCb(screen=McScreen.DISPUTES, page=p))
    )
    rows.append(_back_row())
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def replies_kb(listing: ReplyList) -> InlineKeyboardMarkup:
    """Each reply opens the buyer's feedback with it (which reads it)."""
    page = listing.page
    rows = [
        [
            button(
                reply_button_text(feedback, order),
                FeedbackCb(action=FeedbackAction.OPEN, order_id=order.id),
            )
        ]
        for feedback, order in page.items
    ]
    rows.append(
        page_buttons(page.number, page.pages, lambda p: McCb(screen=McScreen.REPLIES, page=p))
    )
    rows.append(_back_row())
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def report_messages_kb(
    store_id: int, found: list[OrderMessage], tz: tzinfo
) -> InlineKeyboardMarkup:
    rows = [
        [
            button(
                report_message_button_text(message, tz),
                ReportCb(target=ComplaintTarget.MESSAGE, target_id=message.id),
            )
        ]
        for message in found
    ]
    back = StoreChatCb(action=ChatAction.OPEN, store_id=store_id)
    rows.append([button(_("⬅️ Back"), back), home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def store_chat_kb(chat: StoreChat, page: int = 0, pages: int = 1) -> InlineKeyboardMarkup:
    store_id = chat.store.id
    older, newer = (
        StoreChatCb(action=ChatAction.OPEN, store_id=store_id, page=number)
        for number in (page + 1, page - 1)
    )
    rows = [
        [button(_("✍️ Reply"), StoreChatCb(action=ChatAction.REPLY, store_id=store_id))],
        [
            *([button(_("⬅️ Older messages"), older)] if page < pages - 1 else []),
            *([button(_("Newer messages ➡️"), newer)] if page > 0 else []),
        ],
        [photos_button(StoreChatCb(action=ChatAction.PHOTOS, store_id=store_id))]
        if chat.photos
        else [],
        [
            button(
                _("✉️ Order №{number}").format(number=order.number),
                OrderCb(action=OrderAction.MESSAGES, order_id=order.id),
            )
            for order in chat.orders[:2]
        ],
        [
            button(
                _("🚫 Block this seller"),
                StoreChatCb(action=ChatAction.BLOCK_ASK, store_id=store_id),
            ),
            button(_("🚩 Report"), ReportCb(target=ComplaintTarget.STORE, target_id=store_id)),
        ],
    ]
    if chat.can_report_message:
        report = StoreChatCb(action=ChatAction.REPORT_LIST, store_id=store_id)
        rows.append([button(_("🚩 Report a message"), report)])
    rows.append([button(_("⬅️ Back"), McCb(screen=McScreen.CHATS)), home_button()])
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def block_confirm_kb(store_id: int) -> InlineKeyboardMarkup:
    rows = [
        [
            button(_("🚫 Yes, block"), StoreChatCb(action=ChatAction.BLOCK, store_id=store_id)),
            button(_("No"), McCb(screen=McScreen.HOME)),
        ]
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def reply_prompt_kb(store_id: int) -> InlineKeyboardMarkup:
    back = StoreChatCb(action=ChatAction.OPEN, store_id=store_id)
    return InlineKeyboardMarkup(inline_keyboard=[[button(_("⬅️ Back"), back)]])


def notices_kb(listing: NoticeList) -> InlineKeyboardMarkup:
    page, screen = listing.page, FOLDER_SCREENS[listing.folder]
    rows = [
        [button(notice_button_text(notice), NoticeCb(notice_id=notice.id, page=page.number))]
        for notice in page.items
    ]
    rows.append(page_buttons(page.number, page.pages, lambda p: McCb(screen=screen, page=p)))
    rows.append(_back_row())
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def notice_kb(screen: NoticeScreen, page: int) -> InlineKeyboardMarkup:
    """`page`: the folder's page Back leads to."""
    notice = screen.notice
    rows = []
    if notice.store_id is not None:
        report = ReportCb(target=ComplaintTarget.STORE, target_id=notice.store_id)
        rows.append(
            [
                button(_("🚩 Report"), report),
                button(
                    _("🚫 Block this seller"),
                    StoreChatCb(action=ChatAction.BLOCK_ASK, store_id=notice.store_id),
                ),
            ]
        )
    back = McCb(screen=FOLDER_SCREENS[notice.folder], page=page)
    rows.append([button(_("⬅️ Back"), back), home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def blocked_kb(stores: list[tuple[Store, datetime]]) -> InlineKeyboardMarkup:
    rows = [
        [button(_("✅ Unblock {store}").format(store=store.name), UnblockCb(store_id=store.id))]
        for store, _when in stores
    ]
    rows.append(_back_row())
    return InlineKeyboardMarkup(inline_keyboard=rows)


def center_only_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[center_button(), home_button()]])
