"""Telegram's HTML parse mode, ported from tdlib's parse_html: the bot compares screens with
it, and the fake Telegram refuses what the real Bot API refuses, with the same errors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SUPPORTED_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler",
        "tg-emoji", "tg-time", "span", "pre", "code", "blockquote",
    }
)  # fmt: skip

_ENTITY_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "tg-emoji": "custom_emoji",
    "tg-time": "date_time",
    "a": "text_link",
    "pre": "pre",
    "code": "code",
}
_NAMED_ENTITIES = {b"lt": ord("<"), b"gt": ord(">"), b"amp": ord("&"), b"quot": ord('"')}
_SPACES = frozenset(b" \t\r\n\v\0")
_MARKUP = re.compile(rb"[&<]")  # where plain text ends: an entity or a tag may start
_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))  # UTF-8 bytes that start no character
_FOUR_BYTE_LEADS = bytes(range(0xF0, 0x100))  # characters outside the BMP: 2 UTF-16 units
_INT64_MAX = 2**63 - 1
_PREFIX = "can't parse entities: "


class HtmlParseError(ValueError):
    """Raised with the exact description the Bot API puts after "Bad Request: "."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description


@dataclass(frozen=True, slots=True)
class Entity:
    """One formatting entity with UTF-16 offsets, as Telegram stores it."""

    type: str
    offset: int
    length: int
    argument: str = ""


@dataclass(frozen=True, slots=True)
class ParsedText:
    """Plain text plus the entities produced by parsing."""

    text: str
    entities: tuple[Entity, ...] = field(default=())


@dataclass(slots=True)
class _OpenTag:
    name: str
    argument: str
    utf16_offset: int


def parse_telegram_html(text: str) -> str:
    """Return the plain text Telegram would show, or raise HtmlParseError like the Bot API."""
    return parse_html(text).text


def parse_html(text: str) -> ParsedText:
    """Parse like tdlib (byte offsets in UTF-8) and keep the entities for content comparison."""
    return _Parser(text.encode("utf-8", errors="surrogatepass")).run()


def _fail(message: str) -> HtmlParseError:
    return HtmlParseError(_PREFIX + message)


def _is_digit(c: int) -> bool:
    return 0x30 <= c <= 0x39


def _is_alpha(c: int) -> bool:
    return 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A


def _is_hex(c: int) -> bool:
    return _is_digit(c) or 0x41 <= c <= 0x46 or 0x61 <= c <= 0x66


def _lower(raw: bytes) -> str:
    return raw.lower().decode("utf-8", errors="replace")


def _to_int64(value: str) -> int | None:
    digits = value[1:] if value.startswith("-") else value
    if not digits or not digits.isascii() or not digits.isdigit():
        return None
    number = int(value)
    return number if -_INT64_MAX - 1 <= number <= _INT64_MAX else None


