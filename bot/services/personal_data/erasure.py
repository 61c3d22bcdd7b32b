"""Deleting the account's data: the rows `TABLES` finds for a buyer are deleted or blanked."""

from __future__ import annotations

from typing import Any

from bot.db.repositories.personal_data import Erasure
from bot.db.uow import UnitOfWork
from bot.services.personal_data.registry import TABLES, Erase, Table


def _blanks(table: Table) -> dict[str, Any]:
    return {name: d.blank for name, d in table.data.items() if d.erase is Erase.BLANK}


def erasure_rules() -> dict[str, Erasure]:
    """`TABLES` as the repository runs it: each table whose rows an owner column finds."""
    return {
        name: Erasure(
            owner=spec.owner.column,
            parent=spec.owner.parent,
            rows_go=spec.rows_go,
            drop_if_set=spec.drop_if_set,
            blanks=_blanks(spec),
        )
        for name, spec in TABLES.items()
        if spec.owner is not None
    }


async def erase_buyer_data(uow: UnitOfWork, buyer_id: int) -> None:
    """Delete or blank every row of the buyer that `TABLES` can find (children first), inside
    the caller's transaction; the rows found otherwise (`erased_by`) are the caller's."""
    await uow.personal_data.erase(buyer_id, erasure_rules())
