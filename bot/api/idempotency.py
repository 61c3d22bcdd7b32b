"""Idempotency-Key: a POST runs once per key, and its retries, simultaneous ones too, get the
answer it gave.

The first request with a key reserves it (one INSERT ... ON CONFLICT DO NOTHING, committed at
once), runs, and stores its answer in the transaction of its own changes: the answer is kept
exactly when the changes are. A request that finds the key reserved by the same request waits
for that answer (looking again every `POLL` seconds, for up to `WAIT`) and returns it; with
another body it is refused at once. A request that fails (a refusal, a crash) releases the
key, so that a retry runs it again; a reservation whose request died without releasing it is
taken over after `LEASE`. Time comes from the injected clock and waiting from an injected
`sleep`, so tests never wait for real.

What is stored opens only with the Idempotency-Key itself (`ReplayKey`): the row is found by
a SHA-256 of the key, the request is recognised by an HMAC, and the answer (a sign-in link
code, a buyer's e-mail and name) is sealed with AES-GCM, under keys derived by HKDF-SHA256
from the Idempotency-Key with API_TOKEN as the salt. A copy of the database alone replays
nothing. (After API_TOKEN changes, a key stored before it no longer matches its request:
409 idempotency_key_reused until the record is pruned.)
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.db.models import IdempotencyRecord
from bot.db.uow import UnitOfWork

logger = logging.getLogger(__name__)
Sleep = Callable[[float], Awaitable[object]]
WAIT = timedelta(seconds=5)  # how long a retry waits for the answer of the key's request
POLL = 0.05  # seconds between two looks at the key
LEASE = timedelta(minutes=1)  # a reservation this old, with no answer, is a dead request's
_KEYS_INFO = b"cabinet idempotency record v1"
_NONCE = 12  # bytes, AES-GCM's standard nonce


@dataclass(frozen=True)
class Answer:
    """What a route answered: its status and JSON body, and the buyer it was about."""

    status: int
    payload: Any
    buyer_id: int | None = None


class ReplayKey:
    """What one Idempotency-Key opens: its row (`lookup`), its request's fingerprint, and
    its sealed answer. `secret` (API_TOKEN) salts the derivation, so the key alone, as a
    client knows it, opens nothing either."""

    def __init__(self, key: str, secret: bytes) -> None:
        self.lookup = hashlib.sha256(key.encode()).hexdigest()
        derive = HKDF(algorithm=hashes.SHA256(), length=64, salt=secret, info=_KEYS_INFO)
        keys = derive.derive(key.encode())
        self._cipher = AESGCM(keys[:32])
        self._fingerprints = keys[32:]

    def fingerprint(self, request: bytes) -> str:
        """Tells the same request from another one; without the key it tells nothing (a plain
        hash would let a copy of the database confirm a guessed e-mail)."""
        return hmac.new(self._fingerprints, request, hashlib.sha256).hexdigest()

    def seal(self, answer: Answer) -> bytes:
        nonce = os.urandom(_NONCE)
        plain = json.dumps(answer.payload, separators=(",", ":")).encode()
        return nonce + self._cipher.encrypt(nonce, plain, self._bound(answer.status))

    def open(self, status: int, sealed: bytes) -> Answer:
        nonce, data = sealed[:_NONCE], sealed[_NONCE:]
        return Answer(status, json.loads(self._cipher.decrypt(nonce, data, self._bound(status))))

    def _bound(self, status: int) -> bytes:
        """Associated data: a sealed answer opens only under its own row and status."""
        return f"{self.lookup}:{status}".encode()


class KeyRefused(Exception):
    """The key cannot be used now: `reused` with another request, or still `in_progress`
    (its request runs longer than a retry waits)."""

    def __init__(self, reason: Literal["reused", "in_progress"]) -> None:
        super().__init__(reason)
        self.reason = reason


# Stores the answer in the request's own transaction (before it commits).
Keep = Callable[[UnitOfWork, Answer], Awaitable[None]]
Run = Callable[[Keep], Awaitable[Answer]]


class Replays:
    """The Idempotency-Keys of one API."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        clock: Clock,
        secret: bytes,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._session_factory = session_factory
        self._clock = clock
        self._secret = secret
        self._sleep = sleep

    async def once(self, key: str, request: bytes, run: Run) -> tuple[Answer, bool]:
        """The answer for this key, and whether it is a replay: `run` runs only if this
        request (method, path and body, as bytes) gets the key; it must call the `Keep` it is
        given before it commits."""
        sealing = ReplayKey(key, self._secret)
        fingerprint = sealing.fingerprint(request)
        deadline = self._clock.now() + WAIT
        while True:
            record = await self._record(sealing.lookup)
            if record is not None and record.request_hash != fingerprint:
                raise KeyRefused("reused")
            if record is not None and record.status_code is not None:
                return sealing.open(record.status_code, record.body or b""), True
            if record is None or record.created_at < self._clock.now() - LEASE:
                reserved_at = await self._reserve(sealing.lookup, fingerprint)
                if reserved_at is not None:
                    return await self._run(sealing, reserved_at, run), False
                continue  # another request took it first: look at what it holds
            if self._clock.now() >= deadline:
                raise KeyRefused("in_progress")
            await self._sleep(POLL)

    async def _reserve(self, lookup: str, fingerprint: str) -> datetime | None:
        now = self._clock.now()
        async with UnitOfWork(self._session_factory) as uow:
            taken = await uow.idempotency.reserve(lookup, fingerprint, now, now - LEASE)
            await uow.commit()
        return now if taken else None

    async def _record(self, lookup: str) -> IdempotencyRecord | None:
        async with UnitOfWork(self._session_factory) as uow:
            return await uow.idempotency.get(lookup)

    async def _run(self, sealing: ReplayKey, reserved_at: datetime, run: Run) -> Answer:
        async def keep(uow: UnitOfWork, answer: Answer) -> None:
            sealed = sealing.seal(answer)
            kept = await uow.idempotency.answer(
                sealing.lookup, reserved_at, answer.status, sealed, answer.buyer_id
            )
            if not kept:
                # Taken over as stale while this request ran: the taker runs it; this
                # request's changes are rolled back with the exception.
                raise KeyRefused("in_progress")

        try:
            return await run(keep)
        except BaseException:
            await self._release(sealing.lookup, reserved_at)
            raise

    async def _release(self, lookup: str, reserved_at: datetime) -> None:
        try:
            async with UnitOfWork(self._session_factory) as uow:
                await uow.idempotency.release(lookup, reserved_at)
                await uow.commit()
        except Exception:
            # The lease frees the key later; the request's own error is the one to answer.
            logger.exception("could not release an Idempotency-Key")
