"""Factories that build the bot, its dispatcher, database and scheduler; nothing at import time.

`python -m bot`, the console demo, the tests and the benchmarks all go through these, and
replace only the Telegram session, the clock and the database URL.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation
from aiogram.types import BotCommand
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.api.metrics import Metrics
from bot.clock import Clock, SystemClock
from bot.config import SUPPORTED_LOCALES, Settings, Unreachable
from bot.db.engine import build_engine, build_session_factory
from bot.db.migrate import upgrade
from bot.handlers import section_routers
from bot.handlers.errors import build_errors_router
from bot.handlers.operator import OPERATOR_COMMANDS
from bot.i18n import build_i18n
from bot.middlewares.answers import CallbackAnswers
from bot.middlewares.commands import CommandsFirst, form_states, registered_commands
from bot.middlewares.context import ContextMiddleware
from bot.middlewares.currency import DisplayCurrencyMiddleware
from bot.middlewares.database import UnitOfWorkMiddleware
from bot.middlewares.errors import DomainErrorMiddleware, ErrorBoundaryMiddleware, Later
from bot.middlewares.fit import FitToTelegram
from bot.middlewares.identity import IdentityMiddleware
from bot.middlewares.locale import BuyerLocaleMiddleware
from bot.middlewares.metrics import UpdateCounter
from bot.notify.jobs import (
    poll_tracking_job,
    prune_idempotency_job,
    prune_sign_in_records_job,
    purge_trash_job,
    refresh_store_ratings_job,
    scan_deadlines_job,
)
from bot.notify.leader import AlwaysLeader, Leadership, as_leader
from bot.notify.mail import Mailer, build_mailer
from bot.notify.sender import OutboxSender
from bot.notify.webhook import WebhookSender, deliver_due_events
from bot.rules import build_rules
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.hashing import PasswordQueue
from bot.services.orders.tracking import PollRules, TrackingProvider
from bot.views.charts import ChartRenderer

logger = logging.getLogger(__name__)
PLACEHOLDER_TOKEN = "42:OFFLINE"  # noqa: S105 - the offline console's fake bot has no secret


@dataclass
class Database:
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]

    async def dispose(self) -> None:
        await self.engine.dispose()


def database_place(url: str) -> str:
    """Where DATABASE_URL points, without its password: a SQLite file or a server."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"(SQLite file {parsed.database or ':memory:'})"
    return f"(PostgreSQL at {parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database})"


def _reason(error: BaseException) -> str:
    """The driver's words (asyncpg's, sqlite3's), not SQLAlchemy's wrapper with its links."""
    cause = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    return str(cause) or type(cause).__name__


async def open_database(settings: Settings, *, migrate: bool = True) -> Database:
    """Engine for DATABASE_URL, migrated to the newest schema (also run at every start).

    It connects once first, so a server that is down, a wrong password or a file that cannot
    be opened stops start-up with `Unreachable` before anything else happens."""
    where = database_place(settings.database_url)
    sqlite_file = settings.sqlite_path()
    if sqlite_file is not None:
        try:
            sqlite_file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise Unreachable.at("DATABASE_URL", where, _reason(error)) from None
    engine = build_engine(settings.database_url, sqlite_threaded=settings.sqlite_threaded)
    try:
        async with engine.connect():
            pass
    except (OSError, SQLAlchemyError) as error:  # refused, unknown host, timeout, auth, file
        await engine.dispose()
        raise Unreachable.at("DATABASE_URL", where, _reason(error)) from None
    if migrate:
        await upgrade(engine)
    return Database(engine, build_session_factory(engine))


async def check_redis(settings: Settings) -> None:
    """With REDIS_URL set, Redis must answer at start: the forms and the per-buyer locks
    live there, so without it every update would fail. `Unreachable` otherwise."""
    if not settings.redis_url:
        return
    from redis.asyncio import Redis
    from redis.exceptions import RedisError

    try:
        client = Redis.from_url(settings.redis_url, socket_connect_timeout=10)
    except ValueError as error:
        raise Unreachable(f"REDIS_URL is not a Redis URL ({error})") from None
    where = client.connection_pool.connection_kwargs
    place = where.get("path") or f"{where.get('host')}:{where.get('port')}"
    try:
        await client.ping()
    except (RedisError, OSError) as error:
        raise Unreachable.at("REDIS_URL", f"(Redis at {place})", error) from None
    finally:
        await client.aclose()


