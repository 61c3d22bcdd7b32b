"""Pacing pushes the way Telegram asks: a global rate, and at most one message per chat a second.

The global rate is a GCRA token bucket (bursts up to one second's worth): each call reserves
its slot before it sleeps, with no await in between, so several concurrent senders share one
limiter without a lock and without overshooting the rate.

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
    """`rate` messages a second overall (bursts up to one second's worth) and one per chat."""

    def __init__(self, rate: float, clock: Clock, sleep: Sleep) -> None:
        if rate <= 0:
            msg = "rate must be positive"
            raise ValueError(msg)
        self._interval = 1 / rate
        # A full bucket holds max(1, rate) tokens: that many may go at once after a pause.
        self._tolerance = (max(1.0, rate) - 1) * self._interval
        self._clock = clock
        self._sleep = sleep
        self._theoretical = clock.now().timestamp()  # when the bucket would be full again
        self._last_by_chat: OrderedDict[int, float] = OrderedDict()

    @property
    def rate(self) -> float:
        return 1 / self._interval

    def _now(self) -> float:
        return self._clock.now().timestamp()

    def chat_free_in(self, chat_id: int) -> float:
        """Seconds until a message to this chat may go (0 when it may go now)."""
        last = self._last_by_chat.get(chat_id)
        return 0.0 if last is None else max(0.0, last + PER_CHAT_INTERVAL - self._now())

    async def wait(self, chat_id: int) -> None:
        """Return when a message to `chat_id` may go out; takes one slot of the global rate.

        The chat's own spacing is waited out first, without holding a global slot, so one busy
        chat never wastes the rate that other chats could use meanwhile.
        """
        chat_wait = self.chat_free_in(chat_id)
        if chat_wait > 0:
            await self._sleep(chat_wait)
        now = self._now()
        theoretical = max(self._theoretical, now)
        slot = max(now, theoretical - self._tolerance)
        self._theoretical = theoretical + self._interval
        self._remember(chat_id, slot)
        if slot > now:
            await self._sleep(slot - now)

    def throttled(self, chat_id: int, seconds: float) -> None:
        """Telegram said 429 for this chat: hold it for `seconds`, and empty the bucket."""
        now = self._now()
        self._remember(chat_id, now + seconds - PER_CHAT_INTERVAL)
        self._theoretical = max(self._theoretical, now + self._tolerance + self._interval)

    def _remember(self, chat_id: int, at: float) -> None:
        self._last_by_chat[chat_id] = at
        self._last_by_chat.move_to_end(chat_id)
        if len(self._last_by_chat) > REMEMBERED_CHATS:
            self._last_by_chat.popitem(last=False)
