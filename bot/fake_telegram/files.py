"""Files of the fake Bot API: getFile and the file download URL, with the real server's
rules (an unknown file id is "invalid file_id", bots may download up to 20 MB, a file path
is valid for the bot that asked for it, an unknown path is 404)."""

from __future__ import annotations

import itertools
import mimetypes
from dataclasses import dataclass
from typing import Any

from bot.fake_telegram.rules import bad_request, get_str

DOWNLOAD_LIMIT = 20 * 1024 * 1024  # getFile refuses bigger files ("file is too big")
_FOLDERS = {"image/jpeg": "photos", "image/png": "photos", "video/mp4": "videos"}


@dataclass
class StoredFile:
    file_id: str
    unique_id: str
    content: bytes
    path: str


class FileStore:
    """What users sent the bot, by file id; tests put files in with `add`."""

    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._numbers = itertools.count()

    def add(self, file_id: str, content: bytes, *, mime_type: str = "image/jpeg") -> StoredFile:
        """A file the bot may fetch by `file_id` (e.g. the largest size of a sent photo)."""
        number = next(self._numbers)
        extension = mimetypes.guess_extension(mime_type) or ""
        folder = _FOLDERS.get(mime_type, "documents")
        stored = StoredFile(
            file_id, f"fake-unique-file-{number}", content, f"{folder}/file_{number}{extension}"
        )
        self._by_id[file_id] = stored
        self._by_path[stored.path] = stored
        return stored

    def get_file(self, params: dict[str, Any]) -> dict[str, Any]:
        """The getFile method: the File object with the path to download it from."""
        file_id = get_str(params, "file_id")
        stored = self._by_id.get(file_id)
        if not file_id or stored is None:
            raise bad_request("invalid file_id")
        if len(stored.content) > DOWNLOAD_LIMIT:
            raise bad_request("file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_size": len(stored.content),
            "file_path": stored.path,
        }

    def content(self, path: str) -> bytes | None:
        """What GET /file/bot<token>/<path> answers; None is the server's 404."""
        stored = self._by_path.get(path)
        return stored.content if stored is not None else None

    def expire(self, path: str) -> None:
        """A download path lasts about an hour; after that the server answers 404 for it."""
        self._by_path.pop(path, None)
