"""The error boundary: domain errors become localized answers, anything else is logged and
the buyer is told, in their language, that something went wrong."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import BaseMiddleware, Bot
from aiogram.exceptions import TelegramAPIError, TelegramRetryAfter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, TelegramObject, Update
from aiogram.utils.callback_answer import CallbackAnswer

from bot.db.uow import UnitOfWork
from bot.services.errors import DomainError
from bot.views.errors import error_text, something_went_wrong
from bot.views.flood import slow_down_text, slowed_down_text

logger = logging.getLogger(__name__)
UTC_ZONE = ZoneInfo("UTC")


class Later:
    """Messages that must wait until Telegram's flood control lets the chat be written to
    again: each waits in a task of its own, so updates go on being handled meanwhile."""

    def __init__(self, sleep: Callable[[float], Awaitable[object]] = asyncio.sleep) -> None:
        self.sleep = sleep
        self._tasks: set[asyncio.Task[None]] = set()

    def send(self, bot: Bot, chat_id: int, delay: float, text: str) -> None:
        task = asyncio.create_task(self._send(bot, chat_id, delay, text))
        self._tasks.add(task)  # the loop keeps only a weak reference to a task
        task.add_done_callback(self._tasks.discard)

    async def _send(self, bot: Bot, chat_id: int, delay: float, text: str) -> None:
        await self.sleep(delay)
        await tell_chat(bot, chat_id, text)

    async def wait(self) -> None:
        """Until every waiting message has gone (tests, and a stop that wants them out)."""
        while self._tasks:
            await asyncio.gather(*self._tasks)


class DomainErrorMiddleware(BaseMiddleware):
    """Inside the callback answerer: a refusal becomes the alert or a reply, in words.

    Telegram's flood control (429) refusing to show a result is no failure of ours: the buyer
    is told whether what they did was saved (something was committed during the handler) and
    when to look again; when nothing was, the form step they were at is kept, so trying again
    does the same thing again.
    """

    def __init__(self, later: Later | None = None) -> None:
        self.later = later or Later()

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        uow: UnitOfWork | None = data.get("uow")
        commits = uow.commits if uow is not None else 0
        state: FSMContext | None = data.get("state")
        # Where the buyer was, put back when Telegram's flood control stopped a step midway.
        raw_state = data.get("raw_state")
        form = await state.get_data() if state is not None else {}
        try:
            return await handler(event, data)
        except DomainError as error:
            text = error_text(error, data.get("tz", UTC_ZONE))
            answer: CallbackAnswer | None = data.get("callback_answer")
            if isinstance(event, CallbackQuery) and answer is not None:
                answer.text, answer.show_alert = text, True
            elif isinstance(event, Message):
                await event.answer(text)
            return None
        except TelegramRetryAfter as error:
            saved = uow is not None and uow.commits > commits
            logger.warning(
                "Telegram asked to wait %s s (%s saved)",
                error.retry_after,
                "something" if saved else "nothing",
            )
            if not saved and state is not None:
                await state.set_state(raw_state)
                await state.set_data(form)
            await self._tell_flood(event, data, error.retry_after, saved=saved)
            return None
        except Exception:
            answer = data.get("callback_answer")
            if answer is not None and not answer.answered:
                answer.text, answer.show_alert = something_went_wrong(), True
            raise

    async def _tell_flood(
        self, event: TelegramObject, data: dict[str, Any], seconds: int, *, saved: bool
    ) -> None:
        """A button's alert says it at once; anything else waits for the chat to open up."""
        answer: CallbackAnswer | None = data.get("callback_answer")
        if isinstance(event, CallbackQuery):
            if answer is not None and not (answer.answered or answer.disabled):
                answer.text = slow_down_text(seconds, saved=saved)
                answer.show_alert = True
                return
            chat_id = event.from_user.id
        elif isinstance(event, Message):
            chat_id = event.chat.id
        else:
            return
        self.later.send(data["bot"], chat_id, seconds, slowed_down_text(saved=saved))


class ErrorBoundaryMiddleware(BaseMiddleware):
    """Innermost update middleware: sees the buyer's locale, logs, tells, never crashes."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        try:
            return await handler(event, data)
        except Exception:
            update_id = event.update_id if isinstance(event, Update) else None
            logger.exception("Update %s failed", update_id)
            if isinstance(event, Update) and event.message is not None:
                await tell_chat(data["bot"], event.message.chat.id)
            return None


async def tell_chat(bot: Bot, chat_id: int, text: str | None = None) -> None:
    try:
        await bot.send_message(chat_id, text or something_went_wrong())
    except TelegramAPIError:
        logger.warning("Could not tell chat %s about the failure", chat_id)
