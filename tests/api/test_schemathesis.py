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
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "schemathesis-token-of-at-least-32-characters"
PHASES = ("examples", "coverage", "fuzzing", "stateful")
MAX_TIME = "60"


def _wait_healthy(url: str, process: subprocess.Popen[bytes]) -> None:
    """Poll until the API process answers (it migrates its database first)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "the API process exited"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - localhost
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the API did not become healthy")


def test_schemathesis_finds_no_server_error_and_no_schema_violation(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TEST_", "BOT_", "REDIS_"))},
        "API_TOKEN": TOKEN,
        # its auth check sends a wrong token to every operation, more than 10 a minute
        "API_WRONG_TOKENS_PER_MINUTE": "1000",
        "API_PORT": str(port),
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'api.db'}",
        "LOG_LEVEL": "CRITICAL",
        "PYTHONPATH": str(ROOT),
    }
    api = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "bot", "api"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        root = f"http://127.0.0.1:{port}"
        _wait_healthy(f"{root}/healthz", api)
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
