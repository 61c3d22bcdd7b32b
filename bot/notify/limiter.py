"""Pacing pushes the way Telegram asks: a global rate, and at most one message per chat a second.

Time comes from the injected clock and waiting from the injected `sleep`, so tests run the
pacing on a fixed clock without sleeping.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable

from bot.clock import Clock

Sleep = Callable[[float], Awaitable[None]]
PER_CHAT_INTERVAL = 1.0
REMEMBERED_CHATS = 100_000


class RateLimiter:
    """A token bucket (`rate` per second, bursts up to one second's worth) plus per-chat spacing."""

    def __init__(self, rate: float, clock: Clock, sleep: Sleep) -> None:
        if rate <= 0:
            msg = "rate must be positive"
            raise ValueError(msg)
        self._rate = rate
        self._capacity = max(1.0, rate)
        self._tokens = self._capacity
        self._clock = clock
        self._sleep = sleep
        self._updated = clock.now().timestamp()
        self._last_by_chat: OrderedDict[int, float] = OrderedDict()

    def _refill(self) -> float:
        now = self._clock.now().timestamp()
        self._tokens = min(self._capacity, self._tokens + (now - self._updated) * self._rate)
        self._updated = now
        return now

    def chat_ready(self, chat_id: int) -> bool:
        """Could a message to this chat go out now without the per-chat wait?"""
        last = self._last_by_chat.get(chat_id)
        return last is None or self._clock.now().timestamp() - last >= PER_CHAT_INTERVAL

    async def wait(self, chat_id: int) -> None:
        """Return when a message to `chat_id` may go out; takes one token."""
        now = self._refill()
        last = self._last_by_chat.get(chat_id)
        if last is not None and now - last < PER_CHAT_INTERVAL:
            await self._sleep(PER_CHAT_INTERVAL - (now - last))
            now = self._refill()
        if self._tokens < 1:
            await self._sleep((1 - self._tokens) / self._rate)
            now = self._refill()
        self._tokens -= 1
        self._last_by_chat[chat_id] = now
        self._last_by_chat.move_to_end(chat_id)
        if len(self._last_by_chat) > REMEMBERED_CHATS:
            self._last_by_chat.popitem(last=False)

    def throttled(self, chat_id: int, seconds: float) -> None:
        """Telegram said 429 for this chat: hold it for `seconds`, and empty the bucket."""
        now = self._refill()
        self._last_by_chat[chat_id] = now + seconds - PER_CHAT_INTERVAL
        self._last_by_chat.move_to_end(chat_id)
        self._tokens = 0.0
