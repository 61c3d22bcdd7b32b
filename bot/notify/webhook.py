"""Delivering outbound events to the marketplace: signed POSTs, retried with backoff.

An event is claimed with a lease before it is sent, so two workers never send it at once and
one that dies mid-send is retried after the lease; it is marked delivered only after a 2xx.
The receiver dedups by `X-Cabinet-Event-Id` (a crash between its 2xx and our mark is the only
way it can see an event twice).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from datetime import timedelta

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.db.models import OutboundEvent
from bot.db.uow import UnitOfWork

logger = logging.getLogger(__name__)
LEASE = timedelta(minutes=2)
MAX_BACKOFF = timedelta(hours=1)


def sign(secret: bytes, body: bytes) -> str:
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


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
    def __init__(self, url: str, secret: str, http: aiohttp.ClientSession, timeout: float = 10):
        self._url = url
        self._secret = secret.encode()
        self._http = http
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def send(self, event: OutboundEvent) -> str | None:
        """None when the marketplace accepted the event, else why not."""
        body = envelope(event)
        headers = {
            "Content-Type": "application/json",
            "X-Cabinet-Event-Id": str(event.id),
            "X-Cabinet-Event-Kind": event.kind,
            "X-Cabinet-Signature": sign(self._secret, body),
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
