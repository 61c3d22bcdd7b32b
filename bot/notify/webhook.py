"""Delivering outbound events to the marketplace: signed POSTs, retried with backoff.

An event is claimed with a lease before it is sent, so two workers never send it at once and
one that dies mid-send is retried after the lease; it is marked delivered only after a 2xx.
The receiver dedups by `X-Cabinet-Event-Id` (a crash between its 2xx and our mark is the only
way it can see an event twice).

Each delivery is signed with the time it is sent: `X-Cabinet-Timestamp` (Unix seconds) and
`X-Cabinet-Signature: sha256=<HMAC-SHA256 of "<timestamp>.<body>">`, so a captured request
replayed later fails `verify_signature`, which receivers can use (or copy: it is short).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from datetime import datetime, timedelta

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.db.models import OutboundEvent
from bot.db.uow import UnitOfWork

logger = logging.getLogger(__name__)
LEASE = timedelta(minutes=2)
MAX_BACKOFF = timedelta(hours=1)


TOLERANCE = 300  # seconds a receiver accepts between our timestamp and its clock


def sign(secret: bytes, timestamp: int, body: bytes) -> str:
    """The signature of one delivery: the body together with the time it is sent."""
    signed = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret, signed, hashlib.sha256).hexdigest()


def verify_signature(
    secret: str | bytes,
    timestamp: str,
    body: bytes,
    signature: str,
    now: datetime,
    tolerance: int = TOLERANCE,
) -> bool:
    """For a receiver: whether `signature` (X-Cabinet-Signature) is ours over `body` (the raw
    bytes) and `timestamp` (X-Cabinet-Timestamp), sent at most `tolerance` seconds from `now`.
    A replay of a captured request fails once it is older than the tolerance; within it, the
    receiver's dedup by X-Cabinet-Event-Id makes it harmless."""
    if not timestamp.isascii() or not timestamp.isdigit() or len(timestamp) > 12:
        return False
    if abs(now.timestamp() - int(timestamp)) > tolerance:
        return False
    key = secret.encode() if isinstance(secret, str) else secret
    expected = sign(key, int(timestamp), body)
    return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))


def backoff(attempts: int) -> timedelta:
    """5 s, 10 s, 20 s, ... up to an hour between tries."""
    return min(timedelta(seconds=5 * 2 ** min(attempts, 20)), MAX_BACKOFF)


def envelope(event: OutboundEvent) -> bytes:
    body = {
        "id": event.id,
        "kind": event.kind,
        "created_at": event.created_at.isoformat(),
        "data": event.payload,
    }
    return json.dumps(body, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()


class WebhookSender:
    def __init__(
        self,
        url: str,
        secret: str,
        http: aiohttp.ClientSession,
        clock: Clock,
        timeout: float = 10,
    ) -> None:
        self._url = url
        self._secret = secret.encode()
        self._http = http
        self._clock = clock
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def send(self, event: OutboundEvent) -> str | None:
        """None when the marketplace accepted the event, else why not."""
        body = envelope(event)
        timestamp = int(self._clock.now().timestamp())  # each try is signed afresh
        headers = {
            "Content-Type": "application/json",
            "X-Cabinet-Event-Id": str(event.id),
            "X-Cabinet-Event-Kind": event.kind,
            "X-Cabinet-Timestamp": str(timestamp),
            "X-Cabinet-Signature": sign(self._secret, timestamp, body),
        }
        try:
            async with self._http.post(
                self._url, data=body, headers=headers, timeout=self._timeout
            ) as response:
                if 200 <= response.status < 300:
                    return None
                return f"HTTP {response.status}"
        except (aiohttp.ClientError, TimeoutError) as error:
            return f"{type(error).__name__}: {error}"


async def deliver_due_events(
    session_factory: async_sessionmaker[AsyncSession],
    sender: WebhookSender,
    clock: Clock,
    batch: int = 50,
) -> int:
    """Send what is due now; returns how many the marketplace accepted."""
    now = clock.now()
    async with UnitOfWork(session_factory) as uow:
        due = await uow.events.due(now, batch)
    delivered = 0
    for event in due:
        async with UnitOfWork(session_factory) as uow:
            if not await uow.events.claim(event.id, now, now + LEASE):
                continue
            await uow.commit()
        problem = await sender.send(event)
        async with UnitOfWork(session_factory) as uow:
            if problem is None:
                await uow.events.mark_delivered(event.id, clock.now())
                delivered += 1
            else:
                logger.warning("Event %s not accepted: %s", event.id, problem)
                await uow.events.mark_failed(
                    event.id, problem, clock.now() + backoff(event.attempts)
                )
            await uow.commit()
    return delivered
