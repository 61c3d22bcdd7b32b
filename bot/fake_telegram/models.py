"""Plain data shared by the fake server and its clients: the bot user, calls and message states."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from bot.fake_telegram.html import Entity

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
        """A deep copy, so callers can't mutate server state."""
        return copy.deepcopy(self.payload)
