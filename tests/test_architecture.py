"""House rules that keep the layers apart and every button within Telegram's limits."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from enum import Enum
from pathlib import Path

import annotated_types
import pytest
from aiogram.filters.callback_data import CallbackData
from pydantic.fields import FieldInfo

import bot
import bot.keyboards
from bot.db.types import MAX_ID

ROOT = Path(bot.__file__).resolve().parent
MAX_INT = 2**63 - 1


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            # `from bot import config` imports bot.config as surely as `import bot.config`
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _is_within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == package or name.startswith(f"{package}.") for package in packages)


@pytest.mark.parametrize("layer", ["services", "db"])
def test_services_and_db_never_import_the_telegram_layer(layer: str) -> None:
    for path in (ROOT / layer).rglob("*.py"):
        for name in _imports(path):
            assert not name.startswith(("aiogram", "bot.handlers", "bot.keyboards", "bot.views")), (
                f"{path.relative_to(ROOT)} imports {name}"
            )


def test_services_never_import_sqlalchemy_nor_the_settings() -> None:
    """Only the unit of work and the repositories speak SQL; rules come in built, so the
    domain never depends on configuration."""
    for path in (ROOT / "services").rglob("*.py"):
        for name in _imports(path):
            assert not _is_within(name, ("sqlalchemy", "bot.config")), (
                f"{path.relative_to(ROOT)} imports {name}"
            )


def _uow_attributes(path: Path) -> list[tuple[int, str]]:
    """(line, name) of every `uow.<name>` or `<anything>.uow.<name>` read in the module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Attribute):
            continue
        owner = node.value
        if (isinstance(owner, ast.Name) and owner.id == "uow") or (
            isinstance(owner, ast.Attribute) and owner.attr == "uow"
        ):
            found.append((node.lineno, node.attr))
    return found


def test_services_reach_the_database_only_through_repositories() -> None:
    """A query written against `uow.session` in a service needs no SQLAlchemy import, so the
    import rule alone would let it through."""
    for path in (ROOT / "services").rglob("*.py"):
        for line, name in _uow_attributes(path):
            assert name != "session", f"{path.relative_to(ROOT)}:{line} reads uow.session"


# What the Telegram layer may read on a unit of work: how many commits it saw (the error
# boundary tells the buyer that what they did was saved). Never a repository.
UOW_ATTRIBUTES_FOR_TELEGRAM = frozenset({"commits"})
TELEGRAM_LAYERS = ("handlers", "views", "keyboards")


def test_the_telegram_layer_never_touches_repositories_nor_sql() -> None:
    """Handlers, views and keyboards pass the unit of work on to services (`ctx.uow` as an
    argument is fine) but never read a repository on it nor import one."""
    from bot.db.uow import UnitOfWork

    repositories = set(UnitOfWork.__annotations__)
    assert repositories and not repositories & UOW_ATTRIBUTES_FOR_TELEGRAM
    for layer in TELEGRAM_LAYERS:
        for path in (ROOT / layer).rglob("*.py"):
            where = path.relative_to(ROOT)
            for name in _imports(path):
                assert not _is_within(name, ("sqlalchemy", "bot.db.repositories")), (
                    f"{where} imports {name}"
                )
            for line, name in _uow_attributes(path):
                assert name in UOW_ATTRIBUTES_FOR_TELEGRAM, f"{where}:{line} reads uow.{name}"


def test_the_settings_never_import_the_layers_that_read_them() -> None:
    for name in _imports(ROOT / "config.py"):
        assert not _is_within(name, ("bot.notify", "bot.services", "bot.handlers")), name


