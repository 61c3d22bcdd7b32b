"""`python -m bot` as a process, long polling a fake Bot API server over real HTTP."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path

import aiohttp

from bot.app import open_database
from bot.db.enums import OrderStatus
from bot.db.uow import UnitOfWork
from bot.fake_telegram import FakeBotAPI
from bot.fake_telegram.http import FakeBotAPIServer
from bot.keyboards.callbacks import OrderListCb
from bot.services.orders import sync as order_sync
from bot.services.orders.buyer import OrderTab
from bot.services.orders.sync import StatusChange
from tests.conftest import make_settings
from tests.factories import make_buyer, make_order

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "4242:end-to-end-test-token"
API_TOKEN = "end-to-end-api-token-of-32-characters-or-more"
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


async def stop(process: asyncio.subprocess.Process) -> bytes:
    """Ctrl+C, as an operator would; returns what the process wrote to stderr."""
    process.send_signal(signal.SIGINT)
    async with asyncio.timeout(60):
        _, stderr = await process.communicate()
    return stderr


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
        await server.wait_for_text(USER["id"], "Мой кабинет")
        home_id = api.calls_of("sendMessage")[0].result_or_error["message_id"]
        assert "Всего 10 заказов" in api.message(USER["id"], home_id).text

        await server.press(USER, home_id, OrderListCb(tab=OrderTab.ALL).pack())
        await server.wait_for_calls("answerCallbackQuery", 1)
        await server.wait_for_calls("editMessageText", 1)
        assert "Мои заказы" in api.message(USER["id"], home_id).text
    finally:
        stderr = await stop(process)
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


async def _request(method: str, url: str, body: object = None) -> tuple[int, object]:
    async with (
        aiohttp.ClientSession() as http,
        http.request(
            method, url, json=body, headers={"Authorization": f"Bearer {API_TOKEN}"}
        ) as response,
    ):
        return response.status, await response.json(content_type=None)


async def _api_root(process: asyncio.subprocess.Process) -> str:
    """Where the process's API listens, from its log line (API_PORT=0: a port the system picks
    as it binds, so no parallel test can take it first)."""
    assert process.stderr is not None
    async with asyncio.timeout(60):
        while line := await process.stderr.readline():
            if found := re.search(rb"Integration API on (http://\S+)", line):
                return found[1].decode()
    raise AssertionError("the process ended before its API listened")


async def _until_healthy(url: str) -> None:
    async with asyncio.timeout(60):
        while True:
            try:
                async with aiohttp.ClientSession() as http, http.get(url) as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                await asyncio.sleep(0.1)  # the process is still starting


async def test_the_api_beside_the_bot_feeds_a_buyer_who_opens_the_link(tmp_path: Path) -> None:
    api = FakeBotAPI()
    server = FakeBotAPIServer(api, TOKEN)
    base_url = await server.start()
    process = await start_bot(
        tmp_path,
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=base_url,
        LOG_LEVEL="INFO",
        API_TOKEN=API_TOKEN,
        API_PORT="0",
    )
    try:
        root = await _api_root(process)
        await _until_healthy(f"{root}/healthz")
        await _request("PUT", f"{root}/api/v1/stores/ugreen", {"name": "UGREEN"})
        status, buyer = await _request("POST", f"{root}/api/v1/buyers", {"external_id": "b-1"})
        assert status == 201
        assert buyer["link"]["url"].startswith("https://t.me/cabinet_test_bot?start=L")
        order = {
            "number": "8100000000000042",
            "store_external_id": "ugreen",
            "currency": "EUR",
            "items": [{"title": "Desk lamp", "unit_price_minor": 1999, "quantity": 1}],
            "shipping_address": {
                "recipient": "Olga",
                "country": "DE",
                "city": "Berlin",
                "street": "Unter den Linden 1",
            },
            "placed_at": "2026-11-25T10:00:00+00:00",
        }
        created, _ = await _request("POST", f"{root}/api/v1/buyers/{buyer['id']}/orders", order)
        assert created == 201

        await server.send_text(USER, f"/start {buyer['link']['start_parameter']}")
        await server.wait_for_text(USER["id"], "аккаунт маркетплейса привязан")
        await server.wait_for_text(USER["id"], "1 заказ ожидает оплаты")

        # The push sender drains the outbox: the new order, then a status change.
        status_path = f"{root}/api/v1/orders/8100000000000042/status"
        await _request("POST", status_path, {"status": "awaiting_shipment"})
        await server.wait_for_text(USER["id"], "🛒 Новый заказ №8100000000000042")
        await server.wait_for_text(USER["id"], "<b>Ожидает отправки</b>")
        async with (
            aiohttp.ClientSession() as http,
            http.get(
                f"{root}/metrics", headers={"Authorization": f"Bearer {API_TOKEN}"}
            ) as response,
        ):
            status, metrics = response.status, await response.text()
        assert status == 200
        assert 'cabinet_bot_updates_total{type="message"} 1.0' in metrics
    finally:
        stderr = await stop(process)
        await server.stop()
    assert process.returncode == 0, stderr.decode()


async def test_the_api_runs_alone_and_refuses_to_start_without_a_token(tmp_path: Path) -> None:
    refused = await start_bot(tmp_path, "api", LOG_LEVEL="CRITICAL")
    _, stderr = await refused.communicate()
    assert refused.returncode == 2
    assert stderr.decode().strip() == "Configuration error: API_TOKEN is not set; the API needs it"

    process = await start_bot(tmp_path, "api", API_TOKEN=API_TOKEN, API_PORT="0", LOG_LEVEL="INFO")
    try:
        root = await _api_root(process)
        await _until_healthy(f"{root}/healthz")
        status, document = await _request("GET", f"{root}/api/openapi.json")
        assert (status, document["openapi"]) == (200, "3.1.0")
    finally:
        stderr = await stop(process)
    assert process.returncode == 0, stderr.decode()


async def test_sender_shards_run_as_their_own_processes(tmp_path: Path) -> None:
    """NOTIFY_SHARDS=2: `python -m bot sender --shard 1` sends the pushes of its half of the
    buyers (odd ids) and leaves the other half to shard 0."""
    settings = make_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'e2e.db'}")
    database = await open_database(settings)
    now = datetime.now(UTC)
    for telegram_id in (7001, 7002, 7003, 7004):
        buyer = await make_buyer(UnitOfWork(database.session_factory), telegram_id, now)
        order = await make_order(
            UnitOfWork(database.session_factory), buyer, now, status=OrderStatus.AWAITING_SHIPMENT
        )
        change = StatusChange(OrderStatus.SHIPPED, tracking_number=f"LP{telegram_id}")
        await order_sync.change_status(
            UnitOfWork(database.session_factory), order.number, change, now, 60
        )
    await database.dispose()
    api = FakeBotAPI()
    server = FakeBotAPIServer(api, TOKEN)
    base_url = await server.start()
    process = await start_bot(
        tmp_path,
        "sender",
        "--shard",
        "1",
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL=base_url,
        NOTIFY_SHARDS="2",
        LOG_LEVEL="WARNING",
    )
    try:
        await server.wait_for_text(7001, "Shipped")  # users 1 and 3: odd ids, shard 1
        await server.wait_for_text(7003, "Shipped")
        await asyncio.sleep(0.5)  # nothing else may follow
        chats = sorted({str(call.params["chat_id"]) for call in api.calls_of("sendMessage")})
        assert chats == ["7001", "7003"]
    finally:
        stderr = await stop(process)
        await server.stop()
    assert process.returncode == 0, stderr.decode()
