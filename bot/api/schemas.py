"""Request and response bodies of the integration API; the OpenAPI document is built from these
same models, so the documentation cannot drift from the validation."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, Field, model_validator

from bot.api.contract import EMAIL_PATTERN, Id, Model, Timestamp, documented, present
from bot.api.currencies import CURRENCIES
from bot.db.enums import CloseReason, MessageSender, OrderStatus, TrackingEventKind

_CURRENCIES = frozenset(CURRENCIES)


def _known_currency(value: str) -> str:
    if value not in _CURRENCIES:
        msg = "unknown ISO 4217 currency code"
        raise ValueError(msg)
    return value


ExternalId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")]
Currency = Annotated[
    str,
    Field(pattern=r"^[A-Z]{3}$", json_schema_extra={"enum": sorted(_CURRENCIES)}),
    AfterValidator(_known_currency),
]
Amount = Annotated[int, Field(ge=0, le=10**12, description="Integer minor units (cents).")]
OrderNumber = Annotated[str, Field(pattern=r"^[0-9A-Za-z-]{4,32}$")]
Locale = Literal["en", "ru"]


class ErrorField(Model):
    field: str
    message: str


class ErrorBody(Model):
    code: str
    message: str
    fields: list[ErrorField] = []


class Error(Model):
    """Every non-2xx answer."""

    error: ErrorBody


class PageQuery(Model):
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=1_000_000)


class ProductQuery(PageQuery):
    store: ExternalId | None = None


class Health(Model):
    status: Literal["ok", "unavailable"]
    database: bool


# --- buyers -------------------------------------------------------------------------------


Email = Annotated[str, Field(max_length=254, pattern=EMAIL_PATTERN)]


class BuyerIn(Model):
    """At least one of external_id and email; the buyer is found by external_id, else e-mail."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"external_id": "b-1001", "email": "anna@example.com", "locale": "en"}]
        }
    )

    external_id: ExternalId | None = None
    email: Email | None = None
    name: Annotated[str, Field(min_length=1, max_length=128)] | None = None
    locale: Locale | None = None
    club_level: Annotated[int, Field(ge=0, le=4)] | None = Field(
        None, description="The buyer's club level (4 = top: their disputes get priority)."
    )

    @model_validator(mode="after")
    @documented(
        {
            "anyOf": [
                present("external_id", {"type": "string"}),
                present("email", {"type": "string"}),
            ]
        }
    )
    def _named(self) -> BuyerIn:
        if self.external_id is None and self.email is None:
            msg = "give external_id, email or both"
            raise ValueError(msg)
        return self


class DeepLink(Model):
    start_parameter: str = Field(description="Payload of /start; one use, until expires_at.")
    url: str | None = Field(description="t.me link, when the bot's username is known.")
    expires_at: datetime


class BuyerOut(Model):
    id: Id
    external_id: str | None
    email: str | None
    name: str
    locale: str | None
    telegram_linked: bool
    linked_at: datetime | None
    created_at: datetime
    club_level: int | None = None


class BuyerLinked(BuyerOut):
    link: DeepLink | None = Field(description="A fresh one-time link while not yet linked.")


class BuyerPage(Model):
    items: list[BuyerOut]
    total: int
    limit: int
    offset: int


# --- stores and products ------------------------------------------------------------------


class StoreIn(Model):
    model_config = ConfigDict(json_schema_extra={"examples": [{"name": "UGREEN Official Store"}]})

    name: Annotated[str, Field(min_length=1, max_length=200)]


class StoreOut(Model):
    external_id: str
    name: str
    created_at: datetime
    rating_average: float | None = Field(
        description="Average stars (1-5) over the rating period; null with no ratings."
    )
    rating_positive_share: float | None = Field(
        description="Share (0-1) of 4-5 star ratings over the rating period."
    )
    rating_count: int = Field(description="Ratings over the rating period.")


class StorePage(Model):
    items: list[StoreOut]
    total: int
    limit: int
    offset: int


class Money(Model):
    amount_minor: Amount
    currency: Currency


class ProductIn(Model):
    store_external_id: ExternalId
    external_id: ExternalId
    titles: Annotated[
        dict[Locale, Annotated[str, Field(min_length=1, max_length=500)]], Field(min_length=1)
    ]
    price: Money
    stock: int = Field(ge=0, le=10**9)


class PricePoint(Model):
    amount_minor: int
    currency: str
    changed_at: datetime


