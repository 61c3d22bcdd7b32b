"""In-memory fake of the Telegram Bot API server: chat state, validation, recorded calls."""

from __future__ import annotations

import copy
import itertools
import time
from collections.abc import Callable
from typing import Any

from bot.fake_telegram.files import FileStore
from bot.fake_telegram.media import edit_caption, edit_media, send_media
from bot.fake_telegram.models import BOT_USER, MessageState, RecordedCall
from bot.fake_telegram.rules import (
    BOT_TEXT_LIMITS,
    CALLBACK_ANSWER_LIMIT,
    CHAT_ACTIONS,
    NOT_MODIFIED,
    QUERY_INVALID,
    ApiError,
    InjectedFailure,
    bad_request,
    check_commands,
    check_language_code,
    check_reply_markup,
    check_text,
    get_chat_id,
    get_int,
    get_str,
    scope_key,
)
from bot.services.lengths import utf16_len
from bot.telegram_html import Entity

_GET_ME_EXTRA = {
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
    "can_connect_to_business": False,
    "has_main_web_app": False,
}
_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
}
BLOCKED = "Forbidden: bot was blocked by the user"


class FakeBotAPI:
    """State of one fake Telegram server for one bot, independent of aiogram objects."""

    def __init__(self, *, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self.calls: list[RecordedCall] = []
        self.blocked_chats: set[int] = set()
        self.callback_answers: dict[str, int] = {}
        self.unknown_callback_answers: list[str] = []
        self._messages: dict[int, dict[int, MessageState]] = {}
        self._last_message_id: dict[int, int] = {}
        self._failures: dict[str, list[InjectedFailure]] = {}
        self._commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._bot_texts: dict[tuple[str, str], str] = {}
        self._reply_keyboards: dict[int, dict[str, Any]] = {}
        self._update_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self.files = FileStore()
        self._handlers: dict[str, Callable[[dict[str, Any]], Any]] = {
            "getme": lambda _params: {**BOT_USER, **_GET_ME_EXTRA},
            "sendmessage": self._send_message,
            "editmessagetext": self._edit_message_text,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "deletemessage": self._delete_message,
            "answercallbackquery": self._answer_callback_query,
            "setmycommands": self._set_my_commands,
            "getmycommands": self._get_my_commands,
            "deletemycommands": self._delete_my_commands,
            "setmydescription": lambda p: self._set_bot_text(p, "description"),
            "getmydescription": lambda p: self._get_bot_text(p, "description"),
            "setmyshortdescription": lambda p: self._set_bot_text(p, "short_description"),
            "getmyshortdescription": lambda p: self._get_bot_text(p, "short_description"),
            "setmyname": lambda p: self._set_bot_text(p, "name"),
            "getmyname": lambda p: self._get_bot_text(p, "name"),
            "sendchataction": self._send_chat_action,
            "sendphoto": lambda p: send_media(self, p, "photo"),
            "senddocument": lambda p: send_media(self, p, "document"),
            "editmessagecaption": lambda p: edit_caption(self, p),
            "editmessagemedia": lambda p: edit_media(self, p),
            "getfile": self.files.get_file,
            "getupdates": lambda _params: [],
            "getwebhookinfo": lambda _p: {
                "url": "",
                "has_custom_certificate": False,
                "pending_update_count": 0,
            },
        }

    def handle(self, method_name: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Process one request and return (http_status, json_body) shaped like the real API."""
        params = dict(params)
        name = method_name.lower()
        try:
            self._raise_injected(name)
            handler = self._handlers.get(name)
            result = handler(params) if handler else True
        except ApiError as error:
            body: dict[str, Any] = {
                "ok": False,
                "error_code": error.status,
                "description": error.description,
            }
            if error.retry_after is not None:
                body["parameters"] = {"retry_after": error.retry_after}
            self.calls.append(
                RecordedCall(method_name, params, False, error.description, error.status)
            )
            return error.status, body
        self.calls.append(RecordedCall(method_name, params, True, copy.deepcopy(result)))
        return 200, {"ok": True, "result": result}

    # --- test controls -----------------------------------------------------------------------

    def fail_next(
        self,
        method_name: str,
        status: int,
        description: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of a method fail before any validation."""
        if status == 429 and retry_after is None:
            retry_after = 1
        if description is None:
            if status == 429:
                description = f"Too Many Requests: retry after {retry_after}"
            elif status >= 500:
                description = "Internal Server Error"
            else:
                description = _DEFAULT_DESCRIPTIONS.get(status, "Bad Request")
        failure = InjectedFailure(status, description, retry_after, times)
        self._failures.setdefault(method_name.lower(), []).append(failure)

    def block_chat(self, chat_id: int) -> None:
        """Simulate the user blocking the bot: sends to the chat then fail with 403."""
        self.blocked_chats.add(chat_id)

    def register_callback_query(self, callback_query_id: str) -> None:
        """Only queries issued here may be answered, each exactly once."""
        if callback_query_id in self.callback_answers:
            raise ValueError(f"callback query {callback_query_id!r} is already registered")
        self.callback_answers[callback_query_id] = 0

    def issue_callback_query(self) -> str:
        """Register and return a fresh, realistic-looking callback query id."""
        query_id = str(4_200_000_000_000_000_000 + next(self._query_ids))
        self.register_callback_query(query_id)
        return query_id

    def next_update_id(self) -> int:
        """Update ids are global per bot, so several clients can share one server."""
        return next(self._update_ids)

    def register_incoming_message(
        self, chat_id: int, sender: dict[str, Any], content: dict[str, Any]
    ) -> MessageState:
        """Store a user's message; ids are shared by both sides of a private chat.

        Writing to the bot also undoes a block, as pressing "Restart bot" does.
        """
        self.blocked_chats.discard(chat_id)
        chat = {"id": chat_id, "type": "private", "first_name": sender.get("first_name", "")}
        return self._store(chat_id, sender, content, from_bot=False, chat=chat)

    def calls_of(self, method: str) -> list[RecordedCall]:
        """Recorded calls of one method (case-insensitive)."""
        return [call for call in self.calls if call.method.lower() == method.lower()]

    def clear(self) -> None:
        """Forget recorded calls; chat state and registered queries are kept."""
        self.calls.clear()

    def messages_in(self, chat_id: int) -> list[MessageState]:
        """Live (not deleted) messages of a chat in order, from both the user and the bot."""
        return list(self._messages.get(chat_id, {}).values())

    def last_message(self, chat_id: int) -> MessageState | None:
        """The latest live message sent by the bot, which is what the user is looking at."""
        bot_messages = [m for m in self.messages_in(chat_id) if m.from_bot]
        return bot_messages[-1] if bot_messages else None

    def message(self, chat_id: int, message_id: int) -> MessageState | None:
        """One live message or None."""
        return self._messages.get(chat_id, {}).get(message_id)

    def reply_keyboard(self, chat_id: int) -> dict[str, Any] | None:
        """The custom reply keyboard currently shown in the chat, if any."""
        return self._reply_keyboards.get(chat_id)

    def commands(self, language_code: str = "", scope: dict[str, Any] | None = None) -> list[dict]:
        """Commands stored for an exact scope and language."""
        key = (scope_key({"scope": scope}), language_code)
        return copy.deepcopy(self._commands.get(key, []))

    # --- internals ---------------------------------------------------------------------------

    def _raise_injected(self, name: str) -> None:
        queue = self._failures.get(name)
        if not queue:
            return
        failure = queue[0]
        failure.times -= 1
        if failure.times <= 0:
            queue.pop(0)
        raise ApiError(failure.status, failure.description, failure.retry_after)

    def _target_chat(self, params: dict[str, Any]) -> int:
        chat_id = get_chat_id(params)
        if chat_id in self.blocked_chats:
            raise ApiError(403, BLOCKED)
        return chat_id

    def _store(
        self,
        chat_id: int,
        sender: dict[str, Any],
        content: dict[str, Any],
        *,
        from_bot: bool,
        chat: dict[str, Any] | None = None,
        entities: tuple[Entity, ...] = (),
    ) -> MessageState:
        message_id = self._last_message_id.get(chat_id, 0) + 1
        self._last_message_id[chat_id] = message_id
        payload = {
            "message_id": message_id,
            "from": dict(sender),
            "chat": chat or {"id": chat_id, "type": "private"},
            "date": int(self.clock()),
            **content,
        }
        state = MessageState(chat_id, message_id, from_bot, payload, entities)
        self._messages.setdefault(chat_id, {})[message_id] = state
        return state

    def _remember_keyboard(self, chat_id: int, markup: dict[str, Any] | None) -> dict | None:
        """Return the inline part (echoed in Message); remember reply keyboards per chat."""
        if markup is None or "inline_keyboard" in markup:
            return markup
        if markup.get("remove_keyboard"):
            self._reply_keyboards.pop(chat_id, None)
        elif "keyboard" in markup:
            self._reply_keyboards[chat_id] = markup
        return None

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        parsed = check_text(params)
        assert parsed is not None
        markup = check_reply_markup(params)
        chat_id = self._target_chat(params)
        content: dict[str, Any] = {"text": parsed.text}
        inline = self._remember_keyboard(chat_id, markup)
        if inline is not None:
            content["reply_markup"] = inline
        return self._store(
            chat_id, BOT_USER, content, from_bot=True, entities=parsed.entities
        ).to_json()

    def _message_to_edit(self, params: dict[str, Any]) -> MessageState:
        if get_str(params, "inline_message_id"):
            raise bad_request("message to edit not found")
        chat_id = get_chat_id(params)
        message_id = get_int(params, "message_id", "message identifier is not specified")
        state = self.message(chat_id, message_id)
        if state is None:
            raise bad_request("message to edit not found")
        if not state.from_bot:
            raise bad_request("message can't be edited")
        return state

    @staticmethod
    def _inline_only(markup: dict[str, Any] | None) -> dict[str, Any] | None:
        if markup is not None and "inline_keyboard" not in markup:
            raise bad_request("inline keyboard expected")
        return markup

    def _apply_edit(self, state: MessageState, markup: dict[str, Any] | None) -> dict[str, Any]:
        if markup is None:
            state.payload.pop("reply_markup", None)
        else:
            state.payload["reply_markup"] = markup
        state.payload["edit_date"] = int(self.clock())
        return state.to_json()

    def _edit_message_text(self, params: dict[str, Any]) -> dict[str, Any]:
        parsed = check_text(params)
        assert parsed is not None
        markup = self._inline_only(check_reply_markup(params))
        state = self._message_to_edit(params)
        if state.text is None:
            raise bad_request("there is no text in the message to edit")
        unchanged = (state.text, state.entities, state.reply_markup) == (
            parsed.text,
            parsed.entities,
            markup,
        )
        if unchanged:
            raise ApiError(400, NOT_MODIFIED)
        state.payload["text"] = parsed.text
        state.entities = parsed.entities
        return self._apply_edit(state, markup)

    def _edit_message_reply_markup(self, params: dict[str, Any]) -> dict[str, Any]:
        markup = self._inline_only(check_reply_markup(params))
        state = self._message_to_edit(params)
        if state.reply_markup == markup:
            raise ApiError(400, NOT_MODIFIED)
        return self._apply_edit(state, markup)

    def _delete_message(self, params: dict[str, Any]) -> bool:
        chat_id = get_chat_id(params)
        message_id = get_int(params, "message_id", "message identifier is not specified")
        if self._messages.get(chat_id, {}).pop(message_id, None) is None:
            raise bad_request("message to delete not found")
        return True

    def _answer_callback_query(self, params: dict[str, Any]) -> bool:
        query_id = get_str(params, "callback_query_id")
        answered = self.callback_answers.get(query_id)
        if answered is None:
            self.unknown_callback_answers.append(query_id)
            raise ApiError(400, QUERY_INVALID)
        if answered:
            self.callback_answers[query_id] = answered + 1
            raise ApiError(400, QUERY_INVALID)
        if utf16_len(get_str(params, "text")) > CALLBACK_ANSWER_LIMIT:
            raise bad_request("MESSAGE_TOO_LONG")
        self.callback_answers[query_id] = 1
        return True

    def _send_chat_action(self, params: dict[str, Any]) -> bool:
        self._target_chat(params)
        if get_str(params, "action") not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    def _set_my_commands(self, params: dict[str, Any]) -> bool:
        commands = check_commands(params)
        key = (scope_key(params), check_language_code(params))
        if commands:
            self._commands[key] = commands
        else:
            self._commands.pop(key, None)
        return True

    def _get_my_commands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        key = (scope_key(params), check_language_code(params))
        return copy.deepcopy(self._commands.get(key, []))

    def _delete_my_commands(self, params: dict[str, Any]) -> bool:
        self._commands.pop((scope_key(params), check_language_code(params)), None)
        return True

    def _set_bot_text(self, params: dict[str, Any], kind: str) -> bool:
        text = get_str(params, kind)
        if len(text) > BOT_TEXT_LIMITS[kind]:
            raise bad_request(f"{kind.replace('_', ' ')} is too long")
        self._bot_texts[(kind, check_language_code(params))] = text
        return True

    def _get_bot_text(self, params: dict[str, Any], kind: str) -> dict[str, str]:
        return {kind: self._bot_texts.get((kind, check_language_code(params)), "")}
