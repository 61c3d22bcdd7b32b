"""Texts of the conversation with the seller about an order."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import gettext as _

from bot.db.enums import MessageSender
from bot.db.models import OrderMessage
from bot.services.messages.conversation import MAX_MESSAGE_LENGTH, Conversation
from bot.views import format as fmt
from bot.views.fit import PART_LIMIT, Paged, chunks, paged_text


def author_label(sender: MessageSender) -> str:
    authors = {
        MessageSender.BUYER: lambda: _("👤 You"),
        MessageSender.SELLER: lambda: _("🏪 Seller"),
        MessageSender.PLATFORM: lambda: _("🛡 Marketplace"),
    }
    return authors[sender]()


def message_body(message: OrderMessage, limit: int | None = None) -> str:
    """The text of a message, quoted, after "📷" when it came with a photo."""
    text = fmt.quote(message.text if limit is None else fmt.short(message.text, limit))
    if message.photo_file_id is None:
        return text
    return f"📷 {text}" if text else "📷"


def message_entries(messages: list[OrderMessage], tz: tzinfo) -> list[str]:
    """One entry per message, oldest first; a message too long for one page is split into
    parts (each marked "1/3", "2/3"…), so every word of it stays readable on some page."""
    entries = []
    for message in messages:
        head = f"<b>{author_label(message.sender)}</b> · {fmt.day_time(message.sent_at, tz)}"
        parts = chunks(message.text, PART_LIMIT)
        for number, part in enumerate(parts, start=1):
            mark = f" · {fmt.number(number)}/{fmt.number(len(parts))}" if len(parts) > 1 else ""
            body = fmt.quote(part)
            if message.photo_file_id is not None and number == 1:
                body = f"📷 {body}" if body else "📷"
            entries.append(f"{head}{mark}\n{body}")
    return entries


def conversation_text(conversation: Conversation, tz: tzinfo, page: int = 0) -> Paged:
    header = _("✉️ <b>Messages about order №{number}</b>").format(
        number=fmt.quote(conversation.order.number)
    )
    if not conversation.messages:
        return Paged(
            header
            + "\n\n"
            + _(
                "No messages yet. Ask the seller anything about this order; the answer will "
                "appear here and the bot will tell you."
            ),
            0,
            1,
        )
    return paged_text(header, message_entries(conversation.messages, tz), page)


def write_prompt_text() -> str:
    return _("✍️ Type your message to the seller (up to {count} characters).").format(
        count=fmt.number(MAX_MESSAGE_LENGTH)
    )


def message_sent_text() -> str:
    return _("✅ Sent to the seller.")
