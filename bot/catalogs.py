"""Extract, merge and compile the bot's gettext catalogues with Babel's API."""

from __future__ import annotations

import argparse
import hashlib
import io
import logging
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, write_po

logger = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
LOCALES_DIR = PACKAGE_DIR / "locales"  # package data: shipped in the wheel
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"
DEFAULT_LANGUAGES = ("en", "ru")
COMMENT_TAGS = ("NOTE:",)
PROJECT = "cabinet-bot"

# aiogram's gettext(singular, plural=None, n=1, locale=None): one or two arguments
# (the second may be locale=...) is a plain message, three or four is a plural one.
_GETTEXT_SPEC: dict[int | None, tuple[int, ...]] = {1: (1,), 2: (1,), 3: (1, 2), 4: (1, 2)}
# Keep in sync with babel.cfg (a test compares them).
KEYWORDS: dict[str, Any] = {
    **DEFAULT_KEYWORDS,
    **dict.fromkeys(("_", "__", "gettext", "lazy_gettext"), _GETTEXT_SPEC),
    **dict.fromkeys(("ngettext", "lazy_ngettext"), (1, 2)),
}

_HEADER_COMMENT = (
    "# Translations for cabinet-bot.\n"
    "# Update: python -m bot.catalogs update; check: python -m bot check-locales"
)
# Header lines that change on every run; ignored when deciding whether a file changed.
_VOLATILE_PREFIXES = (b'"POT-Creation-Date:', b'"PO-Revision-Date:')


class CatalogError(Exception):
    """A catalogue file could not be read; the message names the file (and line)."""


