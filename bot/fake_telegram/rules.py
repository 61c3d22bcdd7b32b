"""Validation rules of the fake Bot API: parameter coercion, texts, keyboards and bot commands."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from bot.services.lengths import utf16_len
from bot.telegram_html import Entity, HtmlParseError, ParsedText, parse_html

MESSAGE_TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
CALLBACK_ANSWER_LIMIT = 200
RAW_TEXT_BYTES_LIMIT = 1 << 15
MAX_INLINE_BUTTONS = 100
MAX_COMMANDS = 100
COMMAND_LIMIT = 32
COMMAND_DESCRIPTION_LIMIT = 256

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_COMMAND_RE = re.compile(r"[a-z0-9_]+")
_LANGUAGE_RE = re.compile(r"[a-z]{2}")
_ENTITY_ARGUMENT_KEYS = ("url", "language", "custom_emoji_id")


class ApiError(Exception):
    """An error response: raising it anywhere in a handler turns into the JSON error body."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after


def bad_request(description: str) -> ApiError:
    """Most validation failures are 400 with the "Bad Request: " prefix."""
    return ApiError(400, f"Bad Request: {description}")


def get_str(params: dict[str, Any], key: str) -> str:
    """Form fields arrive as strings; a missing field reads as empty, as in the real server."""
    value = params.get(key)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else str(value)


def get_bool(params: dict[str, Any], key: str) -> bool:
    """aiogram sends booleans as JSON text ("true"/"false")."""
    return get_str(params, key).lower() in {"true", "1"}


def get_int(params: dict[str, Any], key: str, missing: str) -> int:
    """Parse an integer field or fail with the given description."""
    raw = get_str(params, key).strip()
    if not raw:
        raise bad_request(missing)
    try:
        return int(raw)
    except ValueError:
        raise bad_request(missing) from None


def get_chat_id(params: dict[str, Any]) -> int:
    """Only numeric private chats exist in the fake; @usernames are unknown chats."""
    raw = get_str(params, "chat_id").strip()
    if not raw:
        raise bad_request("chat_id is empty")
    try:
        return int(raw)
    except ValueError:
        raise bad_request("chat not found") from None


def get_json(params: dict[str, Any], key: str, error: str) -> Any:
    """Nested objects arrive JSON-encoded from aiogram but may be passed as dicts directly."""
    value = params.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(error) from None
    return value


def _trim(parsed: ParsedText) -> ParsedText:
    """Telegram strips trailing spaces/newlines and leading ones before the first entity."""
    text = parsed.text.rstrip(" \n")
    limit = utf16_len(text)
    first_entity = min((e.offset for e in parsed.entities), default=limit)
    lead = 0
    while lead < len(text) and lead < first_entity and text[lead] in " \n":
        lead += 1
    entities = []
    for entity in parsed.entities:
        end = min(entity.offset + entity.length, limit)
        if end > entity.offset:
            entities.append(
                Entity(entity.type, entity.offset - lead, end - entity.offset, entity.argument)
            )
    return ParsedText(text[lead:], tuple(entities))


def _explicit_entities(params: dict[str, Any], key: str) -> tuple[Entity, ...]:
    raw = get_json(params, key, "can't parse entities JSON object") or []
    entities = []
    for item in raw:
        argument = next((str(item[k]) for k in _ENTITY_ARGUMENT_KEYS if item.get(k)), "")
        entities.append(
            Entity(str(item.get("type")), int(item["offset"]), int(item["length"]), argument)
        )
    return tuple(sorted(entities, key=lambda e: (e.offset, -e.length)))


def check_text(
    params: dict[str, Any],
    key: str = "text",
    *,
    limit: int = MESSAGE_TEXT_LIMIT,
    required: bool = True,
) -> ParsedText | None:
    """Apply the Bot API/tdlib pipeline: raw checks, parse_mode, trimming, then the length limit."""
    raw = get_str(params, key)
    if not raw:
        if required:
            raise bad_request("message text is empty")
        return None
    if len(raw.encode("utf-8", errors="surrogatepass")) > RAW_TEXT_BYTES_LIMIT:
        raise bad_request("text is too long")
    mode = get_str(params, "parse_mode").lower()
    if mode == "html":
        try:
            parsed = parse_html(raw)
        except HtmlParseError as error:
            raise bad_request(error.description) from None
    elif mode in {"", "none", "markdown", "markdownv2"}:
        entities_key = "entities" if key == "text" else "caption_entities"
        parsed = ParsedText(raw, () if mode else _explicit_entities(params, entities_key))
    else:
        raise bad_request("unsupported parse_mode")
    parsed = _trim(parsed)
    if not parsed.text:
        if required:
            raise bad_request("text must be non-empty")
        return None
    if utf16_len(parsed.text) > limit:
        raise bad_request("message is too long" if key == "text" else "message caption is too long")
    return parsed


