"""Files the marketplace fetches from the cabinet: the buyer's feedback photos, which the bot
holds only as Telegram file ids (valid for this bot alone). Outbound events carry stable
references; `GET /api/v1/files/{file_ref}` resolves one and streams the file from Telegram."""

from __future__ import annotations

import re

from bot.db.models import FeedbackPhoto
from bot.db.uow import UnitOfWork
from bot.services.errors import FileRefNotFound

FEEDBACK_PHOTO = "fbp"
FILE_REF = re.compile(rf"^{FEEDBACK_PHOTO}-([1-9][0-9]{{0,17}})$")


def feedback_photo_ref(photo: FeedbackPhoto) -> str:
    """The reference of a feedback photo in events and in the files route."""
    return f"{FEEDBACK_PHOTO}-{photo.id}"


async def telegram_file_id(uow: UnitOfWork, file_ref: str) -> str:
    """The Telegram file id behind a reference; FileRefNotFound for anything else."""
    found = FILE_REF.match(file_ref)
    if found is None:
        raise FileRefNotFound(file_ref=file_ref)
    async with uow:
        photo = await uow.session.get(FeedbackPhoto, int(found.group(1)))
        if photo is None:
            raise FileRefNotFound(file_ref=file_ref)
        return photo.telegram_file_id
