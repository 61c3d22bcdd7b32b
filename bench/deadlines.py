"""Deadline-scan cost with 10,000 and 1,000,000 deadlines: it must not grow with table size.

Both tables hold the same 200 deadlines inside the reminder window (the next 3 days); the rest
lie months to years ahead. The scan is an indexed range query, so its cost should follow the
window, not the table. Prints milliseconds per scan for both sizes and their ratio
(target <= 3).

    python bench/deadlines.py [--small 10000] [--large 1000000] [--scans 20]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from bot.app import open_database  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.db.models import Deadline, User  # noqa: E402
from bot.db.uow import UnitOfWork  # noqa: E402
from bot.services.deadlines import DeadlineKind, scan_deadlines  # noqa: E402

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
IN_WINDOW = 200
USERS = 1_000
CHUNK = 50_000


async def scan_cost(total: int, scans: int) -> float:
    """Milliseconds per scan over a table of `total` deadlines."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'deadlines.db'}"
        settings = Settings(_env_file=None, database_url=url, bot_token=None)  # type: ignore[call-arg]
        database = await open_database(settings)
        async with database.engine.begin() as conn:
            await conn.execute(
                insert(User),
                [
                    {"id": i, "telegram_id": i, "first_name": "", "created_at": NOW}
                    for i in range(1, USERS + 1)
                ],
            )
            for start in range(0, total, CHUNK):
                rows = []
                for subject in range(start, min(start + CHUNK, total)):
                    if subject < IN_WINDOW:
                        due = NOW + timedelta(hours=1 + subject * 72 / IN_WINDOW)
                    else:
                        due = NOW + timedelta(days=30, minutes=subject)  # months to years ahead
                    rows.append(
                        {
                            "user_id": subject % USERS + 1,
                            "kind": DeadlineKind.PROTECTION_ENDS.value,
                            "subject_id": subject,
                            "due_at": due,
                        }
                    )
                await conn.execute(insert(Deadline), rows)
        await scan_deadlines(UnitOfWork(database.session_factory), NOW)  # writes the reminders
        started = time.perf_counter()
        for _ in range(scans):
            await scan_deadlines(UnitOfWork(database.session_factory), NOW)
        elapsed = (time.perf_counter() - started) / scans * 1000
        await database.dispose()
        return elapsed


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--scans", type=int, default=20)
    args = parser.parse_args()
    small = await scan_cost(args.small, args.scans)
    large = await scan_cost(args.large, args.scans)
    print(f"scan with {args.small:>9,} deadlines: {small:8.2f} ms")
    print(f"scan with {args.large:>9,} deadlines: {large:8.2f} ms")
    ratio = large / small
    verdict = "met" if ratio <= 3 else "NOT met"
    print(f"ratio large/small:              {ratio:8.2f}  (target <= 3: {verdict})")


if __name__ == "__main__":
    asyncio.run(main())
