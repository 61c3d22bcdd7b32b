"""Texts of the message center: its folders, a seller's conversation, notices, the blacklist."""

from __future__ import annotations

from datetime import datetime, tzinfo

from aiogram.utils.i18n import gettext as _

from bot.db.enums import NoticeFolder
from bot.db.models import Notice, OrderMessage, Store
from bot.services.messages.center import (
    Inbox,
    NoticeList,
    NoticeScreen,
    OrderConversation,
    OrderConversationList,
    StoreChat,
    StoreConversation,
)
from bot.services.messages.conversation import MAX_MESSAGE_LENGTH
from bot.views import format as fmt
from bot.views.fit import clip
from bot.views.messages.conversation import Paged, message_body, message_entries, paged_text

NOTICE_LIMIT = 3500  # the API accepts 4,000; the title and store need the rest of 4,096


def center_text(inbox: Inbox) -> str:
    if not inbox.total:
        return _("✉️ <b>Message center</b>\n\nNothing unread.")
    return _("✉️ <b>Message center</b>\n\nUnread: {count}").format(count=fmt.number(inbox.total))


def conversation_button_text(store: Store, unread: int) -> str:
    mark = f"🔵 {fmt.number(unread)} · " if unread else ""
    return f"{mark}{fmt.short(store.name, 40)}"


def conversations_text(found: list[tuple[StoreConversation, Store]], tz: tzinfo) -> str:
    header = _("💬 <b>Conversations with sellers</b>")
    if not found:
        return header + "\n\n" + _("No conversations yet.")
    lines = [header]
    for conversation, store in found:
        lines.append(
            f"\n<b>{fmt.quote(store.name)}</b> · {fmt.day_time(conversation.latest.sent_at, tz)}"
            f"\n{message_body(conversation.latest, 80)}"
        )
    return "\n".join(lines)


def order_conversation_button_text(conversation: OrderConversation) -> str:
    mark = f"🔵 {fmt.number(conversation.unread)} · " if conversation.unread else ""
    order = conversation.order
    return f"{mark}№{order.number} · {fmt.short(order.headline, 24)}"


def order_conversations_text(listing: OrderConversationList, tz: tzinfo) -> str:
    header = _("📦 <b>Conversations by order</b>")
    if not listing.page.items:
        return header + "\n\n" + _("No conversations yet.")
    lines = [header]
    for conversation, store in listing.page.items:
        order = conversation.order
        title = _("Order №{number}").format(number=fmt.quote(order.number))
        lines.append(
            f"\n<b>{title}</b> · {fmt.quote(store.name)}"
            f"\n{fmt.quote(fmt.short(order.headline, 60))}"
            f" · {fmt.day_time(conversation.latest.sent_at, tz)}"
        )
    return "\n".join(lines)


def report_messages_text(store: Store, found: list[OrderMessage]) -> str:
    header = _("🚩 <b>Report a message from {store}</b>").format(store=fmt.quote(store.name))
    if not found:
        return header + "\n\n" + _("The seller has not written to you.")
    return header + "\n\n" + _("Which message is wrong?")


def report_message_button_text(message: OrderMessage, tz: tzinfo) -> str:
    """The time and a short snippet; a button is plain text, so nothing is quoted."""
    snippet = fmt.short(message.text, 30)
    if message.photo_file_id is not None:
        snippet = f"📷 {snippet}" if snippet else "📷"
    return f"{fmt.day_time(message.sent_at, tz)} · {snippet}"


def store_chat_text(chat: StoreChat, tz: tzinfo, page: int = 0) -> Paged:
    """A page of the seller's conversation, newest page first."""
    header = _("💬 <b>{store}</b>").format(store=fmt.quote(chat.store.name))
    return paged_text(header, message_entries(chat.messages, tz), page)


def reply_prompt_text(store: str) -> str:
    return _("✍️ Type your reply to {store} (up to {count} characters).").format(
        store=fmt.quote(store), count=fmt.number(MAX_MESSAGE_LENGTH)
    )


def block_confirm_text() -> str:
    return _(
        "🚫 Block this seller? Their messages and promotions will be hidden and the bot will "
        "not tell you about them. You can unblock them in “Blocked sellers”."
    )


def blocked_text(store: Store) -> str:
    return _("🚫 {store} is blocked.").format(store=fmt.quote(store.name))


def blocked_list_text(stores: list[tuple[Store, datetime]], tz: tzinfo) -> str:
    header = _("🚫 <b>Blocked sellers</b>")
    if not stores:
        return header + "\n\n" + _("You have not blocked any seller.")
    lines = [
        _("{store} · since {date}").format(store=fmt.quote(store.name), date=fmt.day(when, tz))
        for store, when in stores
    ]
    return header + "\n\n" + "\n".join(lines)


def unblocked_text() -> str:
    return _("✅ Unblocked.")


def folder_title(folder: NoticeFolder) -> str:
    if folder is NoticeFolder.PROMOTION:
        return _("🏷 <b>Promotions</b>")
    return _("📢 <b>Marketplace notices</b>")


def notices_text(listing: NoticeList) -> str:
    if not listing.page.items:
        return folder_title(listing.folder) + "\n\n" + _("Nothing here yet.")
    return folder_title(listing.folder)


def notice_button_text(notice: Notice) -> str:
    mark = "🔵 " if notice.read_at is None else ""
    return f"{mark}{fmt.short(notice.title, 40)}"


def notice_text(screen: NoticeScreen, tz: tzinfo) -> str:
    notice, store = screen.notice, screen.store
    head = f"<b>{clip(notice.title, 300)}</b>"
    if store is not None:
        head = f"🏷 {clip(store.name, 200)}\n" + head
    return f"{head}\n{fmt.day_time(notice.created_at, tz)}\n\n{clip(notice.text, NOTICE_LIMIT)}"
