"""The outbox sender: drains due pushes in batches through the rate limiter.

- due rows are claimed with a lease in one statement; a crash or a second process never sends
  a claimed row, and a lease that runs out makes the row due again;
- the batch's preferences and subjects are loaded in one session (bot/notify/batch.py), then
  a few workers send — one chat is only ever in one worker's hands, so its pushes keep their
  order and spacing — and a group-committing ledger records the outcomes (ledger.py);
- 429: the row is tried again after `retry_after`, its chat is held that long, and the global
  bucket starts empty (several 429s in a row slow everyone down; one does not stop everyone);
- 5xx or the network: the row is retried later with backoff;
- 403 (blocked): the buyer is marked unreachable and nothing more is sent to them until they
  write to the bot again;
- muted kinds, vanished subjects and rows older than `max_age` are dropped, never sent.
"""

from __future__ import annotations

import logging
import math
from collections import deque
from dataclasses import dataclass, field
from datetime import timedelta

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import SendMessage, SendPhoto
from aiogram.types import BufferedInputFile, MessageId
from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.notify.batch import BatchPlanner, Job, Planned
from bot.notify.board import ChatBoard
from bot.notify.ledger import Dropped, OutcomeLedger, Retry, Sent, Unreachable
from bot.notify.limiter import RateLimiter
from bot.notify.webhook import backoff
from bot.services.browse.charts import price_chart
from bot.services.disputes.rules import DisputeRules
from bot.services.errors import ProductNotFound
from bot.services.exchange_rates import RateRules
from bot.services.notifications import DIGEST_MARK
from bot.views.charts import ChartRenderer, PushChart, price_chart_png
from bot.views.fit import CAPTION_LIMIT, fits
from bot.views.pushes import Push

logger = logging.getLogger(__name__)
LEASE = timedelta(minutes=2)


class PushMessage(SendMessage):
    """sendMessage that reads back only the message id: the sender needs nothing else, and
    parsing the whole Message it returns was a tenth of the cost of a push."""

    __returning__ = MessageId


class PushPhoto(SendPhoto):
    """sendPhoto reading back only the message id, as PushMessage."""

    __returning__ = MessageId


