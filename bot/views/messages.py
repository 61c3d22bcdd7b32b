"""Texts of the conversation with the seller about an order."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.db.enums import MessageSender
from bot.db.models import OrderMessage
from bot.services.messages import MAX_MESSAGE_LENGTH, Conversation
from bot.views import format as fmt


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


def conversation_text(conversation: Conversation, tz: tzinfo) -> str:
    header = _("✉️ <b>Messages about order №{number}</b>").format(
        number=fmt.quote(conversation.order.number)
    )
    if not conversation.messages:
        return (
            header
            + "\n\n"
            + _(
                "No messages yet. Ask the seller anything about this order; the answer will "
                "appear here and the bot will tell you."
            )
        )
    earlier = conversation.total - len(conversation.messages)
    lines = [header]
    if earlier:
        lines.append(
            ngettext("…{count} earlier message", "…{count} earlier messages", earlier).format(
                count=fmt.number(earlier)
            )
        )
    for message in conversation.messages:
        when = fmt.day_time(message.sent_at, tz)
        lines.append(f"\n<b>{author_label(message.sender)}</b> · {when}\n{message_body(message)}")
    return "\n".join(lines)


def write_prompt_text() -> str:
    return _("✍️ Type your message to the seller (up to {count} characters).").format(
        count=fmt.number(MAX_MESSAGE_LENGTH)
    )


def message_sent_text() -> str:
    return _("✅ Sent to the seller.")
