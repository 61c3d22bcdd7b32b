"""`python -m bot` as a process, long polling a fake Bot API server over real HTTP."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from bot.fake_telegram import FakeBotAPI
from bot.fake_telegram.http import FakeBotAPIServer
from bot.keyboards.nav import OrderListCb
from bot.services.orders import OrderTab

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "4242:end-to-end-test-token"
USER = {"id": 5005, "is_bot": False, "first_name": "Olga", "language_code": "ru"}


async def start_bot(tmp_path: Path, *args: str, **env: str) -> asyncio.subprocess.Process:
    """`python -m bot ...` in its own folder, with a clean environment plus `env`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TEST_", "REDIS_", "BOT_"))}
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=tmp_path,
        env={
            **clean,
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'e2e.db'}",
            "PYTHONPATH": str(ROOT),
            **env,
        },
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_the_bot_process_serves_a_buyer_through_a_bot_api_server(tmp_path: Path) -> None:
    api = FakeBotAPI()
    server = FakeBotAPIServer(api, TOKEN)
    base_url = await server.start()
    process = await start_bot(
        tmp_path, BOT_TOKEN=TOKEN, TELEGRAM_API_URL=base_url, DEMO_DATA="1", LOG_LEVEL="WARNING"
    )
    try:
        await server.wait_for_calls("setMyCommands", 3)
        assert api.commands("ru")[0]["description"] == "Открыть мой кабинет"

        await server.send_text(USER, "/start")
        await server.wait_for_calls("sendMessage", 1)
        home = api.last_message(USER["id"])
        assert "Мой кабинет" in home.text
        assert "Всего 10 заказов" in home.text

        await server.press(USER, home.message_id, OrderListCb(tab=OrderTab.ALL).pack())
        await server.wait_for_calls("answerCallbackQuery", 1)
        await server.wait_for_calls("editMessageText", 1)
        assert "Мои заказы" in api.last_message(USER["id"]).text
    finally:
        process.send_signal(signal.SIGINT)
        async with asyncio.timeout(60):
            _, stderr = await process.communicate()
        await server.stop()
    assert process.returncode == 0, stderr.decode()
    assert "Traceback" not in stderr.decode()


async def test_a_token_the_server_refuses_stops_the_bot_with_one_clear_line(
    tmp_path: Path,
) -> None:
    server = FakeBotAPIServer(FakeBotAPI(), TOKEN)
    base_url = await server.start()
    process = await start_bot(
        tmp_path, "run", BOT_TOKEN="1:revoked", TELEGRAM_API_URL=base_url, LOG_LEVEL="CRITICAL"
    )
    try:
        async with asyncio.timeout(60):
            _, stderr = await process.communicate()
    finally:
        await server.stop()
    assert process.returncode == 2
    assert stderr.decode().strip() == (
        f"Configuration error: BOT_TOKEN was refused by {base_url} (401 Unauthorized)"
    )
