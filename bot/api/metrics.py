"""Prometheus metrics of one process: API requests by route and status, bot updates by type
(counted by bot/middlewares/metrics.py)."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST


class Metrics:
    """One registry per process (not the global one), so tests can build several apps."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "cabinet_api_requests_total",
            "API requests",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "cabinet_api_request_duration_seconds",
            "API request latency",
            ["method", "route"],
            registry=self.registry,
        )
        self.updates = Counter(
            "cabinet_bot_updates_total",
            "Telegram updates handled",
            ["type"],
            registry=self.registry,
        )

    def exposition(self) -> bytes:
        return generate_latest(self.registry)

    def middleware(self) -> Callable[..., Awaitable[web.StreamResponse]]:
        @web.middleware
        async def measure(
            request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
        ) -> web.StreamResponse:
            started = time.perf_counter()
            status = 500
            try:
                response = await handler(request)
                status = response.status
                return response
            except web.HTTPException as error:
                status = error.status
                raise
            finally:
                route = request.match_info.route.resource
                name = route.canonical if route is not None else "unmatched"
                self.requests.labels(request.method, name, str(status)).inc()
                self.latency.labels(request.method, name).observe(time.perf_counter() - started)

        return measure


def metrics_response(metrics: Metrics) -> web.Response:
    response = web.Response(body=metrics.exposition())
    response.content_type = CONTENT_TYPE_LATEST.split(";")[0]
    return response
