"""The generic tracking provider: JSON from a URL template (TRACKING_URL).

`TRACKING_URL=https://tracker.example/api/{carrier}/{number}` is called with GET and must
answer `{"events": [{"id": "...", "time": "<RFC 3339 with offset>", "kind": "<optional
milestone>", "description": "...", "location": "..."}]}`; malformed events are skipped.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any
from urllib.parse import quote

import aiohttp

from bot.db.enums import TrackingEventKind
from bot.services.orders.sync import TrackingSpec

logger = logging.getLogger(__name__)
KINDS = {kind.value: kind for kind in TrackingEventKind}


def parse_event(item: Any) -> TrackingSpec | None:
    """One scan, or None if it lacks an id or an aware time."""
    if not isinstance(item, dict):
        return None
    try:
        event_id = str(item["id"])[:128]
        occurred = datetime.fromisoformat(str(item["time"]))
    except (KeyError, ValueError):
        return None
    if not event_id or occurred.tzinfo is None:
        return None
    location = item.get("location")
    return TrackingSpec(
        carrier_event_id=event_id,
        occurred_at=occurred,
        description=str(item.get("description") or "")[:500],
        kind=KINDS.get(str(item.get("kind"))),
        location=str(location)[:200] if location else None,
    )


class HttpJsonProvider:
    def __init__(self, template: str, http: aiohttp.ClientSession, timeout: float = 10) -> None:
        self._template = template
        self._http = http
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def fetch(self, carrier: str | None, tracking_number: str) -> list[TrackingSpec]:
        url = self._template.format(
            number=quote(tracking_number, safe=""), carrier=quote(carrier or "", safe="")
        )
        async with self._http.get(url, timeout=self._timeout) as response:
            response.raise_for_status()
            data = await response.json(content_type=None)
        items = data.get("events") if isinstance(data, dict) else None
        scans = [parse_event(item) for item in items or []]
        return [scan for scan in scans if scan is not None]
