"""Deleting the account's data: the rows `TABLES` finds for a buyer are deleted or blanked."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, delete, inspect, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Base
from bot.services.personal_data.registry import TABLES, Erase, Table


def _models() -> dict[str, type[Any]]:
    return {mapper.local_table.name: mapper.class_ for mapper in Base.registry.mappers}


def owned_by(table: str, buyer_id: int) -> ColumnElement[bool]:
    """The condition that picks the buyer's rows of `table` (which must have an owner)."""
    owner = TABLES[table].owner
    assert owner is not None, table
    model = _models()[table]
    column = getattr(model, owner.column)
    if owner.parent is None:
        return column == buyer_id
    parent = _models()[owner.parent]
    [key] = inspect(parent).primary_key
    return column.in_(select(key).where(owned_by(owner.parent, buyer_id)))


def _blanks(table: Table) -> dict[str, Any]:
    return {name: d.blank for name, d in table.data.items() if d.erase is Erase.BLANK}


async def erase_buyer_data(session: AsyncSession, buyer_id: int) -> None:
    """Delete or blank every row of the buyer that `TABLES` can find (children first); the
    rows found otherwise (`erased_by`) are the caller's."""
    models = _models()
    for sorted_table in reversed(Base.metadata.sorted_tables):
        spec = TABLES[sorted_table.name]
        if spec.owner is None:
            continue
        model = models[sorted_table.name]
        where = owned_by(sorted_table.name, buyer_id)
        fetch = {"synchronize_session": "fetch"}  # rows loaded in this session go too
        if spec.rows_go:
            await session.execute(delete(model).where(where).execution_options(**fetch))
            continue
        if spec.drop_if_set is not None:
            done = getattr(model, spec.drop_if_set).is_not(None)
            await session.execute(delete(model).where(where, done).execution_options(**fetch))
        blanks = _blanks(spec)
        for row in await session.scalars(select(model).where(where)):
            for name, value in blanks.items():
                setattr(row, name, value(getattr(row, name)) if callable(value) else value)