@dataclass
class DrainReport:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    dropped: int = 0
    unreachable: int = 0
    deferred: int = 0
    throttled: int = 0
    stale: int = 0
    reasons: list[str] = field(default_factory=list)

    def add(self, other: DrainReport) -> None:
        for name in ("claimed", "sent", "retried", "dropped", "unreachable", "deferred", "stale"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.throttled += other.throttled
        self.reasons.extend(other.reasons)


def workers_for(rate: float) -> int:
    """Enough requests in flight to keep up `rate`: one worker per 50 pushes a second, at most
    16 (so sequential at the default 25/s). A push whose request is in flight when the process
    is killed may go twice, so more workers than needed is not free."""
    return max(1, min(16, math.ceil(rate / 50)))


@dataclass(frozen=True)
class SenderConfig:
    default_locale: str
    default_timezone: str
    max_age: timedelta = timedelta(hours=72)
    paid_broadcast: bool = False
    digest_hour: int = 19
    lease: timedelta = LEASE
    workers: int = 1
    # (index, count): this sender serves only the buyers whose id % count == index, so several
    # processes share a broadcast and each chat still has one sender pacing it.
    shard: tuple[int, int] | None = None
    dispute_rules: DisputeRules = DisputeRules()  # when a nudge offers to open a dispute
    rate_rules: RateRules = RateRules(max_age=timedelta(hours=48))  # display-currency amounts


class OutboxSender:
    def __init__(
        self,
        bot: Bot,
        session_factory: async_sessionmaker[AsyncSession],
        i18n: I18n,
        clock: Clock,
        limiter: RateLimiter,
        config: SenderConfig,
        charts: ChartRenderer | None = None,
    ) -> None:
        self._bot = bot
        self._charts = charts or ChartRenderer(size=16)
        self._sessions = session_factory
        self._clock = clock
        self._limiter = limiter
        self._config = config
        self._planner = BatchPlanner(i18n, clock, config)

    async def drain_due(self, batch: int = 500, max_batches: int = 100) -> DrainReport:
        """Everything due now, batch after batch (the scheduler's job). The next batch is
        claimed and prepared while the previous one is still being sent, so the rate does
        not dip between batches."""
        return await self._run(batch, max_batches)

    async def drain(self, batch: int = 500) -> DrainReport:
        """Send one batch of what is due now; minor pushes of digest readers wait for their
        digest time and then go out together as one message."""
        return await self._run(batch, 1)

    def _claim_limit(self, batch: int) -> int:
        """No more rows per claim than can be sent well within their lease: a row whose lease
        ran out while it waited its turn could be claimed and sent by another sender too."""
        sendable = self._limiter.rate * self._config.lease.total_seconds() / 3
        return max(1, min(batch, int(sendable)))

    async def _run(self, batch: int, max_batches: int) -> DrainReport:
        batch = self._claim_limit(batch)
        report = DrainReport()
        ledger = OutcomeLedger(self._sessions)
        board = ChatBoard(
            lambda chat_jobs: self._next_of_chat(chat_jobs, ledger, report), self._config.workers
        )
        try:
            for _ in range(max_batches):
                plan = await self._claim_and_plan(batch)
                self._settle(plan, ledger, report)
                board.add(plan.jobs)
                if plan.claimed < batch:
                    break
                # Claim the next batch once this one is half sent: leases stay short.
                await board.wait_below(batch // 2)
            await board.join()
        finally:
            await board.close()
            await ledger.close()
        return report

    @staticmethod
    def _settle(plan: Planned, ledger: OutcomeLedger, report: DrainReport) -> None:
        report.claimed += plan.claimed
        for outcome in plan.settled:
            ledger.record(outcome)
            if isinstance(outcome, Dropped):
                report.dropped += len(outcome.row_ids)
                report.reasons.extend([outcome.reason] * len(outcome.row_ids))
            else:
                report.deferred += len(outcome.row_ids)

    async def _claim_and_plan(self, batch: int) -> Planned:
        now = self._clock.now()
        async with UnitOfWork(self._sessions) as uow:
            due = await uow.outbox.due(now, batch, self._config.shard)
            lease_until = now + self._config.lease
            claimed = await uow.outbox.claim([row.id for row, _ in due], now, lease_until)
            await uow.commit()
            due = [pair for pair in due if pair[0].id in claimed]
            return await self._planner.plan(uow, due, lease_until)

    async def _next_of_chat(
        self, pending: deque[Job], ledger: OutcomeLedger, report: DrainReport
    ) -> int:
        """Send the chat's next push; after a 429 or a block, settle the rest of its pushes.
        Returns how many of the chat's pushes it took off the board."""
        job = pending.popleft()
        taken = 1
        if self._clock.now() >= job.lease_until - self._config.lease / 10:
            # Its lease ran out (or nearly) while it waited: the row is due again and may be
            # another sender's by now. Sending it here could make it go twice; leave it.
            report.stale += len(job.rows)
            return taken
        try:
            outcome = await self._send(job.user, job.push)
        except Exception:  # a bug must not strand the batch: the rows are retried later
            logger.exception("Sending pushes %s failed", job.row_ids)
            outcome = "retry:unexpected error"
        now = self._clock.now()
        if outcome == "sent":
            ledger.record(Sent(job.row_ids, now))
            report.sent += len(job.rows)
        elif outcome == "blocked":
            rest = [row_id for later in pending for row_id in later.row_ids]
            taken += len(pending)
            pending.clear()
            ledger.record(Unreachable(job.user.id, job.row_ids + rest, now))
            report.unreachable += 1
        elif outcome.startswith("wait:"):
            # 429: this chat's pushes go again after retry_after; the others carry on meanwhile.
            when = now + timedelta(seconds=float(outcome.removeprefix("wait:")))
            for held in (job, *pending):
                reason = DIGEST_MARK if held.digest else "429"
                ledger.record(Retry(held.row_ids, when, reason, attempt=False))
                report.throttled += len(held.rows)
            taken += len(pending)
            pending.clear()
        elif outcome.startswith("retry:"):
            when = now + backoff(max(row.attempts for row in job.rows))
            reason = DIGEST_MARK if job.digest else outcome
            ledger.record(Retry(job.row_ids, when, reason, attempt=True))
            report.retried += len(job.rows)
        else:
            logger.warning("Pushes %s refused for good: %s", job.row_ids, outcome)
            ledger.record(Dropped(job.row_ids, now, outcome))
            report.dropped += len(job.rows)
            report.reasons.append(outcome)
        return taken

    async def _send(self, user: User, push: Push) -> str:
        """'sent', 'blocked', 'wait:<seconds>', 'retry:<why>', or why it can never be sent."""
        assert user.telegram_id is not None
        await self._limiter.wait(user.telegram_id)
        try:
            if not await self._sent_as_chart(user.telegram_id, push):
                await self._bot(
                    PushMessage(
                        chat_id=user.telegram_id,
                        text=push.text,
                        reply_markup=push.markup,
                        allow_paid_broadcast=self._config.paid_broadcast or None,
                    )
                )
        except TelegramRetryAfter as error:
            self._limiter.throttled(user.telegram_id, error.retry_after)
            return f"wait:{error.retry_after}"
        except TelegramForbiddenError:
            return "blocked"
        except (TelegramServerError, TelegramNetworkError) as error:
            return f"retry:{error.message}"
        except TelegramBadRequest as error:
            return f"refused: {error.message}"
        return "sent"

    async def _chart_png(self, chart: PushChart) -> bytes | None:
        try:
            found = await price_chart(
                UnitOfWork(self._sessions), chart.product_id, chart.days, self._clock.now()
            )
            return await price_chart_png(found, self._charts, chart.locale, chart.tz, chart.display)
        except ProductNotFound:
            return None
        except Exception:  # a chart that cannot be drawn must not hold the push back
            logger.exception("The chart of product %s was not drawn", chart.product_id)
            return None

    async def _sent_as_chart(self, chat_id: int, push: Push) -> bool:
        """Send the push as its chart with the text as the caption; False when it has none,
        its text is too long for a caption, or the photo could not be drawn or was refused
        (the text goes alone then). 429, 403 and server errors are the caller's to handle."""
        if push.chart is None or not fits(push.text, CAPTION_LIMIT):
            return False
        png = await self._chart_png(push.chart)
        if png is None:
            return False
        try:
            await self._bot(
                PushPhoto(
                    chat_id=chat_id,
                    photo=BufferedInputFile(png, filename="chart.png"),
                    caption=push.text,
                    reply_markup=push.markup,
                    allow_paid_broadcast=self._config.paid_broadcast or None,
                )
            )
        except TelegramBadRequest as error:
            logger.warning("A chart push went as text: %s", error.message)
            return False
        return True