def build_storage(settings: Settings) -> tuple[BaseStorage, BaseEventIsolation]:
    """FSM storage and per-user event isolation: Redis when configured, else in memory."""
    if settings.redis_url:
        from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage

        storage = RedisStorage.from_url(settings.redis_url)
        return storage, RedisEventIsolation(storage.redis)
    return MemoryStorage(), SimpleEventIsolation()


def build_dispatcher(
    settings: Settings,
    database: Database,
    *,
    clock: Clock | None = None,
    i18n: I18n | None = None,
    storage: BaseStorage | None = None,
    events_isolation: BaseEventIsolation | None = None,
    metrics: Metrics | None = None,
    mailer: Mailer | None = None,
) -> Dispatcher:
    """The real dispatcher with every router and middleware, in the order they must run."""
    clock = clock or SystemClock()
    if mailer is None:
        smtp = settings.smtp_url.get_secret_value() if settings.smtp_url else None
        mailer = build_mailer(smtp)
    i18n = i18n or build_i18n(settings.default_locale)
    rules = build_rules(settings)
    if storage is None:
        storage, events_isolation = build_storage(settings)
    dispatcher = Dispatcher(
        storage=storage,
        events_isolation=events_isolation or SimpleEventIsolation(),
        settings=settings,
        clock=clock,
        i18n=i18n,
        mailer=mailer,
        rules=rules,
        mail_from=settings.mail_from,  # the sender of the code mails
        password_queue=PasswordQueue(waiting=settings.password_queue_limit),
        code_limits=CodeLimits.with_mails_per_hour(settings.code_mails_per_hour),
    )
    if metrics is not None:
        dispatcher.update.outer_middleware(UpdateCounter(metrics))
    dispatcher.update.outer_middleware(UnitOfWorkMiddleware(database.session_factory))
    dispatcher.update.outer_middleware(IdentityMiddleware(clock, settings.default_timezone))
    dispatcher.update.outer_middleware(BuyerLocaleMiddleware(i18n))
    dispatcher.update.outer_middleware(ErrorBoundaryMiddleware())
    dispatcher.update.outer_middleware(DisplayCurrencyMiddleware(clock, rules.rates))
    dispatcher.update.outer_middleware(ContextMiddleware(clock, rules))
    dispatcher.callback_query.outer_middleware(CallbackAnswers())
    # What waits out Telegram's flood control (a test may hand it a sleep that does not).
    dispatcher["later"] = later = Later()
    # Price charts: drawn in a worker thread, the last few kept (bot/views/charts.py).
    dispatcher["charts"] = ChartRenderer()
    dispatcher.callback_query.outer_middleware(DomainErrorMiddleware(later))
    dispatcher.message.outer_middleware(DomainErrorMiddleware(later))
    dispatcher.include_router(build_errors_router(i18n))
    dispatcher.include_routers(*section_routers())
    # Before any router sees a message, once the routers exist (it knows their commands).
    commands = registered_commands(dispatcher.sub_routers)
    dispatcher.message.outer_middleware(
        CommandsFirst(commands, form_states(), operator_commands=OPERATOR_COMMANDS)
    )
    return dispatcher


def build_bot(settings: Settings, session: BaseSession | None = None) -> Bot:
    """A Bot talking to TELEGRAM_API_URL, or to the given (fake) session."""
    if session is None:
        session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
    token = settings.bot_token.get_secret_value() if settings.bot_token else PLACEHOLDER_TOKEN
    # Every text and caption is cut to Telegram's limits if a screen missed them (logged).
    session.middleware(FitToTelegram())
    return Bot(token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))


