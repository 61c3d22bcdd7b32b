"""Plain data shared by the fake server and its clients: the bot user, calls and message states."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from bot.telegram_html import Entity

BOT_USER: dict[str, Any] = {
    "id": 42,
    "is_bot": True,
    "first_name": "Cabinet",
    "username": "cabinet_test_bot",
}


@dataclass(slots=True)
class RecordedCall:
    """One request the bot made; ``result_or_error`` is the result or the error description."""

    method: str
    params: dict[str, Any]
    ok: bool
    result_or_error: Any
    status: int = 200


@dataclass(slots=True)
class MessageState:
    """The live state of one message; ``payload`` is the Message JSON as the API would return it."""

    chat_id: int
    message_id: int
    from_bot: bool
    payload: dict[str, Any]
    entities: tuple[Entity, ...] = field(default=())

    @property
    def text(self) -> str | None:
        return self.payload.get("text")

    @property
    def caption(self) -> str | None:
        return self.payload.get("caption")

    @property
    def reply_markup(self) -> dict[str, Any] | None:
        return self.payload.get("reply_markup")

    def to_json(self) -> dict[str, Any]:
        """A deep copy, so callers can't mutate server state; with the text's entities, as
        Telegram sends them (a bot compares them to know whether an edit changes anything)."""
        payload = copy.deepcopy(self.payload)
        if self.entities and "text" in payload:
            payload["entities"] = [entity_json(entity) for entity in self.entities]
        return payload


# The entity argument's name in the Bot API's MessageEntity, by entity type.
_ARGUMENT_KEYS = {"text_link": "url", "pre": "language", "custom_emoji": "custom_emoji_id"}


def entity_json(entity: Entity) -> dict[str, Any]:
    """One parsed entity as the Bot API's MessageEntity JSON."""
    shown: dict[str, Any] = {"type": entity.type, "offset": entity.offset, "length": entity.length}
    key = _ARGUMENT_KEYS.get(entity.type)
    if key is not None and entity.argument:
        shown[key] = entity.argument
    return shown
