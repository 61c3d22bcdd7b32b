"""The fake Bot API over real HTTP, so `python -m bot` can be tested end to end.

Serves `/bot<token>/<method>` like api.telegram.org (form, JSON or query parameters), keeps a
queue of updates for `getUpdates` long polling, and records every call in `FakeBotAPI`.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web

from bot.fake_telegram.server import FakeBotAPI

UNAUTHORIZED = {"ok": False, "error_code": 401, "description": "Unauthorized"}


class FakeBotAPIServer:
    def __init__(self, api: FakeBotAPI, token: str) -> None:
        self.api = api
        self.token = token
        self._updates: list[dict[str, Any]] = []
        self._arrived = asyncio.Condition()
        self._called = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._stopping = False
        self.polls_waiting = 0  # getUpdates requests held open until an update arrives
        self.base_url = ""

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen (on a free port by default) and return the base URL for TELEGRAM_API_URL."""
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        sockets = site._server.sockets  # type: ignore[union-attr]
        bound = sockets[0].getsockname()[1]
        self.base_url = f"http://{host}:{bound}"
        return self.base_url

    async def stop(self) -> None:
        """Answer a pending long poll with no updates at once, then close: closing waits for
        the requests in hand, and a poll would otherwise hold it for its whole timeout."""
        async with self._arrived:
            self._stopping = True
            self._arrived.notify_all()
        if self._runner is not None:
            await self._runner.cleanup()

    async def push_update(self, event: dict[str, Any]) -> int:
        """Queue an update (e.g. {"message": ...}) for the bot's next getUpdates."""
        update_id = self.api.next_update_id()
        async with self._arrived:
            self._updates.append({"update_id": update_id, **event})
            self._arrived.notify_all()
        return update_id

    async def send_text(self, user: dict[str, Any], text: str) -> int:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            length = len(text.split(maxsplit=1)[0])
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        state = self.api.register_incoming_message(user["id"], user, content)
        return await self.push_update({"message": state.to_json()})

    async def press(self, user: dict[str, Any], message_id: int, data: str) -> int:
        state = self.api.message(user["id"], message_id)
        if state is None:
            msg = f"no message {message_id} in chat {user['id']}"
            raise LookupError(msg)
        query = {
            "id": self.api.issue_callback_query(),
            "from": user,
            "message": state.to_json(),
            "chat_instance": str(user["id"]),
            "data": data,
        }
        return await self.push_update({"callback_query": query})

    async def wait_for_calls(self, method: str, count: int, seconds: float = 60) -> None:
        """Until the bot has made `count` calls of `method` (it runs in another process)."""
        async with asyncio.timeout(seconds), self._called:
            await self._called.wait_for(lambda: len(self.api.calls_of(method)) >= count)

    async def wait_for_text(self, chat_id: int, text: str, seconds: float = 60) -> str:
        """Until the bot has sent `chat_id` a message containing `text`; returns that message."""

        def found() -> str | None:
            for call in self.api.calls_of("sendMessage"):
                sent = str(call.params.get("text", ""))
                if call.ok and str(call.params.get("chat_id")) == str(chat_id) and text in sent:
                    return sent
            return None

        async with asyncio.timeout(seconds), self._called:
            await self._called.wait_for(lambda: found() is not None)
        return found() or ""

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(UNAUTHORIZED, status=401)
        method = request.match_info["method"]
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        elif request.can_read_body:
            form = await request.post()
            params.update({key: value for key, value in form.items() if isinstance(value, str)})
        if method.lower() == "getupdates":
            return web.json_response({"ok": True, "result": await self._get_updates(params)})
        status, body = self.api.handle(method, params)
        async with self._called:
            self._called.notify_all()
        return web.Response(status=status, text=json.dumps(body), content_type="application/json")

    async def _download(self, request: web.Request) -> web.Response:
        """GET /file/bot<token>/<file_path>, as getFile's path is downloaded from."""
        if request.match_info["token"] != self.token:
            return web.json_response(UNAUTHORIZED, status=401)
        content = self.api.files.content(request.match_info["path"])
        if content is None:
            body = {"ok": False, "error_code": 404, "description": "Not Found"}
            return web.json_response(body, status=404)
        return web.Response(body=content, content_type="application/octet-stream")

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        async with self._arrived:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            if not self._updates and timeout > 0 and not self._stopping:
                self.polls_waiting += 1
                try:
                    await asyncio.wait_for(
                        self._arrived.wait_for(lambda: self._updates or self._stopping), timeout
                    )
                except TimeoutError:
                    return []
                finally:
                    self.polls_waiting -= 1
            return list(self._updates)