def check_reply_markup(params: dict[str, Any]) -> dict[str, Any] | None:
    """Validate any reply_markup; returns it normalised (None when absent)."""
    markup = get_json(params, "reply_markup", "can't parse reply keyboard markup JSON object")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("object expected as reply markup")
    if "inline_keyboard" in markup:
        return {"inline_keyboard": _check_inline_keyboard(markup["inline_keyboard"])}
    if "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request('field "keyboard" must be of type Array')
    return markup


def _check_inline_keyboard(rows: Any) -> list[list[dict[str, Any]]]:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "inline_keyboard" must be of type Array')
    if sum(len(row) for row in rows) > MAX_INLINE_BUTTONS:
        raise bad_request("reply markup is too long")
    return [[_check_inline_button(button) for button in row] for row in rows]


def _check_inline_button(button: Any) -> dict[str, Any]:
    prefix = "can't parse inline keyboard button: "
    if not isinstance(button, dict):
        raise bad_request(prefix + "InlineKeyboardButton must be an Object")
    text = button.get("text")
    if not isinstance(text, str):
        raise bad_request(prefix + 'Can\'t find field "text"')
    actions = [
        key for key in BUTTON_ACTIONS if button.get(key) is not None and button.get(key) != ""
    ]
    if not actions:
        raise bad_request(prefix + "Text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise bad_request(
            prefix + "exactly one of the optional fields must be used, got " + ", ".join(actions)
        )
    if not text.strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    data = button.get("callback_data")
    if data is not None and (
        not isinstance(data, str) or len(data.encode("utf-8")) > CALLBACK_DATA_LIMIT
    ):
        raise bad_request("BUTTON_DATA_INVALID")
    return {key: value for key, value in button.items() if value is not None}


def check_language_code(params: dict[str, Any]) -> str:
    """Bot settings accept "" (all users) or a two-letter ISO 639-1 code."""
    code = get_str(params, "language_code")
    if code and not _LANGUAGE_RE.fullmatch(code):
        raise bad_request("invalid language code specified")
    return code


def check_commands(params: dict[str, Any]) -> list[dict[str, Any]]:
    """Mirror tdlib's set_commands checks plus the server-side BOT_COMMAND_INVALID rule."""
    raw = get_json(params, "commands", "can't parse commands JSON object") or []
    if not isinstance(raw, list):
        raise bad_request("expected an Array of BotCommand")
    if len(raw) > MAX_COMMANDS:
        raise bad_request("BOT_COMMANDS_TOO_MUCH")
    commands = []
    for item in raw:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand: expected an Object")
        command = str(item.get("command", "")).strip().removeprefix("/")
        description = str(item.get("description", "")).strip()
        if not command:
            raise bad_request("command must be non-empty")
        if len(command) > COMMAND_LIMIT:
            raise bad_request(f"command length must not exceed {COMMAND_LIMIT}")
        if not _COMMAND_RE.fullmatch(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not description:
            raise bad_request("command description must be non-empty")
        if len(description) > COMMAND_DESCRIPTION_LIMIT:
            raise bad_request(
                f"command description length must not exceed {COMMAND_DESCRIPTION_LIMIT}"
            )
        stored: dict[str, Any] = {"command": command, "description": description}
        if item.get("is_ephemeral") in (True, "true"):
            stored["is_ephemeral"] = True
        commands.append(stored)
    return commands


def scope_key(params: dict[str, Any]) -> str:
    """Commands are stored per exact scope object, the default scope when omitted."""
    scope = get_json(params, "scope", "can't parse BotCommandScope JSON object")
    return json.dumps(scope or {"type": "default"}, sort_keys=True)


@dataclass(slots=True)
class InjectedFailure:
    """A queued error for the next calls of one method."""

    status: int
    description: str
    retry_after: int | None
    times: int


BOT_TEXT_LIMITS = {"description": 512, "short_description": 120, "name": 64}
