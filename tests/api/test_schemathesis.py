"""Schemathesis against the running API, with every check and every phase: no 5xx, no
response that breaks the document, no request the document accepts that the API refuses (or
the reverse), 405 with `Allow`, auth enforced.

It generates thousands of requests from the document (its examples, boundary values of every
schema, random valid and invalid ones, and stateful sequences that follow the document's
links: create a buyer, then its orders, ...) against `python -m bot api` on a fresh database.
MAX_TIME bounds it: about 60 s finds the known classes of mismatch (a validator the document
did not describe, an unbounded date, a reused idempotency key) with seed 1.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "schemathesis-token-of-at-least-32-characters"
PHASES = ("examples", "coverage", "fuzzing", "stateful")
MAX_TIME = "60"


def _wait_listening(log: Path, process: subprocess.Popen[bytes]) -> str:
    """Where the API listens, from its log line (API_PORT=0: a port the system picks as it
    binds, so no parallel test can take it first), once it answers /healthz."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the API process exited: {log.read_text()[-2000:]}"
        found = re.search(r"Integration API on (http://\S+)", log.read_text())
        if found:
            try:
                with urllib.request.urlopen(f"{found[1]}/healthz", timeout=2) as response:  # noqa: S310 - localhost
                    if response.status == 200:
                        return found[1]
            except OSError:
                pass
        time.sleep(0.2)  # the process is still starting (it migrates its database first)
    raise AssertionError("the API did not become healthy")


def test_schemathesis_finds_no_server_error_and_no_schema_violation(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TEST_", "BOT_", "REDIS_"))},
        "API_TOKEN": TOKEN,
        # its auth check sends a wrong token to every operation, more than 10 a minute
        "API_WRONG_TOKENS_PER_MINUTE": "1000",
        "API_PORT": "0",
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'api.db'}",
        "LOG_LEVEL": "INFO",
        "PYTHONPATH": str(ROOT),
    }
    log = tmp_path / "api.log"
    with log.open("wb") as stderr:
        api = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "bot", "api"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    try:
        root = _wait_listening(log, api)
        run = subprocess.run(  # noqa: S603
            [
                str(Path(sys.executable).parent / "st"),
                "run",
                f"{root}/api/openapi.json",
                "-H",
                f"Authorization: Bearer {TOKEN}",
                "--checks",
                "all",
                "--phases",
                ",".join(PHASES),
                "--max-time",
                MAX_TIME,
                "--seed",
                "1",
                "--workers",
                "1",
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        api.send_signal(signal.SIGINT)
        api.wait(timeout=60)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    summary = run.stdout.split("SUMMARY")[-1]
    assert " passed" in run.stdout and "failed" not in summary
    for phase in PHASES:  # each one ran and passed (none skipped for want of data)
        assert f"✅ {phase.capitalize()}" in summary, summary