class _Parser:
    """A direct port of the tdlib state machine; ``at`` mimics reading a NUL-terminated string."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self.out = bytearray()
        self.utf16 = 0
        self.bad_surrogate = False
        self.stack: list[_OpenTag] = []
        self.entities: list[Entity] = []

    def at(self, i: int) -> int:
        return self.raw[i] if i < len(self.raw) else 0

    def decode_entity(self, pos: int) -> tuple[int, int]:
        """Return (code point or 0 when not an entity, position after it)."""
        end = pos + 1
        res = 0
        if self.at(pos + 1) == ord("#"):
            end += 1
            if self.at(pos + 2) == ord("x"):
                end += 1
                while _is_hex(self.at(end)):
                    res = res * 16 + int(chr(self.at(end)), 16)
                    end += 1
            else:
                while _is_digit(self.at(end)):
                    res = res * 10 + self.at(end) - 0x30
                    end += 1
            if res == 0 or res >= 0x10FFFF or end - pos >= 10:
                return 0, pos
        else:
            while _is_alpha(self.at(end)):
                end += 1
            res = _NAMED_ENTITIES.get(self.raw[pos + 1 : end], 0)
            if res == 0:
                return 0, pos
        if self.at(end) == ord(";"):
            end += 1
        return res, end

    def append_code(self, code: int) -> None:
        if 0xD800 <= code <= 0xDFFF:
            self.bad_surrogate = True
        self.out += chr(code).encode("utf-8", errors="surrogatepass")
        self.utf16 += 1 + (code > 0xFFFF)

    def append_plain(self, chunk: bytes) -> None:
        """Copy text as is; it counts one UTF-16 unit per character, two beyond the BMP."""
        self.out += chunk
        characters = len(chunk.translate(None, _CONTINUATION_BYTES))
        beyond_bmp = len(chunk) - len(chunk.translate(None, _FOUR_BYTE_LEADS))
        self.utf16 += characters + beyond_bmp

    def run(self) -> ParsedText:
        i = 0
        size = len(self.raw)
        while i < size:
            c = self.raw[i]
            if c == ord("&"):
                code, after = self.decode_entity(i)
                if code:
                    self.append_code(code)
                    i = after
                    continue
                self.append_plain(b"&")  # not an entity: the "&" itself is text
                i += 1
                continue
            if c != ord("<"):  # a run of plain text up to the next "&" or "<", at once
                markup = _MARKUP.search(self.raw, i)
                stop = markup.start() if markup else size
                self.append_plain(self.raw[i:stop])
                i = stop
                continue
            i = self.end_tag(i) if self.at(i + 1) == ord("/") else self.start_tag(i)
        if self.stack:
            name = self.stack[-1].name
            raise _fail(f'Can\'t find end tag corresponding to start tag "{name}"')
        if self.bad_surrogate:
            raise _fail(
                "Text contains invalid Unicode characters after decoding HTML entities, "
                "check for unmatched surrogate code units"
            )
        entities = [
            Entity(e.type, e.offset, e.length) if e.type == "code" else e for e in self.entities
        ]
        text = bytes(self.out).decode("utf-8", errors="replace")
        return ParsedText(text, tuple(sorted(entities, key=lambda e: (e.offset, -e.length))))

    def start_tag(self, begin: int) -> int:
        """Parse ``<name attr=...>`` starting at ``begin``; return the index after ``>``."""
        i = begin + 1
        while self.at(i) not in _SPACES and self.at(i) != ord(">"):
            i += 1
        if self.at(i) == 0:
            raise _fail(f"Unclosed start tag at byte offset {begin}")
        tag = _lower(self.raw[begin + 1 : i])
        if tag not in SUPPORTED_TAGS:
            raise _fail(f'Unsupported start tag "{tag}" at byte offset {begin}')
        argument = ""
        while self.at(i) != ord(">"):
            while self.at(i) != 0 and self.at(i) in _SPACES:
                i += 1
            if self.at(i) == ord(">"):
                break
            i, argument = self.attribute(i, tag, begin, argument)
        if tag == "span" and argument != "spoiler":
            raise _fail(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
        self.stack.append(_OpenTag(tag, argument, self.utf16))
        return i + 1

    def attribute(self, i: int, tag: str, begin: int, argument: str) -> tuple[int, str]:
        """Parse one ``name[=value]`` pair; return the next index and the updated argument."""
        name_begin = i
        while self.at(i) not in _SPACES and self.at(i) not in b"=>/\"'":
            i += 1
        name = self.raw[name_begin:i].decode("utf-8", errors="replace")
        if not name:
            raise _fail(f'Empty attribute name in the tag "{tag}" at byte offset {begin}')
        while self.at(i) != 0 and self.at(i) in _SPACES:
            i += 1
        if self.at(i) != ord("="):
            if self.at(i) == 0:
                raise _fail(f'Unclosed start tag "{tag}" at byte offset {begin}')
            if tag == "blockquote" and name == "expandable":
                return i, "1"
            return i, argument
        i += 1
        while self.at(i) != 0 and self.at(i) in _SPACES:
            i += 1
        if self.at(i) == 0:
            raise _fail(f'Unclosed start tag "{tag}" at byte offset {begin}')
        value, i = self.attribute_value(i)
        if self.at(i) == 0:
            raise _fail(f"Unclosed start tag at byte offset {begin}")
        return i, _attribute_argument(tag, name, value, argument)

    def attribute_value(self, i: int) -> tuple[str, int]:
        """Read a quoted literal (entities decoded) or a lower-cased name token."""
        quote = self.at(i)
        if quote not in (ord("'"), ord('"')):
            token_begin = i
            while (
                _is_alpha(self.at(i)) or _is_digit(self.at(i)) or self.at(i) in (ord("."), ord("-"))
            ):
                i += 1
            if self.at(i) not in _SPACES and self.at(i) != ord(">"):
                raise _fail(f"Unexpected end of name token at byte offset {token_begin}")
            return _lower(self.raw[token_begin:i]), i
        i += 1
        value = bytearray()
        while self.at(i) != quote and self.at(i) != 0:
            if self.at(i) == ord("&"):
                code, after = self.decode_entity(i)
                if code:
                    value += chr(code).encode("utf-8", errors="surrogatepass")
                    i = after
                    continue
            value.append(self.raw[i])
            i += 1
        if self.at(i) == quote:
            i += 1
        return bytes(value).decode("utf-8", errors="replace"), i

    def end_tag(self, begin: int) -> int:
        """Parse ``</name>`` and close the innermost open tag."""
        if not self.stack:
            raise _fail(f"Unexpected end tag at byte offset {begin}")
        i = begin + 2
        while self.at(i) not in _SPACES and self.at(i) != ord(">"):
            i += 1
        name = _lower(self.raw[begin + 2 : i])
        while self.at(i) in _SPACES and self.at(i) != 0:
            i += 1
        if self.at(i) != ord(">"):
            raise _fail(f"Unclosed end tag at byte offset {begin}")
        open_tag = self.stack[-1]
        if name and name != open_tag.name:
            raise _fail(
                f'Unmatched end tag at byte offset {begin}, expected "</{open_tag.name}>", '
                f'found "</{name}>"'
            )
        if self.utf16 > open_tag.utf16_offset:
            self.add_entity(open_tag)
        self.stack.pop()
        return i + 1

    def add_entity(self, tag: _OpenTag) -> None:
        offset = tag.utf16_offset
        length = self.utf16 - offset
        if tag.name == "tg-emoji":
            emoji_id = _to_int64(tag.argument)
            if not emoji_id:
                raise _fail("Invalid custom emoji identifier specified")
        if tag.name == "blockquote":
            kind = "expandable_blockquote" if tag.argument else "blockquote"
        else:
            kind = _ENTITY_TYPES[tag.name]
        last = self.entities[-1] if self.entities else None
        same_span = last is not None and (last.offset, last.length) == (offset, length)
        if kind == "pre" and same_span and last.type == "code" and last.argument:
            self.entities[-1] = Entity("pre", offset, length, last.argument)
            return
        if kind == "code" and same_span and last.type == "pre" and tag.argument:
            self.entities[-1] = Entity("pre", offset, length, tag.argument)
            return
        keeps_argument = {"text_link", "custom_emoji", "date_time", "expandable_blockquote"}
        argument = tag.argument if kind in keeps_argument else ""
        if kind == "code" and tag.argument:
            argument = tag.argument  # dropped at the end unless merged into pre
        self.entities.append(Entity(kind, offset, length, argument))


def _attribute_argument(tag: str, name: str, value: str, current: str) -> str:
    """Mirror which attribute of which tag tdlib keeps as the entity argument."""
    if (tag, name) in {("a", "href"), ("tg-emoji", "emoji-id"), ("tg-time", "format")}:
        return value
    if tag == "code" and name == "class" and value.startswith("language-"):
        return value.removeprefix("language-")
    if tag == "span" and name == "class" and value.startswith("tg-"):
        return value.removeprefix("tg-")
    if tag == "blockquote" and name == "expandable":
        return "1"
    return current
