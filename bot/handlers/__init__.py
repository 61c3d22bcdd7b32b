"""Routers of the cabinet, one per section, in the order they must be tried."""

from __future__ import annotations

from aiogram import Router

from bot.handlers import coupons, messages, orders, search, settings, stale, start, trash


def section_routers() -> list[Router]:
    """Fresh routers: commands first (so /cancel beats an open form), the stale catch-all last."""
    return [
        module.routes.build()
        for module in (start, settings, orders, trash, coupons, messages, search, stale)
    ]
