"""The document describes exactly what the API accepts: every validator of a request body has
its JSON Schema in the document, the document refuses what the validators refuse, and a 405
names the methods that are allowed."""

from __future__ import annotations

from typing import Any, get_args

import jsonschema_rs
import pytest
from pydantic import BaseModel

from bot.api.app import openapi_document
from bot.api.contract import validator_rules
from bot.api.routes import ROUTES
from tests.api.conftest import Api


def _models(model: type[BaseModel]) -> set[type[BaseModel]]:
    """The model and every model nested in its fields."""
    found = {model}
    for field in model.model_fields.values():
        stack: list[Any] = [field.annotation]
        while stack:
            annotation = stack.pop()
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                found |= _models(annotation)
            stack.extend(get_args(annotation))
    return found


def test_every_request_validator_is_described_in_the_document() -> None:
    bodies = {model for route in ROUTES if route.body for model in _models(route.body)}
    bodies |= {route.query for route in ROUTES if route.query}
    undocumented = sorted(model.__name__ for model in bodies if validator_rules(model) is None)
    assert undocumented == [], "give these validators @documented(...) rules"


def _validator(name: str) -> Any:
    document = openapi_document()
    schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
    return jsonschema_rs.validator_for(schema, validate_formats=True)


@pytest.mark.parametrize(
    ("model", "body"),
    [
        ("BuyerIn", {"external_id": None, "email": None, "name": None}),
        ("BuyerIn", {"club_level": 3}),
        ("BuyerIn", {"email": "anna\u0085@example.com"}),  # NEL: whitespace to pydantic too
        ("CouponIn", {"titles": {"en": "x"}, "expires_at": "2026-12-01T00:00:00Z"}),
        (
            "CouponIn",
            {
                "titles": {"en": "x"},
                "discount_minor": 100,
                "percent_off": 5,
                "currency": "USD",
                "expires_at": "2026-12-01T00:00:00Z",
            },
        ),
        (
            "CouponIn",
            {"titles": {"en": "x"}, "discount_minor": 100, "expires_at": "2026-12-01T00:00:00Z"},
        ),
        ("NoticeIn", {"external_id": "n", "folder": "promotion", "title": "t", "text": "t"}),
        (
            "NoticeIn",
            {
                "external_id": "n",
                "folder": "platform",
                "store_external_id": "s",
                "title": "t",
                "text": "t",
            },
        ),
        ("DisputeMessageIn", {"author": "seller", "external_id": "m", "text": " \u00a0\n"}),
        ("FeedbackReplyIn", {"text": "\u3000"}),
        ("TrackingEventIn", {"carrier_event_id": "e", "occurred_at": "0001-01-01T00:15:00+02:00"}),
        ("TrackingEventIn", {"carrier_event_id": "e", "occurred_at": 1700000000}),
        ("BuyerIn", {"external_id": "b", "name": "Anna\x00"}),  # PostgreSQL stores no NUL
        ("BuyerIn", {"email": "anna\x00@example.com"}),
        ("ItemIn", {"title": "\x00", "unit_price_minor": 1, "quantity": 1}),
        (
            "ProductIn",
            {
                "store_external_id": "s",
                "external_id": "p",
                "titles": {"en": "\x00"},
                "price": {"amount_minor": 1, "currency": "USD"},
                "stock": 1,
            },
        ),
    ],
)
def test_the_document_refuses_what_the_api_refuses(model: str, body: dict[str, Any]) -> None:
    assert not _validator(model).is_valid(body)


def test_the_document_accepts_what_the_api_accepts() -> None:
    assert _validator("BuyerIn").is_valid({"email": "anna@example.com", "name": None})
    assert _validator("CouponIn").is_valid(
        {"titles": {"en": "x"}, "percent_off": 5, "expires_at": "2026-12-01T00:00:00+14:00"}
    )


async def test_a_405_names_the_allowed_methods(api: Api) -> None:
    status, error, headers = await api.call("DELETE", "/api/v1/buyers")
    assert (status, error["error"]["code"]) == (405, "method_not_allowed")
    assert headers["Allow"] == "GET, POST"
