"""Numbers a button carries, bounded as they are stored: a forged press with a huge one is an
out-of-date button (the filter refuses it) rather than an error from the database, which
refuses ids beyond 32 bits on PostgreSQL."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from bot.db.types import MAX_ID

RowId = Annotated[int, Field(ge=0, le=MAX_ID)]
"""A row's id, as the database stores it (0 where a button stands for no row, e.g. a list's
way back)."""

PageNumber = Annotated[int, Field(ge=-MAX_ID, le=MAX_ID)]
"""A page of a list (0: the first, -1: the last where a list opens at its end); one beyond
the last is shown as the last."""
