"""The suite runs in pytest-xdist workers: each has a PostgreSQL and a Redis database of its
own, so one worker's TRUNCATE or FLUSHDB never reaches another's data."""

from __future__ import annotations

from tests.conftest import for_worker_database, for_worker_redis

PG = "postgresql+asyncpg://postgres:secret@127.0.0.1:5432/test"


def test_each_worker_uses_its_own_postgres_database_on_the_same_server() -> None:
    assert for_worker_database(PG, "gw0") == f"{PG}_gw0"
    assert for_worker_database(PG, "gw11") == f"{PG}_gw11"
    assert for_worker_database(PG, None) == PG  # not in parallel: the database as given
    assert for_worker_database(None, "gw0") is None


def test_each_worker_uses_the_redis_database_after_the_given_one_plus_its_number() -> None:
    assert for_worker_redis("redis://127.0.0.1:6379/0", "gw0") == "redis://127.0.0.1:6379/1"
    assert for_worker_redis("redis://127.0.0.1:6379/6", "gw1") == "redis://127.0.0.1:6379/8"
    assert for_worker_redis("redis://127.0.0.1:6379", "gw2") == "redis://127.0.0.1:6379/3"
    assert for_worker_redis("redis://127.0.0.1:6379/6", None) == "redis://127.0.0.1:6379/6"
