"""Running processes: the bot with the API beside it, or the API alone, until stopped."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
from aiogram import Bot
from aiogram.utils.i18n import I18n
from aiohttp import web

from bot.api.app import build_api
from bot.api.files import TelegramFiles
from bot.api.metrics import Metrics
from bot.app import (
    Database,
    build_bot,
    build_dispatcher,
    build_scheduler,
    check_redis,
    open_database,
    set_commands,
)
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.db.uow import UnitOfWork
from bot.i18n import build_i18n
from bot.notify.leader import (
    LOCK_KEY,
    REDIS_KEY,
    SENDER_LOCK_KEY,
    AlwaysLeader,
    Leadership,
    PostgresLeader,
    RedisLeader,
)
from bot.notify.limiter import RateLimiter
from bot.notify.sender import OutboxSender, SenderConfig, workers_for
from bot.notify.tracking_http import HttpJsonProvider
from bot.notify.webhook import WebhookSender
from bot.rules import build_rules

logger = logging.getLogger(__name__)


async def serve_api(  # noqa: PLR0913 - what the API needs from the process
    settings: Settings,
    database: Database,
    clock: Clock,
    metrics: Metrics,
    bot_username: str | None,
    bot: Bot | None = None,
) -> web.AppRunner:
    """The API; with `bot`, it also serves buyers' files from Telegram (GET /api/v1/files)."""
    files = TelegramFiles(bot) if bot is not None else None
    app = build_api(settings, database.session_factory, clock, metrics, bot_username, files)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, settings.api_host, settings.api_port).start()
    port = runner.addresses[0][1]  # the one the system picked when API_PORT=0
    logger.info("Integration API on http://%s:%s", settings.api_host, port)
    return runner


def push_sender(
    bot: Bot,
    settings: Settings,
    database: Database,
    clock: Clock,
    i18n: I18n,
    shard: int | None = None,
) -> OutboxSender:
    """The outbox sender, pacing pushes at NOTIFY_RATE on the real clock (its share of it
    when it is one of NOTIFY_SHARDS sender processes)."""
    shards = settings.notify_shards
    rate = settings.notify_rate / shards
    limiter = RateLimiter(rate, clock, asyncio.sleep)
    rules = build_rules(settings)
    config = SenderConfig(
        default_locale=settings.default_locale,
        default_timezone=settings.default_timezone,
        max_age=timedelta(hours=settings.notify_max_age_hours),
        paid_broadcast=settings.notify_paid_broadcast,
        digest_hour=settings.digest_hour,
        workers=workers_for(rate),
        shard=(shard, shards) if shard is not None else None,
        dispute_rules=rules.disputes,
        rate_rules=rules.rates,
    )
    return OutboxSender(bot, database.session_factory, i18n, clock, limiter, config)


def leadership_for(settings: Settings, database: Database, shard: int | None = None) -> Leadership:
    """Who may run the jobs (or, with `shard`, that shard's sender): the PostgreSQL lock
    holder, the Redis lock holder, or us."""
    if database.engine.dialect.name == "postgresql":
        key = LOCK_KEY if shard is None else SENDER_LOCK_KEY + shard
        return PostgresLeader(settings.database_url, key=key)
    if settings.redis_url:
        from redis.asyncio import Redis

        name = REDIS_KEY if shard is None else f"cabinet:sender-{shard}"
        return RedisLeader(Redis.from_url(settings.redis_url), key=name)
    return AlwaysLeader()


async def run_sender(settings: Settings, shard: int) -> None:
    """`python -m bot sender --shard N`: one of NOTIFY_SHARDS processes sending pushes, each
    to its own buyers at its share of NOTIFY_RATE; a lock per shard keeps a second process
    for the same shard idle until the first one dies."""
    await check_redis(settings)
    database = await open_database(settings, migrate=False)
    clock = SystemClock()
    bot = build_bot(settings)
    sender = push_sender(bot, settings, database, clock, build_i18n(settings.default_locale), shard)
    leadership = leadership_for(settings, database, shard)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):  # finish the batch in hand, then leave
        loop.add_signal_handler(signum, stopping.set)
    logger.info("Sender shard %s of %s started", shard, settings.notify_shards)
    try:
        while not stopping.is_set():
            wait = 2.0
            if await leadership.acquire():
                if (await sender.drain_due()).claimed:
                    continue
                async with UnitOfWork(database.session_factory) as uow:
                    next_due = await uow.outbox.next_due()
                if next_due is not None:
                    wait = min(2.0, max(0.05, (next_due - clock.now()).total_seconds()))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), wait)
    finally:
        await leadership.release()
        await bot.session.close()
        await database.dispose()


@contextlib.asynccontextmanager
async def background(
    settings: Settings, database: Database, clock: Clock, pushes: OutboxSender | None = None
) -> AsyncIterator[None]:
    """The scheduler (and the webhook's HTTP session) for as long as the process runs."""
    async with aiohttp.ClientSession() as http:
        webhook = None
        if settings.marketplace_webhook_url and settings.marketplace_webhook_secret:
            secret = settings.marketplace_webhook_secret.get_secret_value()
            webhook = WebhookSender(settings.marketplace_webhook_url, secret, http, clock)
        leadership = leadership_for(settings, database)
        tracking = HttpJsonProvider(settings.tracking_url, http) if settings.tracking_url else None
        scheduler = build_scheduler(
            settings, database, clock, webhook, pushes, leadership, tracking
        )
        scheduler.start()
        try:
            yield
        finally:
            scheduler.shutdown(wait=False)
            await leadership.release()


async def run_polling(settings: Settings) -> None:
    """`python -m bot run`: long polling, the API beside it when API_TOKEN is set."""
    await check_redis(settings)
    database = await open_database(settings)
    clock = SystemClock()
    i18n = build_i18n(settings.default_locale)
    metrics = Metrics()
    dispatcher = build_dispatcher(settings, database, clock=clock, i18n=i18n, metrics=metrics)
    bot = build_bot(settings)
    runner = None
    try:
        me = await bot.get_me()  # a refused token or an unreachable server stops start-up here
        await set_commands(bot, i18n)
        if settings.api_token is not None:
            runner = await serve_api(settings, database, clock, metrics, me.username, bot)
        else:
            logger.warning("API_TOKEN is not set: the integration API is not started")
        pushes = push_sender(bot, settings, database, clock, i18n)
        async with background(settings, database, clock, pushes):
            await dispatcher.start_polling(
                bot, allowed_updates=dispatcher.resolve_used_update_types()
            )
    finally:
        if runner is not None:
            await runner.cleanup()
        await bot.session.close()
        await database.dispose()


async def _bot_username(settings: Settings) -> str | None:
    if settings.bot_username or settings.bot_token is None:
        return settings.bot_username
    bot: Bot = build_bot(settings)
    try:
        return (await bot.get_me()).username
    except Exception:  # noqa: BLE001 - deep links then carry only the start parameter
        logger.warning("Could not ask Telegram for the bot's username; set BOT_USERNAME")
        return None
    finally:
        await bot.session.close()


async def run_api(settings: Settings) -> None:
    """`python -m bot api`: the integration API and the background jobs, until a signal."""
    await check_redis(settings)
    database = await open_database(settings)
    clock = SystemClock()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for name in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(name, stop.set)
    bot = build_bot(settings) if settings.bot_token is not None else None
    username = await _bot_username(settings)
    runner = await serve_api(settings, database, clock, Metrics(), username, bot)
    try:
        async with background(settings, database, clock):
            await stop.wait()
    finally:
        await runner.cleanup()
        if bot is not None:
            await bot.session.close()
        await database.dispose()
