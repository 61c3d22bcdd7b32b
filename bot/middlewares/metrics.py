"""Counting the updates the dispatcher handles, by type, into the process' metrics."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update

from bot.api.metrics import Metrics


class UpdateCounter(BaseMiddleware):
    """Counts every update the dispatcher handles, by type (message, callback_query, ...)."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        kind = event.event_type if isinstance(event, Update) else type(event).__name__
        self._metrics.updates.labels(kind).inc()
        return await handler(event, data)