def _factories() -> list[type[CallbackData]]:
    for module in pkgutil.walk_packages(bot.keyboards.__path__, "bot.keyboards."):
        importlib.import_module(module.name)
    found: list[type[CallbackData]] = []
    stack = list(CallbackData.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("bot."):
            found.append(cls)
    return found


def _int_bounds(field: FieldInfo) -> tuple[int | None, int | None]:
    """The lowest and highest value an int field of a button takes (None: unbounded)."""
    lowest = [m.ge for m in field.metadata if isinstance(m, annotated_types.Ge)]
    highest = [m.le for m in field.metadata if isinstance(m, annotated_types.Le)]
    return (lowest[0] if lowest else None, highest[0] if highest else None)


def _worst_case(cls: type[CallbackData]) -> CallbackData:
    values: dict[str, object] = {}
    for name, field in cls.model_fields.items():
        kind = field.annotation
        if isinstance(kind, type) and issubclass(kind, Enum):
            values[name] = max(kind, key=lambda member: len(str(member.value)))
        elif kind is int:  # the longest number the field takes
            lowest, highest = _int_bounds(field)
            candidates = [MAX_INT if highest is None else highest, lowest or 0]
            values[name] = max(candidates, key=lambda bound: len(str(bound)))
        elif kind is bool:
            values[name] = True
        elif kind is str:
            values[name] = "x" * 8
        else:
            raise AssertionError(f"{cls.__name__}.{name}: only enum/int/str/bool fields")
    return cls(**values)


def test_every_callback_factory_fits_in_64_bytes_with_worst_case_values() -> None:
    factories = _factories()
    assert len(factories) >= 46  # as many as there were when they moved into callbacks.py
    for cls in factories:
        packed = _worst_case(cls).pack()
        assert len(packed.encode()) <= 64, (cls.__name__, packed)


def test_every_number_a_button_carries_is_bounded_as_stored() -> None:
    """A forged press with a huge number must fail the button's filter (out of date), not
    reach the database, which refuses ids beyond 32 bits: a new bare int field fails here
    until it is a RowId, a PageNumber (bot/keyboards/numbers.py) or bounded otherwise."""
    unbounded = []
    for cls in _factories():
        for name, field in cls.model_fields.items():
            highest = _int_bounds(field)[1] if field.annotation is int else MAX_ID
            if highest is None or highest > MAX_ID:
                unbounded.append(f"{cls.__name__}.{name}")
    assert unbounded == []


def test_callback_prefixes_are_short_lowercase_and_unique() -> None:
    prefixes = [cls.__prefix__ for cls in _factories()]
    assert len(prefixes) == len(set(prefixes)), prefixes
    for prefix in prefixes:
        assert re.fullmatch(r"[a-z]{1,4}", prefix), prefix


def test_every_callback_factory_is_in_the_one_callbacks_module() -> None:
    """A button's callback data is found in one place, whichever section shows the button."""
    elsewhere = [
        f"{cls.__module__}.{cls.__name__}"
        for cls in _factories()
        if cls.__module__ != "bot.keyboards.callbacks"
    ]
    assert elsewhere == []


def test_every_handler_and_filter_is_async_so_none_runs_in_a_thread_pool() -> None:
    from bot.handlers import section_routers

    for router in section_routers():
        for name, observer in router.observers.items():
            for root_filter in observer._handler.filters or ():
                assert root_filter.awaitable, (router.name, name, root_filter.callback)
            for handler in observer.handlers:
                assert handler.awaitable, (router.name, handler.callback)
                for each in handler.filters or ():
                    assert each.awaitable, (router.name, handler.callback.__name__, each.callback)


# What every update carries travels on `ctx` (bot/middlewares/context.py), not as parameters.
CONTEXT_PARTS = frozenset({"uow", "user", "clock", "tz", "settings", "state"})
# /start seeds the demo data and falls back to the default language: configuration, not rules.
READS_SETTINGS = frozenset({"start.on_start", "start.on_start_with_link"})


def test_handlers_take_the_context_not_its_parts() -> None:
    """A handler is parse → service → render: it takes the event, its button's data, `ctx`
    and a few of aiogram's or the app's values (a toast, the mailer, ...); rules come built
    on `ctx.rules`, never from Settings."""
    from bot.handlers import section_routers

    offenders = []
    for router in section_routers():
        for observer in router.observers.values():
            for handler in observer.handlers:
                params = set(inspect.signature(handler.callback).parameters)
                name = f"{router.name}.{handler.callback.__name__}"
                parts = params & CONTEXT_PARTS
                if name in READS_SETTINGS:
                    parts -= {"settings"}
                if parts or len(params) > 6:
                    offenders.append(f"{name}{sorted(params)}")
    assert offenders == []
