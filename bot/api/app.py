"""The aiohttp application of the integration API: auth, errors, metrics, routes, OpenAPI."""

from __future__ import annotations

import asyncio
import copy
import hmac
import logging
from collections.abc import Awaitable, Callable
from functools import cache
from typing import Any

from aiohttp import web
from sqlalchemy import text

from bot.api.files import PATH as FILES_PATH
from bot.api.files import FileSource, files_handler, files_openapi
from bot.api.idempotency import Replays, Sleep
from bot.api.metrics import Metrics, metrics_response
from bot.api.openapi import build_openapi
from bot.api.routes import ROUTES
from bot.api.routing import endpoint, error_response
from bot.api.throttle import WrongTokenThrottle
from bot.clock import Clock
from bot.config import Settings
from bot.db.uow import UnitOfWork
from bot.rules import build_rules

logger = logging.getLogger(__name__)
API_VERSION = "1.0.0"
OPEN_PATHS = frozenset({"/healthz"})
STATE: web.AppKey[dict[str, Any]] = web.AppKey("cabinet_state", dict)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@cache
def _openapi_built_once() -> dict[str, Any]:
    """The document depends on the code alone; generating its JSON schemas takes ~50 ms,
    too long to repeat for every app built in one process (the tests build hundreds)."""
    document = build_openapi(ROUTES, API_VERSION)
    document["paths"].update(files_openapi())
    return document


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document, a copy the caller may change."""
    return copy.deepcopy(_openapi_built_once())


def _auth(token: str, throttle: WrongTokenThrottle) -> Callable[..., Awaitable[web.StreamResponse]]:
    expected = f"Bearer {token}".encode()

    @web.middleware
    async def require_token(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path in OPEN_PATHS:
            return await handler(request)
        given = request.headers.get("Authorization")
        if given is not None and hmac.compare_digest(given.encode(), expected):
            return await handler(request)
        if given is not None:  # a guess: counted, and refused while the peer guessed too often
            peer = request.remote or "unknown"
            wait = throttle.retry_after(peer)
            if wait is not None:
                message = f"too many wrong tokens from this address; retry in {wait} s"
                response = error_response(429, "too_many_wrong_tokens", message)
                response.headers["Retry-After"] = str(wait)
                return response
            throttle.failed(peer)
        response = error_response(401, "unauthorized", "send Authorization: Bearer <API_TOKEN>")
        response.headers["WWW-Authenticate"] = "Bearer"
        return response

    return require_token


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """aiohttp's own refusals (404, 405, 413) and crashes, in the API's error format."""
    try:
        return await handler(request)
    except web.HTTPRequestEntityTooLarge as error:
        return error_response(413, "too_large", error.text or "request body too large")
    except web.HTTPNotFound:
        return error_response(404, "not_found", f"no route {request.path}")
    except web.HTTPMethodNotAllowed as error:
        response = error_response(405, "method_not_allowed", f"{error.method} is not allowed here")
        response.headers["Allow"] = ", ".join(sorted(error.allowed_methods))  # RFC 9110
        return response
    except web.HTTPException:
        raise
    except Exception:
        logger.exception("API request %s %s failed", request.method, request.path)
        return error_response(500, "internal", "something went wrong; it has been logged")


def build_api(
    settings: Settings,
    session_factory: Any,
    clock: Clock,
    metrics: Metrics,
    bot_username: str | None = None,
    files: FileSource | None = None,
    sleep: Sleep = asyncio.sleep,
) -> web.Application:
    """The API app; needs API_TOKEN (the caller refuses to start without one). `files`
    fetches buyers' files from Telegram (none without BOT_TOKEN: that route answers 503);
    `sleep` is how a retry waits for the answer of its Idempotency-Key (tests: no real wait)."""
    if settings.api_token is None:
        msg = "API_TOKEN is not set"
        raise ValueError(msg)
    app = web.Application(
        client_max_size=settings.api_max_body_bytes,
        middlewares=[
            metrics.middleware(),
            json_errors,
            _auth(
                settings.api_token.get_secret_value(),
                WrongTokenThrottle(clock, settings.api_wrong_tokens_per_minute),
            ),
        ],
    )
    state = {
        "settings": settings,
        "rules": build_rules(settings),
        "session_factory": session_factory,
        "clock": clock,
        "metrics": metrics,
        "bot_username": bot_username or settings.bot_username,
        "replays": Replays(
            session_factory, clock, settings.api_token.get_secret_value().encode(), sleep
        ),
    }
    app[STATE] = state
    document = _openapi_built_once()  # only served, never changed

    async def health(_: web.Request) -> web.Response:
        try:
            async with UnitOfWork(session_factory) as uow:
                await uow.session.execute(text("SELECT 1"))
        except Exception:  # noqa: BLE001 - any failure means "not healthy"
            return web.json_response({"status": "unavailable", "database": False}, status=503)
        return web.json_response({"status": "ok", "database": True})

    async def openapi(_: web.Request) -> web.Response:
        return web.json_response(document)

    async def prometheus(_: web.Request) -> web.Response:
        return metrics_response(metrics)

    app.router.add_get("/healthz", health)
    app.router.add_get("/api/openapi.json", openapi)
    app.router.add_get("/metrics", prometheus)
    for route in ROUTES:
        app.router.add_route(route.method, route.aiohttp_path, endpoint(route, state))
    app.router.add_get(FILES_PATH, files_handler(session_factory, files))
    return app
