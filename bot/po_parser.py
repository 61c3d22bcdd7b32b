"""A strict .po reader for check-locales: it keeps what Babel's reader quietly repairs
(missing plural forms, duplicate msgids), because those are what the check must report."""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel.messages.pofile import unescape

_PO_LINE_RE = re.compile(
    r'(?:(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s*)?("(?:[^"\\]|\\.)*")'
)


class PoSyntaxError(ValueError):
    """A .po file is malformed; carries the 1-based line number."""

    def __init__(self, lineno: int, reason: str) -> None:
        super().__init__(f"line {lineno}: {reason}")
        self.lineno, self.reason = lineno, reason


@dataclass
class PoEntry:
    """One active message with its raw msgstr forms (Babel pads plural forms, hiding gaps)."""

    lineno: int
    msgid: str
    msgid_plural: str | None
    msgctxt: str | None
    msgstrs: list[str]
    flags: frozenset[str]

    @property
    def key(self) -> tuple[str | None, str]:
        return self.msgctxt, self.msgid


@dataclass
class PoFile:
    """A strictly parsed .po file: header fields (lower-case names) and active entries."""

    header: dict[str, str]
    entries: list[PoEntry]


class _PoParser:
    """Line-based reader for the checker, stricter than Babel; skips obsolete ``#~`` entries."""

    def __init__(self) -> None:
        self.entries: list[PoEntry] = []
        self._seen: dict[tuple[str | None, str], int] = {}
        self._reset()

    def _reset(self) -> None:
        self._flags: set[str] = set()
        self._parts: dict[str, list[str]] = {}  # msgctxt, msgid, msgid_plural -> pieces
        self._strs: list[list[str]] = []
        self._lineno = 0
        self._target: list[str] | None = None

    def feed(self, lineno: int, line: str) -> None:
        if line.startswith("#"):
            self._close()
            if line.startswith("#,"):
                self._flags.update(flag.strip() for flag in line[2:].split(","))
            return
        match = _PO_LINE_RE.fullmatch(line)
        if not match:
            raise PoSyntaxError(lineno, f"cannot understand {line[:50]!r}")
        keyword, index, literal = match.groups()
        if keyword is None:
            if self._target is None:
                raise PoSyntaxError(lineno, "string outside msgctxt/msgid/msgstr")
            self._target.append(unescape(literal))
            return
        if keyword in ("msgctxt", "msgid"):
            self._close()
        error = self._misplaced(keyword, index)
        if error:
            raise PoSyntaxError(lineno, error)
        self._target = [unescape(literal)]
        if keyword == "msgstr":
            self._strs.append(self._target)
        else:
            self._parts[keyword] = self._target
        if keyword == "msgid":
            self._lineno = lineno

    @property
    def pending_context(self) -> bool:
        return "msgctxt" in self._parts

    def _misplaced(self, keyword: str, index: str | None) -> str | None:
        """Say why ``keyword`` cannot come next, or None when it can."""
        plural = "msgid_plural" in self._parts
        if index is not None and keyword != "msgstr":
            return f"unknown keyword {keyword}[{index}]"
        if keyword in self._parts:
            return f"second {keyword} in one entry"
        if keyword in ("msgctxt", "msgid"):
            return None
        if "msgid" not in self._parts:
            return f"{keyword} without msgid"
        if keyword == "msgid_plural":
            return "msgid_plural after msgstr" if self._strs else None
        if index is None and (plural or self._strs):
            return "plural entry needs msgstr[N]" if plural else "second msgstr"
        if index is None:
            return None
        if not plural:
            return f"msgstr[{index}] without msgid_plural"
        if int(index) != len(self._strs):
            return f"msgstr[{index}] where msgstr[{len(self._strs)}] belongs"
        return None

    def _close(self) -> None:
        """Finish the entry being read; a pending msgctxt and flags wait for their msgid."""
        if "msgid" not in self._parts:
            return
        if not self._strs:
            raise PoSyntaxError(self._lineno, "msgid without msgstr")
        text = {name: "".join(parts) for name, parts in self._parts.items()}
        entry = PoEntry(
            lineno=self._lineno,
            msgid=text["msgid"],
            msgid_plural=text.get("msgid_plural"),
            msgctxt=text.get("msgctxt"),
            msgstrs=["".join(parts) for parts in self._strs],
            flags=frozenset(self._flags),
        )
        if entry.key in self._seen:
            first = self._seen[entry.key]
            raise PoSyntaxError(entry.lineno, f"duplicate msgid (first defined at line {first})")
        self._seen[entry.key] = entry.lineno
        self.entries.append(entry)
        self._reset()


def parse_po(text: str) -> PoFile:
    """Parse .po text strictly; raise PoSyntaxError on what msgfmt would reject."""
    parser = _PoParser()
    lines = text.splitlines()
    for lineno, line in enumerate(lines, 1):
        if line.strip():
            parser.feed(lineno, line.strip())
    parser.feed(len(lines) + 1, "#")  # a comment closes the last entry
    if parser.pending_context:
        raise PoSyntaxError(len(lines), "msgctxt without msgid at end of file")
    header: dict[str, str] = {}
    entries = []
    for entry in parser.entries:
        if entry.key != (None, ""):
            entries.append(entry)
            continue
        for header_line in entry.msgstrs[0].splitlines():
            name, colon, value = header_line.partition(":")
            if colon:
                header[name.strip().lower()] = value.strip()
    return PoFile(header, entries)
