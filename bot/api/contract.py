"""What the OpenAPI document promises, kept equal to what the validation accepts.

pydantic documents field types and bounds by itself, but not what a model validator checks
across fields, nor a bound on a datetime. So a model validator is declared together with the
JSON Schema that accepts exactly what it accepts (`@documented(...)`), and the base model puts
those schemas into the document (`allOf`); a test refuses a request model with a validator
that has none. Times are `Timestamp`: RFC 3339 with an offset, years 2000-2999 as written,
which the database stores and which converting to UTC cannot overflow.

No text of a request may hold a NUL character (PostgreSQL cannot store one): the base model
checks every string of every request model, nested ones included, and the document says so
on every string. The check runs when the API validates a request (`REQUEST` context), never
on a response built from what is already stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    ValidationInfo,
    field_validator,
)
from pydantic.json_schema import GetJsonSchemaHandler, JsonSchemaValue
from pydantic_core import CoreSchema

from bot.db.types import MAX_ID

F = TypeVar("F", bound=Callable[..., Any])
RULES_ATTRIBUTE = "__json_schema_rules__"

EARLIEST_YEAR, LATEST_YEAR = 2000, 2999
_YEAR_PATTERN = r"^2[0-9]{3}-"  # the years EARLIEST_YEAR..LATEST_YEAR, as written


def _within_years(value: datetime) -> datetime:
    """Judged on the year as written, exactly as the document's pattern does; any offset
    then keeps the UTC time within 1999-12-31..3000-01-01, far from datetime's limits."""
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        msg = f"must be in the years {EARLIEST_YEAR} to {LATEST_YEAR}"
        raise ValueError(msg)
    return value


Id = Annotated[int, Field(ge=1, le=MAX_ID, description="A row id (32-bit, as stored).")]
"""Every id the API takes or gives; in a body beyond MAX_ID it is a 422, in a path a 404."""

Timestamp = Annotated[
    AwareDatetime,
    Strict(),  # a string in JSON, not a Unix number the document does not mention
    Field(json_schema_extra={"pattern": _YEAR_PATTERN}),
    AfterValidator(_within_years),
]

# Whitespace spelled out, so Python's `re`, pydantic's and the document's regex engines agree
# on what a blank text is (their `\s` do not).
_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\x1c-\x1f\x85"
NOT_BLANK = f"[^{_SPACE}]"
_NOT_BLANK = re.compile(NOT_BLANK)


def is_blank(text: str) -> bool:
    return _NOT_BLANK.search(text) is None


NotBlank = Annotated[str, Field(pattern=NOT_BLANK)]
# "local@domain.tld" without whitespace, spelled out as above so the document and the
# validation agree (ECMA's `\s` misses U+0085, which Rust's, pydantic's, includes).
EMAIL_PATTERN = f"^[^@{_SPACE}]+@[^@{_SPACE}]+\\.[^@{_SPACE}]+$"


def documented(*rules: dict[str, Any]) -> Callable[[F], F]:
    """Declare the JSON Schema of what a validator checks; put it under `@model_validator`."""

    def mark(function: F) -> F:
        setattr(function, RULES_ATTRIBUTE, rules)
        return function

    return mark


def present(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """The field is given, and not null."""
    return {"required": [name], "properties": {name: schema}}


def absent(*names: str) -> dict[str, Any]:
    """The fields are left out or null."""
    return {"properties": {name: {"type": "null"} for name in names}}


NUL = "\x00"
# `\u0000` is NUL to ECMA's, Python's and Rust's regex engines alike.
WITHOUT_NUL = "^[^\\u0000]*$"  # a free string: generators build it from the pattern
HOLDS_NUL = {"pattern": "\\u0000"}  # beside a string's own pattern: `not` this
REQUEST: dict[str, bool] = {"request": True}  # the validation context of an API request


def _nul_at(value: Any, where: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    """Where a NUL is: in a string, or in a key or value of the lists and dicts of a field."""
    if isinstance(value, str):
        return where if NUL in value else None
    items: Any = ()
    if isinstance(value, list | tuple):
        items = enumerate(value)
    elif isinstance(value, dict):
        items = [(key, key) for key in value] + list(value.items())
    for key, item in items:
        found = _nul_at(item, (*where, key))
        if found is not None:
            return found
    return None  # a nested model has checked its own fields


def _refuse_nul_in_strings(schema: Any) -> None:
    """Say in every string of a field's schema that it holds no NUL (enums and formats hold
    none): as its pattern when it has none, else as `not` beside it (regexes do not combine)."""
    if not isinstance(schema, dict):
        return
    if schema.get("type") == "string" and not {"enum", "const", "format"} & schema.keys():
        if "pattern" in schema:
            schema["not"] = HOLDS_NUL
        else:
            schema["pattern"] = WITHOUT_NUL
    for keyword in ("anyOf", "oneOf", "allOf", "prefixItems"):
        for option in schema.get(keyword, []):
            _refuse_nul_in_strings(option)
    for keyword in ("items", "additionalProperties", "propertyNames"):
        _refuse_nul_in_strings(schema.get(keyword))


def validator_rules(model: type[BaseModel]) -> list[dict[str, Any]] | None:
    """The declared schemas of the model's validators; None if one has none."""
    decorators = model.__pydantic_decorators__
    rules: list[dict[str, Any]] = []
    for decorator in (*decorators.model_validators.values(), *decorators.field_validators.values()):
        declared = getattr(decorator.func, RULES_ATTRIBUTE, None)
        if declared is None:
            return None
        rules.extend(declared)
    return rules


class Model(BaseModel):
    """Every API body: unknown fields refused, validators documented, no NUL in a request."""

    model_config = ConfigDict(extra="forbid", from_attributes=True)

    @field_validator("*")
    @classmethod
    @documented()  # put on every string by __get_pydantic_json_schema__
    def _no_nul(cls, value: Any, info: ValidationInfo) -> Any:
        where = _nul_at(value) if info.context == REQUEST else None
        if where is not None:
            inside = f" (at {'.'.join(map(str, where))})" if where else ""
            msg = f"must not contain a NUL character (U+0000){inside}"
            raise ValueError(msg)
        return value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(core_schema)
        if handler.mode != "validation":
            return json_schema
        target = handler.resolve_ref_schema(json_schema)
        for field_schema in target.get("properties", {}).values():
            _refuse_nul_in_strings(field_schema)
        rules = validator_rules(cls) or []
        if rules:
            target["allOf"] = [*target.get("allOf", []), *rules]
        return json_schema
