"""`GET /api/v1/files/{file_ref}`: a file the cabinet holds only as a Telegram file id (the
buyer's feedback photos, dispute evidence, photos to sellers), streamed from Telegram
(getFile, then its download URL) to the marketplace, which cannot use the bot's file ids."""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, Protocol

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiohttp import ClientError, web

from bot.api.openapi import RETRY_AFTER
from bot.api.routing import error_response
from bot.db.uow import UnitOfWork
from bot.services.errors import FileRefNotFound
from bot.services.files import FILE_REF, telegram_file_id

logger = logging.getLogger(__name__)
PATH = "/api/v1/files/{file_ref}"
CHUNK = 64 * 1024


class FileUnavailable(Exception):
    """Telegram would not give the file (an id of another bot, a file over 20 MB, ...)."""


class FileSource(Protocol):
    async def open(self, file_id: str) -> tuple[str, AsyncIterator[bytes]]:
        """The file's name (path) and its content in chunks; FileUnavailable if refused."""
        ...


class TelegramFiles:
    """Files by Telegram file id, through the bot's own session and token."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def open(self, file_id: str) -> tuple[str, AsyncIterator[bytes]]:
        try:
            file = await self._bot.get_file(file_id)
        except TelegramAPIError as error:
            raise FileUnavailable(error.message) from error
        if file.file_path is None:
            raise FileUnavailable("Telegram gave no file path")
        path = file.file_path
        session = self._bot.session
        if session.api.is_local:  # a local Bot API server hands out paths on its disk
            content = await self._bot.download_file(path)
            data = content.getvalue() if content is not None else b""
            return path, _chunks(data)
        url = session.api.file_url(self._bot.token, path)
        return path, session.stream_content(url, chunk_size=CHUNK, raise_for_status=True)


def _reason(error: Exception) -> str:
    if isinstance(error, FileUnavailable):
        return str(error)
    status = getattr(error, "status", None)
    return f"{type(error).__name__} {status}" if status else type(error).__name__


async def _chunks(data: bytes) -> AsyncIterator[bytes]:
    for start in range(0, len(data), CHUNK):
        yield data[start : start + CHUNK]


def files_handler(
    session_factory: Any, files: FileSource | None
) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    async def get_file(request: web.Request) -> web.StreamResponse:
        ref = request.match_info["file_ref"]
        try:
            file_id = await telegram_file_id(UnitOfWork(session_factory), ref)
        except FileRefNotFound:
            return error_response(404, "file_not_found", f"no file {ref!r}")
        if files is None:
            message = "the API runs without BOT_TOKEN, so it cannot fetch files from Telegram"
            return error_response(503, "files_unavailable", message)
        try:
            path, chunks = await files.open(file_id)
            first = await anext(aiter(chunks), b"")
        except (FileUnavailable, ClientError) as error:
            # Never the error itself: aiohttp's names the download URL, which holds the token.
            logger.warning("File %s not fetched from Telegram: %s", ref, _reason(error))
            return error_response(502, "file_unavailable", "Telegram did not give the file")
        response = web.StreamResponse(
            headers={"Content-Type": mimetypes.guess_type(path)[0] or "application/octet-stream"}
        )
        await response.prepare(request)
        await response.write(first)
        async for chunk in chunks:
            await response.write(chunk)
        await response.write_eof()
        return response

    return get_file


def _error(description: str) -> dict[str, Any]:
    schema = {"$ref": "#/components/schemas/Error"}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def files_openapi() -> dict[str, Any]:
    """The route's part of the OpenAPI document."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {
        PATH: {
            "get": {
                "summary": "Download a file the buyer sent through Telegram, by its reference",
                "description": (
                    "Events carry references: `photo_refs` of `feedback.left` and "
                    "`feedback.additional`, `evidence_refs` of `dispute.opened`, "
                    "`attachment_refs` of `dispute.message`, `photo_ref` of "
                    "`order.message_sent`. The file is fetched from Telegram when asked for."
                ),
                "operationId": "get_file",
                "tags": ["files"],
                "parameters": [
                    {
                        "name": "file_ref",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "pattern": FILE_REF.pattern},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "The file (a photo is image/jpeg)",
                        "content": {"image/*": binary, "application/octet-stream": binary},
                    },
                    "401": _error("Missing or wrong bearer token"),
                    "404": _error("No such file"),
                    "429": {
                        **_error("Too many wrong tokens from this address"),
                        "headers": RETRY_AFTER,
                    },
                    "502": _error("Telegram did not give the file"),
                    "503": _error("The API runs without BOT_TOKEN"),
                },
            }
        }
    }