def po_path(locales_dir: Path, lang: str) -> Path:
    """Return where the catalogue of ``lang`` lives, so every tool agrees on the layout."""
    return locales_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def find_po_files(locales_dir: Path) -> dict[str, Path]:
    """Map language code to .po path for every catalogue present under ``locales_dir``."""
    paths = sorted(Path(locales_dir).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return {path.parent.parent.name: path for path in paths}


def _keep_dir(path: str) -> bool:
    """Skip hidden folders and caches but, unlike Babel's default, keep ``_private`` packages."""
    name = Path(path).name
    return not name.startswith(".") and name != "__pycache__"


def extract_messages(source_dir: Path) -> Catalog:
    """Extract every marked string under ``source_dir`` into an in-memory template."""
    source_dir = Path(source_dir).resolve()
    template = Catalog(
        domain=DOMAIN, project=PROJECT, header_comment=_HEADER_COMMENT, charset="utf-8"
    )
    results = extract_from_dir(
        source_dir,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
        directory_filter=_keep_dir,
    )
    for filename, lineno, message, comments, context in results:
        # Paths relative to the repo root, as `pybabel extract -F babel.cfg .` writes them.
        location = (f"{source_dir.name}/{filename}", lineno)
        template.add(message, None, [location], auto_comments=comments, context=context)
    return template


def _language_of(path: Path) -> str | None:
    """Take the catalogue language from ``<lang>/LC_MESSAGES/<domain>.po`` if Babel knows it."""
    if path.parent.name != "LC_MESSAGES":
        return None
    lang = path.parent.parent.name
    try:
        Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return None  # an unusual folder name is not fatal: the Language header decides
    return lang


def load_catalog(path: Path) -> Catalog:
    """Read a .po file strictly, turning Babel's errors into one that names the file."""
    path = Path(path)
    try:
        with path.open("rb") as fileobj:
            return read_po(fileobj, locale=_language_of(path), domain=DOMAIN, abort_invalid=True)
    except PoFileError as exc:
        reason = str(exc).removesuffix(f" on {exc.lineno}")
        raise CatalogError(f"{path}:{exc.lineno + 1}: invalid .po syntax: {reason}") from exc
    except (UnknownLocaleError, ValueError) as exc:  # includes UnicodeDecodeError
        raise CatalogError(f"{path}: cannot read catalogue: {exc}") from exc


def _strip_volatile(data: bytes) -> list[bytes]:
    return [line for line in data.splitlines() if not line.startswith(_VOLATILE_PREFIXES)]


def _write_po_if_changed(path: Path, catalog: Catalog, **options: Any) -> bool:
    """Write ``catalog`` unless only its timestamps would change, keeping git diffs quiet."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, **options)
    data = buffer.getvalue()
    if path.exists() and _strip_volatile(path.read_bytes()) == _strip_volatile(data):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _merge(catalog: Catalog, template: Catalog) -> None:
    """Merge ``template`` into ``catalog`` without fuzzy guesses, reviving obsolete entries."""
    for key, message in list(catalog.obsolete.items()):
        where = message.id, message.context
        if template.get(*where) and not catalog.get(*where):  # back in the code: keep it
            catalog[message.id] = message
            del catalog.obsolete[key]
    catalog.update(template, no_fuzzy_matching=True)


def update_catalogs(locales_dir: Path, source_dir: Path, create: Iterable[str] = ()) -> list[Path]:
    """Write messages.pot, merge it into every .po (and new ``create`` ones); return changed files.

    Like `pybabel update --no-fuzzy-matching`: translations are kept, new strings are added
    untranslated, and strings gone from the code become obsolete (``#~``) entries.
    """
    locales_dir = Path(locales_dir)
    template = extract_messages(source_dir)
    changed = []
    pot = locales_dir / f"{DOMAIN}.pot"
    if _write_po_if_changed(pot, template):
        changed.append(pot)
    catalogues = find_po_files(locales_dir)
    for lang in create:
        catalogues.setdefault(lang, po_path(locales_dir, lang))
    for lang, path in sorted(catalogues.items()):
        if path.exists():
            catalog = load_catalog(path)
        elif _language_of(path) is None:
            raise CatalogError(f"{path}: cannot create a catalogue for unknown language {lang!r}")
        else:  # like `pybabel init`
            catalog = Catalog(lang, DOMAIN, _HEADER_COMMENT, project=PROJECT, fuzzy=False)
        _merge(catalog, template)
        if _write_po_if_changed(path, catalog):
            changed.append(path)
    return changed


def fill_source_language(po_file: Path) -> int:
    """Copy msgid into every empty msgstr of the source-language catalogue; return how many.

    The English catalogue then holds the wording users see, which can be edited there
    without touching the code.
    """
    po_file = Path(po_file)
    catalog = load_catalog(po_file)
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, (list, tuple)):
            sources = [message.id[0]] + [message.id[1]] * (catalog.num_plurals - 1)
            forms = [*message.string, *[""] * len(sources)][: len(sources)]
            if not all(forms):
                message.string = tuple(
                    form or source for form, source in zip(forms, sources, strict=True)
                )
                filled += 1
        elif not message.string:
            message.string = message.id
            filled += 1
    if filled:
        _write_po_if_changed(po_file, catalog)
    return filled


def compile_catalogs(
    locales_dir: Path, *, force: bool = False, into: Path | None = None
) -> list[Path]:
    """Compile each .po to a .mo beside it (or in the same layout under ``into``) when the .mo
    is missing or stale; return the .mo files.

    Fuzzy entries are left out, so the bot shows the English original instead of a guess.
    Raises CatalogError naming the file when a .po cannot be parsed.
    """
    compiled = []
    for po_file in sorted(Path(locales_dir).glob("*/LC_MESSAGES/*.po")):
        mo_file = po_file.with_suffix(".mo")
        if into is not None:
            mo_file = Path(into) / mo_file.relative_to(locales_dir)
            mo_file.parent.mkdir(parents=True, exist_ok=True)
        if (
            not force
            and mo_file.exists()
            and mo_file.stat().st_mtime_ns >= po_file.stat().st_mtime_ns
        ):
            continue
        catalog = load_catalog(po_file)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        # Replace atomically: a bot starting at the same time never reads half a file.
        partial = mo_file.with_name(f".{mo_file.name}.{os.getpid()}.tmp")
        partial.write_bytes(buffer.getvalue())
        partial.replace(mo_file)
        compiled.append(mo_file)
    return compiled


def _cache_dirs() -> list[Path]:
    xdg = os.environ.get("XDG_CACHE_HOME")
    home = Path(xdg) if xdg else Path.home() / ".cache"
    return [home / PROJECT, Path(tempfile.gettempdir()) / PROJECT]


def compiled_locales_dir(locales_dir: Path = LOCALES_DIR) -> Path:
    """A folder of up-to-date .mo files for the catalogues under ``locales_dir``.

    They are compiled beside the .po files when that folder is writable (a source checkout,
    an editable install); a read-only install (site-packages owned by root, a container image)
    gets them in a cache folder named after the catalogues' contents instead, so the bot
    always starts with the catalogues it ships.
    """
    locales_dir = Path(locales_dir)
    try:
        compile_catalogs(locales_dir)
    except OSError as error:
        logger.info("cannot write .mo files beside the catalogues (%s)", error)
    else:
        return locales_dir
    digest = hashlib.sha256()
    for po_file in sorted(locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        digest.update(po_file.relative_to(locales_dir).as_posix().encode())
        digest.update(po_file.read_bytes())
    problems = []
    for cache in _cache_dirs():
        target = cache / f"locales-{digest.hexdigest()[:16]}"
        try:
            compile_catalogs(locales_dir, into=target)
        except OSError as error:
            problems.append(str(error))
        else:
            return target
    raise CatalogError(f"cannot compile the catalogues anywhere: {'; '.join(problems)}")


def display_path(path: Path) -> str:
    """Show ``path`` relative to the working directory when possible, for short messages."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv: Sequence[str] | None = None) -> int:
    """Developer CLI: ``python -m bot.catalogs update`` or ``python -m bot.catalogs compile``."""
    parser = argparse.ArgumentParser(prog="python -m bot.catalogs", description=__doc__)
    parser.add_argument("--locales-dir", type=Path, default=LOCALES_DIR)
    parser.add_argument("--source-dir", type=Path, default=PACKAGE_DIR)
    commands = parser.add_subparsers(dest="command", required=True)
    update = commands.add_parser("update", help="extract, merge into .po files, fill English")
    update.add_argument("--add", action="append", default=[], metavar="LANG", help="new language")
    build = commands.add_parser("compile", help="compile .po files into .mo files")
    build.add_argument("--force", action="store_true", help="recompile up-to-date files too")
    args = parser.parse_args(argv)

    try:
        if args.command == "update":
            languages = dict.fromkeys([*DEFAULT_LANGUAGES, *args.add])
            changed = update_catalogs(args.locales_dir, args.source_dir, create=languages)
            source_po = po_path(args.locales_dir, SOURCE_LANGUAGE)
            if source_po.exists() and fill_source_language(source_po) and source_po not in changed:
                changed.append(source_po)
            for path in changed:
                print(f"updated {display_path(path)}")  # noqa: T201
            if not changed:
                print("catalogues are up to date")  # noqa: T201
        else:
            for path in compile_catalogs(args.locales_dir, force=args.force):
                print(f"compiled {display_path(path)}")  # noqa: T201
    except CatalogError as exc:
        print(f"error: {exc}")  # noqa: T201
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