class ProductOut(Model):
    id: Id
    store_external_id: str
    external_id: str
    titles: dict[str, str]
    price: Money
    stock: int
    price_history: list[PricePoint]


class ProductPage(Model):
    items: list[ProductOut]
    total: int
    limit: int
    offset: int


# --- orders -------------------------------------------------------------------------------


class Address(Model):
    recipient: Annotated[str, Field(min_length=1, max_length=200)]
    phone: Annotated[str, Field(max_length=40)] | None = None
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    region: Annotated[str, Field(max_length=200)] | None = None
    city: Annotated[str, Field(min_length=1, max_length=200)]
    street: Annotated[str, Field(min_length=1, max_length=300)]
    postal_code: Annotated[str, Field(max_length=20)] | None = None


class ItemIn(Model):
    title: Annotated[str, Field(min_length=1, max_length=500)]
    variant: Annotated[str, Field(max_length=200)] | None = None
    unit_price_minor: Amount
    quantity: int = Field(ge=1, le=9999)
    product_external_id: ExternalId | None = None


class OrderIn(Model):
    number: OrderNumber
    store_external_id: ExternalId
    currency: Currency
    items: Annotated[list[ItemIn], Field(min_length=1, max_length=100)]
    shipping_minor: Amount = 0
    shipping_address: Address
    placed_at: Timestamp
    paid_at: Timestamp | None = Field(None, description="Set when paid at checkout.")


class StatusIn(Model):
    status: OrderStatus
    at: Timestamp | None = Field(None, description="When it happened; now by default.")
    close_reason: CloseReason | None = None
    protection_days: int | None = Field(None, ge=1, le=365, description="From shipping.")
    tracking_number: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    carrier: Annotated[str, Field(min_length=1, max_length=64)] | None = None
    auto_confirm_at: Timestamp | None = Field(
        None, description="When the marketplace will confirm receipt if the buyer does not."
    )


class ItemOut(Model):
    title: str
    variant: str | None
    unit_price_minor: int
    quantity: int


class TrackingEventIn(Model):
    carrier_event_id: Annotated[str, Field(min_length=1, max_length=128)]
    occurred_at: Timestamp
    kind: TrackingEventKind | None = None
    description: Annotated[str, Field(max_length=500)] = ""
    location: Annotated[str, Field(max_length=200)] | None = None


class TrackingEventOut(Model):
    carrier_event_id: str | None
    occurred_at: datetime
    kind: TrackingEventKind | None
    description: str
    location: str | None


class TrackingIn(Model):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "events": [
                        {
                            "carrier_event_id": "cn-1",
                            "occurred_at": "2026-11-20T10:00:00+08:00",
                            "description": "Accepted by the carrier",
                            "location": "Shenzhen",
                        }
                    ]
                }
            ]
        }
    )

    events: Annotated[list[TrackingEventIn], Field(min_length=1, max_length=100)]


class OrderOut(Model):
    number: str
    buyer_id: Id
    store_external_id: str | None
    status: OrderStatus
    close_reason: CloseReason | None
    currency: str
    items: list[ItemOut]
    items_total_minor: int
    shipping_minor: int
    total_minor: int
    shipping_address: dict[str, Any]
    placed_at: datetime
    paid_at: datetime | None
    shipped_at: datetime | None
    delivered_at: datetime | None
    completed_at: datetime | None
    closed_at: datetime | None
    protection_ends_at: datetime | None
    protection_extended_at: datetime | None
    auto_confirm_at: datetime | None
    tracking_number: str | None
    carrier: str | None
    deleted_by_buyer: bool
    tracking_events: list[TrackingEventOut]


class TrackingResult(Model):
    added: int
    order: OrderOut


class OrderSummary(Model):
    number: str
    status: OrderStatus
    headline: str
    total_minor: int
    currency: str
    placed_at: datetime
    deleted_by_buyer: bool


class OrderPage(Model):
    items: list[OrderSummary]
    total: int
    limit: int
    offset: int


class MessageIn(Model):
    external_id: Annotated[str, Field(min_length=1, max_length=128)]
    text: Annotated[str, Field(min_length=1, max_length=4000)]
    sent_at: Timestamp
    sender: Literal[MessageSender.SELLER, MessageSender.PLATFORM] = MessageSender.SELLER


class MessageOut(Model):
    id: Id
    external_id: str | None
    sender: MessageSender
    text: str
    sent_at: datetime


class MessagePage(Model):
    items: list[MessageOut]
    limit: int
    offset: int
