"""An aiogram session that talks to FakeBotAPI instead of HTTP, using aiogram's own encoding."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator
from typing import TYPE_CHECKING, Any

from aiogram.client.session.base import BaseSession
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType
from aiogram.types import InputFile
from aiohttp import ClientResponseError, RequestInfo
from multidict import CIMultiDict, CIMultiDictProxy
from yarl import URL

from bot.fake_telegram.server import FakeBotAPI

if TYPE_CHECKING:
    from aiogram import Bot

# `check_response` parses every answer with the generic model `Response[<result type>]`, which
# pydantic caches by weak reference only: once the garbage collector has freed it, the next call
# builds the model again (~5 ms each, most of a handler test's time). Held here, it is built once.
_RESPONSE_MODELS: dict[Any, type[Response[Any]]] = {}


class FakeSession(BaseSession):
    """Encodes requests exactly like AiohttpSession so defaults and JSON dumping are exercised."""

    def __init__(self, server: FakeBotAPI | None = None) -> None:
        super().__init__()
        self.server = server if server is not None else FakeBotAPI()
        self.uploaded_files: dict[str, InputFile] = {}

    def build_params(self, bot: Bot, method: TelegramMethod[Any]) -> dict[str, Any]:
        """Mirror AiohttpSession.build_form_data: prepare every field, drop falsy ones."""
        files: dict[str, InputFile] = {}
        params: dict[str, Any] = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=files)
            if not prepared:
                continue
            params[key] = prepared
        self.uploaded_files.update(files)
        return params

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 - signature fixed by BaseSession
    ) -> TelegramType:
        """Run the fake server and let BaseSession.check_response raise aiogram's real errors."""
        params = self.build_params(bot, method)
        returning = method.__returning__  # type: ignore[attr-defined]
        if returning not in _RESPONSE_MODELS:
            _RESPONSE_MODELS[returning] = Response[returning]  # type: ignore[valid-type]
        status, body = self.server.handle(method.__api_method__, params)
        response = self.check_response(
            bot=bot, method=method, status_code=status, content=json.dumps(body)
        )
        return response.result  # type: ignore[return-value]

    async def close(self) -> None:
        """Nothing to release."""

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,  # noqa: ASYNC109 - signature fixed by BaseSession
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        """A file the fake serves (see FileStore), as the real file URL would: a path
        getFile gave for this bot's token, in chunks; anything else is a 404."""
        _base, _, token_and_path = url.partition("/file/bot")
        _token, _, path = token_and_path.partition("/")
        content = self.server.files.content(path)
        if content is None:
            if raise_for_status:
                info = RequestInfo(URL(url), "GET", CIMultiDictProxy(CIMultiDict()), URL(url))
                raise ClientResponseError(info, (), status=404, message="Not Found")
            return
        for start in range(0, len(content), chunk_size):
            yield content[start : start + chunk_size]
