"""A scripted buyer for tests and the console demo: sends texts and presses inline buttons."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from aiogram.types import Update

from bot.fake_telegram.models import MessageState, RecordedCall
from bot.fake_telegram.server import FakeBotAPI
from bot.services.lengths import utf16_len

if TYPE_CHECKING:
    from aiogram import Bot, Dispatcher

_COMMAND_RE = re.compile(r"/[a-zA-Z0-9_]{1,64}(?:@[a-zA-Z0-9_]{3,32})?(?![a-zA-Z0-9_/<>])")


class ChatClient:
    """One private chat between a user and the bot, driven through the real Dispatcher."""

    def __init__(
        self,
        dispatcher: Dispatcher,
        bot: Bot,
        server: FakeBotAPI,
        user_id: int,
        *,
        first_name: str = "Anna",
        language_code: str | None = "en",
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.dispatcher = dispatcher
        self.bot = bot
        self.server = server
        self.user_id = user_id
        self.first_name = first_name
        self.language_code = language_code
        self.clock = clock if clock is not None else server.clock
        self.query_ids: list[str] = []

    @property
    def user(self) -> dict[str, Any]:
        """The User JSON Telegram attaches to the user's updates."""
        user: dict[str, Any] = {"id": self.user_id, "is_bot": False, "first_name": self.first_name}
        if self.language_code is not None:
            user["language_code"] = self.language_code
        return user

    async def send(self, text: str) -> list[RecordedCall]:
        """Send a text message (with a bot_command entity for /commands); return the bot's calls."""
        content: dict[str, Any] = {"text": text}
        command = _COMMAND_RE.match(text)
        if command:
            length = utf16_len(command.group())
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return await self.send_content(content)

    async def send_contact(
        self, phone_number: str, user_id: int | None = None
    ) -> list[RecordedCall]:
        """Share a contact: by default the user's own, as Telegram's "share my phone" button
        sends it; `user_id` of someone else, as a contact card picked from the address book."""
        contact = {
            "phone_number": phone_number,
            "first_name": self.first_name,
            "user_id": self.user_id if user_id is None else user_id,
        }
        return await self.send_content({"contact": contact})

    async def send_content(self, content: dict[str, Any]) -> list[RecordedCall]:
        """Send any message content as Telegram delivers it, e.g. `{"sticker": {...}}`."""
        state = self.server.register_incoming_message(self.user_id, self.user, content)
        state.payload["date"] = int(self.clock())
        return await self._feed({"message": state.to_json()})

    async def press(self, button_text: str, *, message_id: int | None = None) -> list[RecordedCall]:
        """Press the single callback button with this visible text on the latest keyboard."""
        state = self._keyboard_message(message_id)
        rows = (state.reply_markup or {}).get("inline_keyboard", [])
        matches = [button for row in rows for button in row if button["text"] == button_text]
        if len(matches) != 1:
            visible = [[button["text"] for button in row] for row in rows]
            problem = "no button" if not matches else f"{len(matches)} buttons"
            raise AssertionError(
                f"{problem} with text {button_text!r} in message {state.message_id}; "
                f"visible buttons: {visible}"
            )
        data = matches[0].get("callback_data")
        if data is None:
            raise AssertionError(f"button {button_text!r} is not a callback button: {matches[0]}")
        return await self._press(state, data)

    async def press_data(self, data: str, message_id: int | None = None) -> list[RecordedCall]:
        """Send raw callback data, e.g. forged or stale, as if from a bot message."""
        if message_id is None:
            state = self._find_keyboard_message() or self.server.last_message(self.user_id)
            if state is None:
                raise AssertionError("the bot has not sent any message to press on")
        else:
            state = self._live_bot_message(message_id)
        return await self._press(state, data)

    @property
    def screen(self) -> str | None:
        """Text (or caption) of the latest bot message."""
        state = self.server.last_message(self.user_id)
        if state is None:
            return None
        return state.text if state.text is not None else state.caption

    @property
    def buttons(self) -> list[list[str]]:
        """Visible texts of the latest inline keyboard, row by row."""
        state = self._find_keyboard_message()
        if state is None:
            return []
        rows = (state.reply_markup or {}).get("inline_keyboard", [])
        return [[button["text"] for button in row] for row in rows]

    @property
    def reply_keyboard(self) -> list[list[str]]:
        """Visible texts of the custom reply keyboard, if one is shown."""
        markup = self.server.reply_keyboard(self.user_id) or {}
        return [
            [button if isinstance(button, str) else button["text"] for button in row]
            for row in markup.get("keyboard", [])
        ]

    @property
    def last_answer(self) -> dict[str, Any] | None:
        """Params of the last answerCallbackQuery for this client's presses."""
        mine = set(self.query_ids)
        for call in reversed(self.server.calls_of("answerCallbackQuery")):
            if call.params.get("callback_query_id") in mine:
                return call.params
        return None

    def _find_keyboard_message(self) -> MessageState | None:
        for state in reversed(self.server.messages_in(self.user_id)):
            if state.from_bot and state.reply_markup:
                return state
        return None

    def _live_bot_message(self, message_id: int) -> MessageState:
        state = self.server.message(self.user_id, message_id)
        if state is None or not state.from_bot:
            raise AssertionError(f"message {message_id} is not a live bot message")
        return state

    def _keyboard_message(self, message_id: int | None) -> MessageState:
        if message_id is not None:
            return self._live_bot_message(message_id)
        state = self._find_keyboard_message()
        if state is None:
            raise AssertionError(f"no bot message with an inline keyboard; screen: {self.screen!r}")
        return state

    async def _press(self, state: MessageState, data: str) -> list[RecordedCall]:
        query_id = self.server.issue_callback_query()
        self.query_ids.append(query_id)
        query = {
            "id": query_id,
            "from": self.user,
            "message": state.to_json(),
            "chat_instance": f"chat-instance-{self.user_id}",
            "data": data,
        }
        return await self._feed({"callback_query": query})

    async def _feed(self, event: dict[str, Any]) -> list[RecordedCall]:
        start = len(self.server.calls)
        data = {"update_id": self.server.next_update_id(), **event}
        update = Update.model_validate(data, context={"bot": self.bot})
        await self.dispatcher.feed_update(self.bot, update)
        return self.server.calls[start:]
