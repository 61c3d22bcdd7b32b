"""The real entry points, run as a buyer or operator would: `python -m bot ...`."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings

ROOT = Path(__file__).resolve().parent.parent


def run_bot(
    *args: str, tmp_path: Path, stdin: str = "", extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("BOT_", "DATABASE_", "REDIS_", "DEMO_", "DEFAULT_", "TEST_"))
    }
    env.update(
        {
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
            "LOG_LEVEL": "WARNING",
            "PYTHONIOENCODING": "utf-8",
            "LANG": "C.UTF-8",
        }
    )
    env.update(extra_env or {})
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_without_a_token_the_bot_starts_the_console_demo(tmp_path: Path) -> None:
    result = run_bot(tmp_path=tmp_path, stdin="1\nquit\n")

    assert result.returncode == 0, result.stderr
    assert "starting the offline console demo" in result.stderr
    assert "My cabinet" in result.stdout
    assert "[1] 📋 My orders" in result.stdout
    assert "📋 My orders · All" in result.stdout
    assert "Smart band 9" in result.stdout


def test_console_speaks_russian_and_searches(tmp_path: Path) -> None:
    script = "1\n🔎 Поиск\nнаушники\nquit\n"
    result = run_bot("console", "--lang", "ru", tmp_path=tmp_path, stdin=script)

    assert result.returncode == 0, result.stderr
    assert "Мой кабинет" in result.stdout
    assert "Беспроводные наушники Bluetooth 5.3" in result.stdout


def test_run_without_a_token_stops_with_one_clear_line(tmp_path: Path) -> None:
    result = run_bot("run", tmp_path=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "Configuration error: BOT_TOKEN is not set (or use `python -m bot console`)"
    ]


def test_a_short_api_token_stops_start_up_with_one_clear_line(tmp_path: Path) -> None:
    result = run_bot("api", tmp_path=tmp_path, extra_env={"API_TOKEN": "secret-but-short"})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "Configuration error: API_TOKEN: must be at least 32 characters "
        "(make one with `openssl rand -hex 32`)"
    ]
    assert "secret-but-short" not in result.stderr


def test_a_malformed_setting_stops_start_up_naming_it(tmp_path: Path) -> None:
    result = run_bot("migrate", tmp_path=tmp_path, extra_env={"DATABASE_URL": "mysql://x"})
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "Configuration error: DATABASE_URL: must start with "
        "sqlite+aiosqlite:// or postgresql+asyncpg://"
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEFAULT_LOCALE", "fr"),
        ("DEFAULT_TIMEZONE", "Mars/Olympus"),
        ("ADMIN_IDS", "1,two"),
        ("TRASH_RETENTION_DAYS", "-1"),
        ("TELEGRAM_API_URL", "ftp://example"),
        ("DEMO_DATA", "maybe"),
        ("BOT_TOKEN", "not a token"),
        ("API_TOKEN", "x" * 31),
    ],
)
def test_each_bad_setting_is_named(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as error:
        load_settings(_env_file=None)
    assert str(error.value).startswith(f"{name}:")


def test_settings_read_admin_ids_and_api_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_IDS", "5, 7")
    monkeypatch.setenv("TELEGRAM_API_URL", "http://127.0.0.1:8081/")
    settings = load_settings(_env_file=None)
    assert settings.admin_ids == frozenset({5, 7})
    assert settings.telegram_api_url == "http://127.0.0.1:8081"


def test_migrate_and_demo_data_commands(tmp_path: Path) -> None:
    migrated = run_bot("migrate", tmp_path=tmp_path)
    assert migrated.returncode == 0, migrated.stderr
    from tests.test_migrations import _revisions_oldest_first

    assert migrated.stdout.strip() == f"database at revision {_revisions_oldest_first()[-1]}"

    seeded = run_bot("demo-data", "--user", "777", "--lang", "ru", tmp_path=tmp_path)
    assert seeded.returncode == 0, seeded.stderr
    assert seeded.stdout.strip() == "added 11 sample orders (ru) for Telegram user 777"

    console = run_bot("console", "--user", "777", "--lang", "ru", tmp_path=tmp_path, stdin="quit\n")
    assert "Всего 10 заказов" in console.stdout


def test_check_locales_passes_on_the_shipped_catalogues(tmp_path: Path) -> None:
    result = run_bot("check-locales", tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("check-locales: OK")


def test_an_unreachable_bot_api_server_stops_start_up_with_one_clear_line(tmp_path: Path) -> None:
    result = run_bot(
        "run",
        tmp_path=tmp_path,
        extra_env={"BOT_TOKEN": "1:abc", "TELEGRAM_API_URL": "http://127.0.0.1:1"},
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        "Configuration error: TELEGRAM_API_URL http://127.0.0.1:1 cannot be reached"
    )


def test_the_console_demo_shows_the_mails_the_bot_sends(tmp_path: Path) -> None:
    script = "/profile\n2\nanna@example.com\nquit\n"  # Profile → 📧 E-mail → a new address
    result = run_bot("console", tmp_path=tmp_path, stdin=script)  # LANG=C.UTF-8

    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "bot.db") as db:
        # The C locale means "no language given", not a language called "C.".
        assert db.execute("SELECT language_code FROM users").fetchall() == [(None,)]
    assert "✉️  mail to anna@example.com: Your Cabinet bot code" in result.stdout
    assert re.search(r"Your code is \d{6}", result.stdout)


def test_a_sender_shard_outside_notify_shards_stops_with_one_line(tmp_path: Path) -> None:
    env = {"BOT_TOKEN": "42:abc", "NOTIFY_SHARDS": "2"}
    result = run_bot("sender", "--shard", "2", tmp_path=tmp_path, extra_env=env)

    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "Configuration error: --shard must be 0..1 (NOTIFY_SHARDS)"
    ]


def test_an_unreachable_database_stops_start_up_with_one_clear_line(tmp_path: Path) -> None:
    result = run_bot(
        "run",
        tmp_path=tmp_path,
        extra_env={
            "BOT_TOKEN": "1:abc",
            "DATABASE_URL": "postgresql+asyncpg://postgres:secret@127.0.0.1:1/cabinet",
        },
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(
        "Configuration error: DATABASE_URL (PostgreSQL at 127.0.0.1:1/cabinet) cannot be reached ("
    )
    assert "secret" not in lines[0]


def test_an_unreachable_redis_stops_start_up_instead_of_failing_every_update(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.__main__ import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_TOKEN", "1:abc")
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")

    assert main(["run"]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Configuration error: REDIS_URL (Redis at 127.0.0.1:1) cannot be")


async def test_a_file_that_is_not_a_database_is_named(tmp_path: Path) -> None:
    from bot.app import Unreachable, open_database
    from tests.conftest import make_settings

    (tmp_path / "notes.txt").write_text("not a database\n" * 100)
    settings = make_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'notes.txt'}")

    with pytest.raises(Unreachable) as error:
        await open_database(settings)
    assert str(error.value) == (
        f"DATABASE_URL (SQLite file {tmp_path / 'notes.txt'}) cannot be reached "
        "(file is not a database)"
    )


def test_an_empty_api_token_means_no_api(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("API_TOKEN", "")
    assert load_settings(_env_file=None).api_token is None