def command_list() -> list[BotCommand]:
    return [
        BotCommand(command="menu", description=_("Open my cabinet")),
        BotCommand(command="orders", description=_("My orders")),
        BotCommand(command="shop", description=_("Shop: categories and products")),
        BotCommand(command="find", description=_("Search products")),
        BotCommand(command="recent", description=_("Recently viewed")),
        BotCommand(command="coupons", description=_("My coupons")),
        BotCommand(command="favourites", description=_("Favourite stores")),
        BotCommand(command="disputes", description=_("Returns and disputes")),
        BotCommand(command="feedback", description=_("Awaiting feedback")),
        BotCommand(command="messages", description=_("Messages and notices")),
        BotCommand(command="profile", description=_("My profile")),
        BotCommand(command="language", description=_("Change the language")),
        BotCommand(command="settings", description=_("Settings and notifications")),
        BotCommand(command="help", description=_("Help")),
        BotCommand(command="cancel", description=_("Cancel what I am typing")),
    ]


def bot_description() -> str:
    return _(
        "Your marketplace cabinet in Telegram: every order with its status and tracking, "
        "buyer protection days, confirming receipt, extending protection, search and "
        "deleted orders. Press Start to open it."
    )


def bot_short_description() -> str:
    return _("Your marketplace orders, tracking and buyer protection in one chat.")


async def set_commands(bot: Bot, i18n: I18n) -> None:
    """Command menu and descriptions in every language, and defaults for everybody else."""
    with i18n.context():
        for locale in (*SUPPORTED_LOCALES, None):
            with i18n.use_locale(locale or i18n.default_locale):
                code = locale or ""
                await bot.set_my_commands(command_list(), language_code=locale)
                await bot.set_my_description(bot_description(), language_code=code)
                await bot.set_my_short_description(bot_short_description(), language_code=code)


def build_scheduler(
    settings: Settings,
    database: Database,
    clock: Clock,
    webhook: WebhookSender | None = None,
    pushes: OutboxSender | None = None,
    leadership: Leadership | None = None,
    tracking: TrackingProvider | None = None,
) -> AsyncIOScheduler:
    """In-process jobs: idempotency pruning, the trash purge (only when configured), and
    (when there is something to deliver with) the buyer pushes and the marketplace events."""
    scheduler = AsyncIOScheduler(
        job_defaults={"coalesce": True, "misfire_grace_time": 300, "max_instances": 1}
    )
    leader = leadership or AlwaysLeader()
    scheduler.add_job(
        as_leader(leader, prune_idempotency_job),
        "interval",
        hours=1,
        args=[database.session_factory, clock, settings.idempotency_ttl_hours],
        id="prune_idempotency",
        next_run_time=clock.now(),
    )
    scheduler.add_job(
        as_leader(leader, prune_sign_in_records_job),
        "interval",
        hours=1,
        args=[database.session_factory, clock],
        id="prune_sign_in_records",
        next_run_time=clock.now(),
    )
    scheduler.add_job(
        as_leader(leader, refresh_store_ratings_job),
        "interval",
        hours=24,
        args=[database.session_factory, clock, build_rules(settings).feedback],
        id="refresh_store_ratings",
        next_run_time=clock.now(),
    )
    scheduler.add_job(
        as_leader(leader, scan_deadlines_job),
        "interval",
        minutes=1,
        args=[database.session_factory, clock],
        id="scan_deadlines",
        next_run_time=clock.now(),
    )
    rules = PollRules(
        interval=timedelta(hours=settings.tracking_poll_hours),
        stall_after=timedelta(days=settings.tracking_stall_days),
    )
    scheduler.add_job(
        as_leader(leader, poll_tracking_job),
        "interval",
        minutes=5,
        args=[database.session_factory, tracking, rules, clock],
        id="poll_tracking",
        next_run_time=clock.now(),
    )
    if pushes is not None and settings.notify_shards == 1:  # else: `python -m bot sender`
        scheduler.add_job(
            as_leader(leader, pushes.drain_due),
            "interval",
            seconds=2,
            id="send_pushes",
            next_run_time=clock.now(),
        )
    if webhook is not None:
        scheduler.add_job(
            as_leader(leader, deliver_due_events),
            "interval",
            seconds=5,
            args=[database.session_factory, webhook, clock],
            id="deliver_events",
            next_run_time=clock.now(),
        )
    if settings.trash_retention_days > 0:  # only an operator's choice empties the trash
        scheduler.add_job(
            as_leader(leader, purge_trash_job),
            "interval",
            hours=1,
            args=[database.session_factory, clock, settings.trash_retention_days],
            id="purge_trash",
            next_run_time=clock.now(),
        )
    return scheduler
