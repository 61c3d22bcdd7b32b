"""Command line: run | console | api | sender | migrate | demo-data | check-locales | openapi."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from bot.config import ConfigError, Settings, Unreachable, load_settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="long polling with BOT_TOKEN (the default with a token)")
    console = commands.add_parser("console", help="offline demo in the terminal (no token)")
    console.add_argument("--lang", default=None, help="Telegram language_code of the demo user")
    console.add_argument("--user", type=int, default=None, help="Telegram id of the demo user")
    commands.add_parser("migrate", help="upgrade the database to the newest schema")
    demo = commands.add_parser("demo-data", help="give a user the sample account")
    demo.add_argument("--user", type=int, required=True, help="Telegram id of the user")
    demo.add_argument("--lang", default=None, help="language of the sample data (en, ru)")
    commands.add_parser("check-locales", help="fail on broken or missing translations")
    commands.add_parser("api", help="the integration API alone (needs API_TOKEN)")
    commands.add_parser("openapi", help="print the integration API's OpenAPI document")
    sender = commands.add_parser("sender", help="one push-sender shard (NOTIFY_SHARDS > 1)")
    sender.add_argument("--shard", type=int, required=True, help="0 .. NOTIFY_SHARDS-1")
    return parser


async def _migrate(settings: Settings) -> None:
    from bot.app import open_database
    from bot.db.migrate import current_revision

    database = await open_database(settings)
    try:
        print(f"database at revision {await current_revision(database.engine)}")
    finally:
        await database.dispose()


async def _demo_data(settings: Settings, telegram_id: int, lang: str | None) -> None:
    from bot.app import open_database
    from bot.clock import SystemClock
    from bot.db.uow import UnitOfWork
    from bot.i18n import resolve_locale
    from bot.services.accounts.sessions import TelegramProfile, resolve_buyer
    from bot.services.demo import seed_demo_account

    database = await open_database(settings)
    now = SystemClock().now()
    try:
        async with UnitOfWork(database.session_factory) as uow:
            profile = TelegramProfile(telegram_id, "", None, lang)
            user, _ = await resolve_buyer(uow, profile, now)
            locale = resolve_locale(
                user.locale, lang or user.language_code, settings.default_locale
            )
            count = await seed_demo_account(uow, user, locale, now)
        print(f"added {count} sample orders ({locale}) for Telegram user {telegram_id}")
    finally:
        await database.dispose()


def _fail(message: str) -> int:
    print(f"Configuration error: {message}", file=sys.stderr)
    return 2


def _run(settings: Settings, args: argparse.Namespace) -> int:
    if settings.bot_token is None:
        return _fail("BOT_TOKEN is not set (or use `python -m bot console`)")
    from aiogram.exceptions import TelegramNetworkError, TelegramUnauthorizedError

    from bot.runtime import run_polling

    url = settings.telegram_api_url
    try:
        asyncio.run(run_polling(settings))
    except TelegramUnauthorizedError:
        return _fail(f"BOT_TOKEN was refused by {url} (401 Unauthorized)")
    except TelegramNetworkError as error:
        return _fail(f"TELEGRAM_API_URL {url} cannot be reached ({error.message})")
    return 0


def _console(settings: Settings, args: argparse.Namespace) -> int:
    from bot.console import run_console

    if args.command is None:
        print("BOT_TOKEN is not set: starting the offline console demo.", file=sys.stderr)
    lang, user = getattr(args, "lang", None), getattr(args, "user", None)
    return asyncio.run(run_console(settings, lang, user))


def _api(settings: Settings, args: argparse.Namespace) -> int:
    if settings.api_token is None:
        return _fail("API_TOKEN is not set; the API needs it")
    from bot.runtime import run_api

    asyncio.run(run_api(settings))
    return 0


def _sender(settings: Settings, args: argparse.Namespace) -> int:
    if settings.bot_token is None:
        return _fail("BOT_TOKEN is not set; a sender needs it")
    if not 0 <= args.shard < settings.notify_shards:
        return _fail(f"--shard must be 0..{settings.notify_shards - 1} (NOTIFY_SHARDS)")
    from bot.runtime import run_sender

    asyncio.run(run_sender(settings, args.shard))
    return 0


def _openapi() -> int:
    import json

    from bot.api.app import openapi_document

    print(json.dumps(openapi_document(), indent=2, ensure_ascii=False, sort_keys=True))
    return 0


COMMANDS = {
    "run": _run,
    "console": _console,
    "api": _api,
    "sender": _sender,
    "migrate": lambda settings, args: asyncio.run(_migrate(settings)) or 0,
    "demo-data": lambda settings, args: (
        asyncio.run(_demo_data(settings, args.user, args.lang)) or 0
    ),
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "check-locales":
        from bot.locales_check import main as check_locales

        return check_locales([])
    if args.command == "openapi":
        return _openapi()
    try:
        settings = load_settings()
    except ConfigError as error:
        return _fail(str(error))
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    command = args.command or ("run" if settings.bot_token else "console")
    try:
        return COMMANDS[command](settings, args)
    except Unreachable as error:  # the database or Redis is down: one line, not a traceback
        return _fail(str(error))


if __name__ == "__main__":
    sys.exit(main())
