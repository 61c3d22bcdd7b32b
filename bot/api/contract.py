"""What the OpenAPI document promises, kept equal to what the validation accepts.

pydantic documents field types and bounds by itself, but not what a model validator checks
across fields, nor a bound on a datetime. So a model validator is declared together with the
JSON Schema that accepts exactly what it accepts (`@documented(...)`), and the base model puts
those schemas into the document (`allOf`); a test refuses a request model with a validator
that has none. Times are `Timestamp`: RFC 3339 with an offset, years 2000-2999 as written,
which the database stores and which converting to UTC cannot overflow.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, Strict
from pydantic.json_schema import GetJsonSchemaHandler, JsonSchemaValue
from pydantic_core import CoreSchema

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
    """Every API body: unknown fields refused, validators documented."""

    model_config = ConfigDict(extra="forbid", from_attributes=True)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(core_schema)
        if handler.mode != "validation":
            return json_schema
        rules = validator_rules(cls) or []
        if rules:
            target = handler.resolve_ref_schema(json_schema)
            target["allOf"] = [*target.get("allOf", []), *rules]
        return json_schema
