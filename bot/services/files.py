"""Files the marketplace fetches from the cabinet: what the buyer sent through Telegram
(feedback photos, dispute evidence, photos to sellers), which the bot holds only as Telegram
file ids (valid for this bot alone). Outbound events carry stable references;
`GET /api/v1/files/{file_ref}` resolves one and streams the file from Telegram."""

from __future__ import annotations

import re

from bot.db.models import DisputeMessage, FeedbackPhoto, OrderMessage
from bot.db.types import MAX_ID
from bot.db.uow import UnitOfWork
from bot.services.errors import FileRefNotFound

FEEDBACK_PHOTO, DISPUTE_ATTACHMENT, MESSAGE_PHOTO = "fbp", "dsa", "omp"
FILE_REF = re.compile(
    rf"^({FEEDBACK_PHOTO}|{DISPUTE_ATTACHMENT}|{MESSAGE_PHOTO})-([1-9][0-9]{{0,17}})$"
)


def feedback_photo_ref(photo: FeedbackPhoto) -> str:
    """The reference of a feedback photo in events and in the files route."""
    return f"{FEEDBACK_PHOTO}-{photo.id}"


def message_photo_ref(message: OrderMessage) -> str:
    """The reference of the photo of a message to a seller (it has one)."""
    return f"{MESSAGE_PHOTO}-{message.id}"


async def attachment_refs(uow: UnitOfWork, message: DisputeMessage) -> list[str]:
    """References of the dispute message's attachments sent through Telegram (flushes them)."""
    await uow.disputes.flush()
    return [
        f"{DISPUTE_ATTACHMENT}-{attachment.id}"
        for attachment in await uow.disputes.attachments(message.dispute_id)
        if attachment.message_id == message.id and attachment.telegram_file_id
    ]


async def telegram_file_id(uow: UnitOfWork, file_ref: str) -> str:
    """The Telegram file id behind a reference; FileRefNotFound for anything else."""
    found = FILE_REF.match(file_ref)
    if found is None:
        raise FileRefNotFound(file_ref=file_ref)
    kind, row_id = found.group(1), int(found.group(2))
    if row_id > MAX_ID:  # no such row, and PostgreSQL would refuse to look
        raise FileRefNotFound(file_ref=file_ref)
    async with uow:
        file_id: str | None = None
        if kind == FEEDBACK_PHOTO:
            photo = await uow.feedback.photo(row_id)
            file_id = photo.telegram_file_id if photo is not None else None
        elif kind == DISPUTE_ATTACHMENT:
            attachment = await uow.disputes.attachment(row_id)
            file_id = attachment.telegram_file_id if attachment is not None else None
        else:
            message = await uow.messages.get(row_id)
            file_id = message.photo_file_id if message is not None else None
        if file_id is None:
            raise FileRefNotFound(file_ref=file_ref)
        return file_id
