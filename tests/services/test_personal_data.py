"""Deletion means deleted: every column of every table is classified in
bot/services/personal_data, deleting the account leaves none of the buyer's data in any table,
and the data export has every table that holds some."""

from __future__ import annotations

import json

from sqlalchemy import JSON, ColumnElement, String, func, select, text

from bot.db.models import Base, OutboundEvent, SignInFailure
from bot.db.repositories.personal_data import owned_by as owned_by_rules
from bot.db.uow import UnitOfWork
from bot.services.accounts.auth import failure_key
from bot.services.accounts.deletion import delete_account
from bot.services.accounts.sessions import TelegramProfile
from bot.services.export import collect_buyer_data
from bot.services.personal_data import (
    ERASED_MARK,
    EVENT_FIELDS_KEPT,
    TABLES,
    Erase,
    erasure_rules,
)
from tests.conftest import START
from tests.services.buyer_data import MARKABLE, Markers, seed_buyer

# Tables with buyer data whose rows no owner column finds, and how this test covers them.
FOUND_OTHERWISE = {
    "sign_in_failures": "seeded with the account's keys; checked by key below",
    "budgets": "hashed keys that run out with their window (at most a day)",
}


def owned_by(table: str, buyer_id: int) -> ColumnElement[bool]:
    """The buyer's rows of `table`, found as deleting the account finds them."""
    return owned_by_rules(erasure_rules(), table, buyer_id)


def _model(table: str) -> type:
    return next(m.class_ for m in Base.registry.mappers if m.local_table.name == table)


def test_every_column_of_every_table_is_classified() -> None:
    """A new table or column fails here until someone decides whether it holds buyer data and
    what deleting the account does with it."""
    assert set(TABLES) == set(Base.metadata.tables)
    for name, table in Base.metadata.tables.items():
        spec = TABLES[name]
        columns = {column.name for column in table.columns}
        assert not set(spec.data) & spec.other, name
        assert set(spec.data) | spec.other == columns, (
            name,
            columns ^ (set(spec.data) | spec.other),
        )


def test_every_table_with_buyer_data_says_how_it_is_found_erased_and_exported() -> None:
    for name, spec in TABLES.items():
        if not spec.holds_buyer_data:
            assert spec.owner is None and not spec.export, name
            continue
        assert spec.owner is not None or spec.erased_by, name
        assert bool(spec.export) != bool(spec.not_exported), name
        for column, data in spec.data.items():
            if spec.rows_go:
                assert data.erase is Erase.WITH_ROW, (name, column)
            else:
                assert data.erase in {Erase.BLANK, Erase.KEEP}, (name, column)
            assert (data.erase is Erase.KEEP) == bool(data.reason), (name, column)
        if spec.owner is not None:
            table = Base.metadata.tables[name]
            assert spec.owner.column in table.c, name
            assert spec.owner.parent is None or TABLES[spec.owner.parent].owner is not None


async def _texts(uow: UnitOfWork) -> str:
    """Every text and JSON value of every table, read with plain SQL, as one string."""
    found: list[str] = []
    async with uow:
        for table in Base.metadata.sorted_tables:
            names = [c.name for c in table.columns if isinstance(c.type, String | JSON)]
            if not names:
                continue
            listed = ", ".join(f'"{name}"' for name in names)
            rows = await uow.session.execute(text(f'SELECT {listed} FROM "{table.name}"'))
            found.extend(str(value) for row in rows for value in row if value is not None)
    return "\n".join(found)


async def test_deleting_the_account_leaves_none_of_the_buyers_data(uow: UnitOfWork) -> None:
    anna = await seed_buyer(uow, 1001, "A")
    await seed_buyer(uow, 2002, "B")
    before = await _texts(uow)
    found = [(t, c) for t, c in MARKABLE if TABLES[t].owner is not None]
    missing = [(t, c) for t, c in found if Markers("A")(t, c) not in before]
    assert not missing, f"seed_buyer fills no marker into {missing}"
    for table in {t for t, _ in MARKABLE} - {t for t, s in TABLES.items() if s.owner}:
        assert table in FOUND_OTHERWISE, table
    async with uow:
        for name, spec in TABLES.items():
            if spec.owner is not None and spec.holds_buyer_data:
                owned = select(func.count()).where(owned_by(name, anna.id))
                found = await uow.session.scalar(owned.select_from(_model(name)))
                assert found, f"seed_buyer leaves {name} empty"

    async with uow:
        account = await uow.users.by_id(anna.id)
        assert account is not None
        await delete_account(uow, account, TelegramProfile(1001, "Guest", None, "en"), START)

    after = await _texts(uow)
    left = [(t, c) for t, c in MARKABLE if Markers("A")(t, c) in after]
    assert not left, f"deleting the account left the buyer's data in {left}"
    assert all(marker in after for marker in Markers("B").all() if marker in before)
    async with uow:
        for name, spec in TABLES.items():
            if spec.owner is None:
                continue
            model = _model(name)
            rows = (await uow.session.scalars(select(model).where(owned_by(name, anna.id)))).all()
            if spec.rows_go:
                assert rows == [], name
            for column, data in spec.data.items():
                if data.erase is Erase.BLANK and not callable(data.blank):
                    assert {getattr(row, column) for row in rows} <= {data.blank}, (name, column)
        keys = [failure_key(Markers("A")("users", "email")), failure_key(f"user:{anna.id}")]
        count = select(func.count()).where(SignInFailure.key.in_(keys))
        assert await uow.session.scalar(count) == 0


async def test_undelivered_events_still_go_without_the_buyers_data(uow: UnitOfWork) -> None:
    anna = await seed_buyer(uow, 1001, "A")
    async with uow:
        account = await uow.users.by_id(anna.id)
        assert account is not None
        await delete_account(uow, account, TelegramProfile(1001, "Guest", None, "en"), START)

    async with uow:
        query = select(OutboundEvent).where(OutboundEvent.buyer_id == anna.id)
        events = (await uow.session.scalars(query.order_by(OutboundEvent.id))).all()
    assert [e.kind for e in events] == ["address.added", "complaint.filed", "buyer.deleted"]
    assert all(e.delivered_at is None for e in events)  # the delivered one is gone
    address, complaint, deleted = (e.payload for e in events)
    assert address == {
        "kind": "address.added",
        "buyer_id": anna.id,
        "external_id": "m-A",
        "at": START.isoformat(),
        ERASED_MARK: True,
    }
    assert complaint == {"kind": "complaint.filed", "anonymous": True, ERASED_MARK: True}
    assert set(deleted) <= EVENT_FIELDS_KEPT and deleted["external_id"] == "m-A"


async def test_the_export_has_every_table_that_holds_buyer_data(uow: UnitOfWork) -> None:
    anna = await seed_buyer(uow, 1001, "A")
    await seed_buyer(uow, 2002, "B")

    exported = await collect_buyer_data(uow, anna, START)

    dumped = json.dumps(exported, ensure_ascii=False)
    for name, spec in TABLES.items():
        assert set(spec.export) <= set(exported), name
        if not spec.export:
            continue
        for table, column in MARKABLE:
            if table == name and not spec.data[column].secret:
                assert Markers("A")(table, column) in dumped, (table, column)
    assert not any(marker in dumped for marker in Markers("B").all())
    assert Markers("A")("users", "password_hash") not in dumped
