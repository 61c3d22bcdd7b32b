"""Check the gettext catalogues for mistakes that would break what buyers see in Telegram."""

from __future__ import annotations

import argparse
import gettext
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from string import Formatter

from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural

from bot import catalogs
from bot.catalogs import display_path
from bot.po_parser import PoEntry, PoFile, PoSyntaxError, parse_po

PLURAL_PROBE = range(1001)
# Placeholders carrying the number itself: a plural form used for a single number may omit them.
COUNT_FIELDS = frozenset({"count", "n"})
_CONVERSIONS = (None, "r", "s", "a")
_PLURAL_FORMS_RE = re.compile(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*")


@dataclass(frozen=True)
class PluralRules:
    """How a language picks plural forms: their count and the form chosen for each probed n."""

    nplurals: int
    table: tuple[int, ...]

    @property
    def single_number_forms(self) -> frozenset[int]:
        """Forms used for exactly one number (like English "1 order"), so may omit {count}."""
        return frozenset(form for form, uses in Counter(self.table).items() if uses == 1)


def plural_table(expression: str) -> tuple[int, ...]:
    """Evaluate a C plural expression for every probed n; ValueError if it is invalid."""
    try:
        func = gettext.c2py(expression)
        return tuple(func(n) for n in PLURAL_PROBE)
    except (ValueError, ArithmeticError, RecursionError, SyntaxError) as exc:
        raise ValueError(f"invalid plural expression {expression!r}: {exc}") from exc


def expected_plural_rules(lang: str) -> PluralRules | None:
    """Babel's (CLDR-based) plural rules for ``lang``, or None for an unknown language."""
    try:
        Locale.parse(lang)
        plural = get_plural(lang)
    except (UnknownLocaleError, ValueError):
        return None
    return PluralRules(plural.num_plurals, plural_table(plural.plural_expr))


def _header_problems(
    po: PoFile, lang: str, lines: list[str]
) -> tuple[list[str], PluralRules | None]:
    """Validate Plural-Forms against Babel; return problems and the rules entries must follow."""
    expected = expected_plural_rules(lang)
    lineno = next(
        (no for no, line in enumerate(lines, 1) if line.lstrip().startswith('"Plural-Forms:')),
        next((no for no, line in enumerate(lines, 1) if line.strip() == 'msgid ""'), 1),
    )
    problems = []
    if expected is None:
        problems.append(f"unknown language code {lang!r}: cannot verify Plural-Forms")
    value = po.header.get("plural-forms")
    match = _PLURAL_FORMS_RE.fullmatch(value or "")
    declared = None
    if match is None:
        problems.append(f"Plural-Forms header {'does not parse' if value else 'is missing'}")
    else:
        try:
            declared = PluralRules(int(match[1]), plural_table(match[2]))
        except ValueError as exc:
            problems.append(f"Plural-Forms: {exc}")
    if declared is not None:
        problems.extend(_compare_plurals(declared, expected, lang))
    return [f"{lineno}: {problem}" for problem in problems], expected or declared


def _compare_plurals(
    declared: PluralRules, expected: PluralRules | None, lang: str
) -> Iterator[str]:
    for n, form in enumerate(declared.table):
        if form >= declared.nplurals:
            yield f"Plural-Forms picks form {form} for n={n} but nplurals={declared.nplurals}"
            break
    if expected is None:
        return
    if declared.nplurals != expected.nplurals:
        yield f"Plural-Forms has nplurals={declared.nplurals}, {lang} needs {get_plural(lang)}"
        return
    for n, (got, want) in enumerate(zip(declared.table, expected.table, strict=True)):
        if got != want:
            yield f"Plural-Forms picks form {got} for n={n}, {lang} needs {get_plural(lang)}"
            return


def format_fields(text: str) -> set[str]:
    """Names of str.format fields in ``text`` ("" for ``{}``); ValueError if it won't format."""
    names = set()
    for _literal_text, name, spec, conversion in Formatter().parse(text):
        if name is None:
            continue
        if conversion not in _CONVERSIONS:
            raise ValueError(f"unknown conversion !{conversion}")
        names.add(name)
        if spec:
            names |= format_fields(spec)
    return names


class _TagScanner(HTMLParser):
    """Collect opening tag names and nesting errors of Telegram HTML."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.errors: list[str] = []
        self._open: list[str] = []
        self.feed(text)
        self.close()
        self.errors.extend(f"<{tag}> is never closed" for tag in reversed(self._open))

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags[tag] += 1
        self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        self.tags[tag] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._open:
            self.errors.append(f"</{tag}> closes nothing")
            return
        if self._open[-1] != tag:
            self.errors.append(f"</{tag}> while <{self._open[-1]}> is still open")
        del self._open[len(self._open) - 1 - self._open[::-1].index(tag)]


def _diff(what: str, missing: list[str], extra: list[str]) -> list[str]:
    """One 'differ' message listing what a translation lost and gained, or none."""
    parts = [
        f"{label} {', '.join(items)}"
        for label, items in (("missing", missing), ("extra", extra))
        if items
    ]
    return [f"{what} differ from msgid: {'; '.join(parts)}"] if parts else []


def _braced(names: set[str]) -> list[str]:
    return [f"{{{name}}}" for name in sorted(names)]


def _placeholder_problems(
    entry: PoEntry, index: int, text: str, rules: PluralRules | None
) -> list[str]:
    """Compare str.format fields of one msgstr form with those of the msgid."""
    try:
        expected = format_fields(entry.msgid) | format_fields(entry.msgid_plural or "")
    except ValueError:
        return []  # the msgid is not a format string, so the translation need not be one
    try:
        found = format_fields(text)
    except ValueError as exc:
        if any(brace in entry.msgid + (entry.msgid_plural or "") for brace in "{}"):
            return [f"not a valid format string ({exc}), .format() would crash"]
        return []
    missing = expected - found
    if entry.msgid_plural is not None and rules and index in rules.single_number_forms:
        missing -= COUNT_FIELDS
    return _diff("placeholders", _braced(missing), _braced(found - expected))


def _html_problems(entry: PoEntry, text: str) -> list[str]:
    """Compare Telegram HTML tags of one msgstr form with those of the msgid."""
    sources = [_TagScanner(entry.msgid), _TagScanner(entry.msgid_plural or entry.msgid)]
    scanned = _TagScanner(text)
    problems = []
    if all(scanned.tags != source.tags for source in sources):
        lost, gained = sources[0].tags - scanned.tags, scanned.tags - sources[0].tags
        problems += _diff(
            "HTML tags",
            [f"<{tag}>" for tag in sorted(lost.elements())],
            [f"<{tag}>" for tag in sorted(gained.elements())],
        )
    if scanned.errors and not sources[0].errors:  # fragments split on purpose stay allowed
        problems.append(f"unbalanced HTML: {'; '.join(scanned.errors)}")
    return problems


_CLOSING = re.compile(r"(?:\s|</\w+>|[»”“\"')])+$")
_TERMINAL = ".!?…"


def _ending_problems(entry: PoEntry, text: str) -> list[str]:
    """A sentence's final full stop (or ! ?) is kept: a translation that drops it to avoid a
    double stop after a date ("2027 г..") hides the real fault, a value ending in a stop."""
    source = _CLOSING.sub("", entry.msgid_plural or entry.msgid)
    if source[-1:] not in _TERMINAL or source.endswith(".."):
        return []
    if _CLOSING.sub("", text)[-1:] in _TERMINAL:
        return []
    return [f"drops the final {source[-1]!r} of the sentence"]


def entry_problems(entry: PoEntry, rules: PluralRules | None) -> list[str]:
    """Everything wrong with one entry's translation, without the location prefix."""
    if "fuzzy" in entry.flags:
        return ["fuzzy: the translation needs review (fuzzy entries are not compiled)"]
    plural = entry.msgid_plural is not None
    labels = [f"msgstr[{index}]" if plural else "msgstr" for index in range(len(entry.msgstrs))]
    problems = []
    if plural and rules is not None and len(entry.msgstrs) != rules.nplurals:
        problems.append(
            f"has {len(entry.msgstrs)} plural forms, the language needs {rules.nplurals}"
        )
    empty = [label for label, text in zip(labels, entry.msgstrs, strict=True) if not text]
    if len(empty) == len(entry.msgstrs):
        problems.append("untranslated (empty msgstr)")
    elif empty:
        problems.append(f"untranslated plural form {', '.join(empty)}")
    for index, text in enumerate(entry.msgstrs):
        if text:
            prefix = f"{labels[index]}: " if plural else ""
            found = _placeholder_problems(entry, index, text, rules) + _html_problems(entry, text)
            found = found or _ending_problems(entry, text)  # one fault at a time
            problems.extend(prefix + problem for problem in found)
    return problems


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _code_problems(template: Catalog, po: PoFile, display: str) -> list[str]:
    """Strings used in the code that this catalogue lacks or has in another shape."""
    entries = {entry.key: entry for entry in po.entries}
    problems = []
    for message in template:
        if not message.id:
            continue
        plural: str | None = None
        msgid = message.id
        if isinstance(msgid, (list, tuple)):
            msgid, plural = msgid[0], msgid[1]
        where = _source_location(message)
        entry = entries.get((message.context, msgid))
        if entry is None:
            problems.append(f"{where}: msgid {_short(msgid)}: missing from {display}")
        elif (entry.msgid_plural is None) != (plural is None):
            shape = "plural" if plural is not None else "singular"
            problems.append(
                f"{display}:{entry.lineno}: msgid {_short(msgid)}: {shape} in the"
                f" code ({where}) but not in the catalogue"
            )
        elif plural is not None and entry.msgid_plural != plural:
            problems.append(
                f"{display}:{entry.lineno}: msgid {_short(msgid)}: msgid_plural"
                f" differs from the code ({where}): run `python -m bot.catalogs update`"
            )
    return problems


def _source_location(message: Message) -> str:
    if not message.locations:
        return "(code)"
    filename, lineno = message.locations[0]
    return f"{filename}:{lineno}"


@dataclass
class LocalesReport:
    """Result of a check: problems, message counts per catalogue, catalogues with problems."""

    problems: list[str] = field(default_factory=list)
    messages: dict[str, int] = field(default_factory=dict)
    failing: set[str] = field(default_factory=set)


def _check_catalogue(lang: str, path: Path, template: Catalog, report: LocalesReport) -> None:
    display = display_path(path)
    problems = []
    try:
        text = path.read_bytes().decode("utf-8")
        po = parse_po(text)
    except FileNotFoundError:
        problems.append(f"{display}: catalogue for {lang!r} is missing")
    except UnicodeDecodeError as exc:
        problems.append(f"{display}: cannot parse: not UTF-8 at byte {exc.start}")
    except PoSyntaxError as exc:
        problems.append(f"{display}:{exc.lineno}: cannot parse: {exc.reason}")
    else:
        report.messages[lang] = len(po.entries)
        header_problems, rules = _header_problems(po, lang, text.splitlines())
        problems.extend(f"{display}:{problem}" for problem in header_problems)
        for entry in po.entries:
            location = f"{display}:{entry.lineno}: msgid {_short(entry.msgid)}"
            problems.extend(f"{location}: {problem}" for problem in entry_problems(entry, rules))
        problems.extend(_code_problems(template, po, display))
        if not problems:
            try:  # the safety net: what passes here must also compile
                catalogs.load_catalog(path)
            except catalogs.CatalogError as exc:
                problems.append(str(exc))
    if problems:
        report.problems.extend(problems)
        report.failing.add(lang)


def run_checks(
    locales_dir: Path, source_dir: Path, languages: Sequence[str] | None = None
) -> LocalesReport:
    """Check the catalogues of ``languages`` (default: all present) against the code."""
    locales_dir = Path(locales_dir)
    report = LocalesReport()
    if languages is None:
        found = catalogs.find_po_files(locales_dir)
        if not found:
            report.problems.append(
                f"{display_path(locales_dir)}: no <lang>/LC_MESSAGES/"
                f"{catalogs.DOMAIN}.po catalogues found"
            )
    else:
        found = {lang: catalogs.po_path(locales_dir, lang) for lang in languages}
    template = catalogs.extract_messages(Path(source_dir))
    for lang, path in found.items():
        _check_catalogue(lang, path, template, report)
    return report


def check_locales(
    locales_dir: Path, source_dir: Path, languages: Sequence[str] | None = None
) -> list[str]:
    """Return one human-readable line (file:line: msgid: what) per problem found."""
    return run_checks(locales_dir, source_dir, languages).problems


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def main(argv: Sequence[str] | None = None) -> int:
    """CLI for ``python -m bot check-locales``: print problems and a summary; 1 on problems."""
    if argv is None:
        argv = sys.argv[1:]
        if argv[:1] == ["check-locales"]:
            argv = argv[1:]
    parser = argparse.ArgumentParser(prog="python -m bot check-locales", description=__doc__)
    parser.add_argument("--locales-dir", type=Path, default=catalogs.LOCALES_DIR)
    parser.add_argument("--source-dir", type=Path, default=catalogs.PACKAGE_DIR)
    parser.add_argument("--lang", action="append", help="check only this language (repeatable)")
    args = parser.parse_args(argv)
    report = run_checks(args.locales_dir, args.source_dir, args.lang)
    for problem in report.problems:
        print(problem)  # noqa: T201
    if report.problems:
        problems, failing = len(report.problems), len(report.failing)
        summary = _plural(problems, "problem")
        summary += f" in {_plural(failing, 'catalogue')}" if failing else ""
        print(f"check-locales: {summary}")  # noqa: T201
        return 1
    counts = ", ".join(f"{lang}: {count} messages" for lang, count in report.messages.items())
    print(f"check-locales: OK ({counts})")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
