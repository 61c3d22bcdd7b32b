"""Every button press is answered exactly once, also when its handler fails; a press replayed
after signing in (bot/middlewares/gate.py) has no query to answer at Telegram, so its answer
text comes as a message."""

from __future__ import annotations

from typing import Any

from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer, CallbackAnswerMiddleware

from bot.middlewares.gate import REPLAYED


class CallbackAnswers(CallbackAnswerMiddleware):
    """Answers every button press exactly once; a replayed press (see the module docstring)
    has no query to answer at Telegram, so its answer text comes as a message."""

    def answer(self, event: CallbackQuery, callback_answer: CallbackAnswer) -> Any:
        if event.id.startswith(REPLAYED):
            return _say(event, callback_answer.text)
        return super().answer(event, callback_answer)


async def _say(event: CallbackQuery, text: str | None) -> None:
    if text and event.bot is not None:
        await event.bot.send_message(event.from_user.id, text)
