"""Slows down guessing the API token: a peer address that sent too many wrong tokens in the
last minute is refused (429, Retry-After) until the oldest of them is a minute old.

Only wrong tokens are counted and refused; the right token always gets through, so an
attacker sharing an address with the marketplace cannot lock it out. A request without any
token guesses nothing and is a plain 401. Memory is bounded: at most `max_peers` addresses
are tracked, the one whose last wrong token is oldest is forgotten first. The peer is the
TCP peer: behind a reverse proxy every client has the proxy's address (see the README).
"""

from __future__ import annotations

import math
from collections import OrderedDict, deque
from datetime import datetime, timedelta

from bot.clock import Clock

WINDOW = timedelta(minutes=1)
MAX_PEERS = 10_000


class WrongTokenThrottle:
    """Wrong tokens per peer over a sliding one-minute window (a log of their times)."""

    def __init__(self, clock: Clock, limit: int = 10, max_peers: int = MAX_PEERS) -> None:
        self._clock = clock
        self._limit = limit
        self._max_peers = max_peers
        self._peers: OrderedDict[str, deque[datetime]] = OrderedDict()

    def __len__(self) -> int:
        """How many peers are tracked."""
        return len(self._peers)

    def retry_after(self, peer: str) -> int | None:
        """Whole seconds until the peer may try a token again; None if it may now."""
        failures = self._recent(peer)
        if failures is None or len(failures) < self._limit:
            return None
        wait = failures[0] + WINDOW - self._clock.now()
        return max(1, math.ceil(wait.total_seconds()))

    def failed(self, peer: str) -> None:
        """Count a wrong token from the peer (one that was not refused for being blocked)."""
        failures = self._recent(peer)
        if failures is None:
            failures = deque(maxlen=self._limit)
            self._peers[peer] = failures
            while len(self._peers) > self._max_peers:
                self._peers.popitem(last=False)
        failures.append(self._clock.now())
        self._peers.move_to_end(peer)

    def _recent(self, peer: str) -> deque[datetime] | None:
        failures = self._peers.get(peer)
        if failures is None:
            return None
        since = self._clock.now() - WINDOW
        while failures and failures[0] <= since:
            failures.popleft()
        if not failures:
            del self._peers[peer]
            return None
        return failures
