"""The integration API's coupon routes: bodies, the response shape and thin handlers.

A coupon is addressed under its buyer (`/buyers/{buyer_id}/coupons/{external_id}`), as the
marketplace issues it to one buyer; PUT creates or replaces it, `use` records that it was
applied, DELETE withdraws it. Each keeps the buyer's expiry reminder in step.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from bot.api.contract import Id, Model, Timestamp, absent, documented, present
from bot.api.routing import Call, PathParam, Route
from bot.api.schemas import Amount, Currency, ExternalId, Locale, OrderNumber, PageQuery
from bot.db.models import Coupon
from bot.services import coupons
from bot.services.coupons import CouponState, coupon_state


class CouponIn(Model):
    """Exactly one of `discount_minor` and `percent_off`; `currency` whenever money is in it.
    `expires_at` after `starts_at` depends on two values, so it is a 409 (`coupon_never_valid`)
    rather than a schema rule."""

    store_external_id: ExternalId | None = Field(
        None, description="The store the coupon is for; none for a platform-wide coupon."
    )
    titles: Annotated[
        dict[Locale, Annotated[str, Field(min_length=1, max_length=80)]], Field(min_length=1)
    ]
    discount_minor: int | None = Field(
        None, ge=1, le=10**12, description="Amount off, in minor units of `currency`."
    )
    percent_off: int | None = Field(None, ge=1, le=100, validate_default=True)
    min_order_minor: Amount = Field(0, description="Minimum order (minor units); 0 for any.")
    currency: Currency | None = Field(None, validate_default=True)
    starts_at: Timestamp | None = Field(None, description="Usable from; now if absent.")
    expires_at: Timestamp

    @field_validator("percent_off")
    @classmethod
    @documented(
        {
            "anyOf": [
                {"allOf": [present("discount_minor", {"type": "integer"}), absent("percent_off")]},
                {"allOf": [present("percent_off", {"type": "integer"}), absent("discount_minor")]},
            ]
        }
    )
    def _one_kind_of_discount(cls, value: int | None, info: ValidationInfo) -> int | None:
        amount = info.data.get("discount_minor")
        if (value is None) == (amount is None) and "discount_minor" in info.data:
            msg = "give either discount_minor or percent_off, exactly one"
            raise ValueError(msg)
        return value

    @field_validator("currency")
    @classmethod
    @documented(
        {
            "anyOf": [
                present("currency", {"type": "string"}),
                {
                    "properties": {
                        "discount_minor": {"type": "null"},
                        "min_order_minor": {"const": 0},
                    }
                },
            ]
        }
    )
    def _money_has_currency(cls, value: str | None, info: ValidationInfo) -> str | None:
        money = info.data.get("discount_minor") is not None or info.data.get("min_order_minor")
        if value is None and money:
            msg = "required with discount_minor or min_order_minor"
            raise ValueError(msg)
        return value


class CouponUseIn(Model):
    order_number: OrderNumber | None = Field(None, description="The order it was used on.")
    at: Timestamp | None = Field(None, description="When it was used; now by default.")


class CouponOut(Model):
    id: Id
    buyer_id: Id
    external_id: str
    store_external_id: str | None
    titles: dict[str, str]
    discount_minor: int | None
    percent_off: int | None
    currency: str | None
    min_order_minor: int
    starts_at: datetime | None
    expires_at: datetime
    state: CouponState
    used_at: datetime | None
    order_number: str | None
    created_at: datetime
    updated_at: datetime


class CouponPage(Model):
    items: list[CouponOut]
    total: int
    limit: int
    offset: int


def coupon_out(coupon: Coupon, now: datetime) -> CouponOut:
    return CouponOut(
        id=coupon.id,
        buyer_id=coupon.user_id,
        external_id=coupon.external_id,
        store_external_id=coupon.store.external_id if coupon.store is not None else None,
        titles=coupon.titles,
        discount_minor=coupon.discount_minor,
        percent_off=coupon.percent_off,
        currency=coupon.currency,
        min_order_minor=coupon.min_order_minor,
        starts_at=coupon.starts_at,
        expires_at=coupon.expires_at,
        state=coupon_state(coupon, now),
        used_at=coupon.used_at,
        order_number=coupon.order.number if coupon.order is not None else None,
        created_at=coupon.created_at,
        updated_at=coupon.updated_at,
    )


async def put_coupon(call: Call) -> tuple[int, BaseModel]:
    body: CouponIn = call.body
    spec = coupons.CouponSpec(
        external_id=call.path["external_id"],
        store_external_id=body.store_external_id,
        titles=dict(body.titles),
        discount_minor=body.discount_minor,
        percent_off=body.percent_off,
        currency=body.currency,
        min_order_minor=body.min_order_minor,
        starts_at=body.starts_at,
        expires_at=body.expires_at,
    )
    coupon, created = await coupons.upsert_coupon(
        call.uow, int(call.path["buyer_id"]), spec, call.now
    )
    return (201 if created else 200), coupon_out(coupon, call.now)


async def use_coupon(call: Call) -> tuple[int, BaseModel]:
    body: CouponUseIn = call.body
    coupon = await coupons.use_coupon(
        call.uow,
        int(call.path["buyer_id"]),
        call.path["external_id"],
        body.order_number,
        body.at,
        call.now,
    )
    return 200, coupon_out(coupon, call.now)


async def delete_coupon(call: Call) -> tuple[int, BaseModel]:
    coupon = await coupons.delete_coupon(
        call.uow, int(call.path["buyer_id"]), call.path["external_id"]
    )
    return 200, coupon_out(coupon, call.now)


async def list_coupons(call: Call) -> tuple[int, BaseModel]:
    q: PageQuery = call.query
    found, total = await coupons.list_buyer_coupons(
        call.uow, int(call.path["buyer_id"]), q.offset, q.limit
    )
    items = [coupon_out(coupon, call.now) for coupon in found]
    return 200, CouponPage(items=items, total=total, limit=q.limit, offset=q.offset)


def coupon_routes(prefix: str, buyer: PathParam, external: PathParam) -> tuple[Route, ...]:
    """The coupon part of the route table (the path parameters are the table's own)."""
    one = f"{prefix}/buyers/{{buyer_id}}/coupons/{{external_id}}"
    both = {"buyer_id": buyer, "external_id": external}
    return (
        Route(
            "PUT",
            one,
            put_coupon,
            "Create or update a buyer's coupon",
            "coupons",
            CouponOut,
            200,
            body=CouponIn,
            path_params=both,
            also=(201, 404, 409),
            produces={"buyer_id": "/buyer_id", "external_id": "/external_id"},
        ),
        Route(
            "POST",
            f"{one}/use",
            use_coupon,
            "Record that a coupon was used (again: no change; on another order: 409)",
            "coupons",
            CouponOut,
            body=CouponUseIn,
            path_params=both,
            also=(404, 409),
        ),
        Route(
            "DELETE",
            one,
            delete_coupon,
            "Withdraw a buyer's coupon",
            "coupons",
            CouponOut,
            path_params=both,
            errors=(401, 404),
        ),
        Route(
            "GET",
            f"{prefix}/buyers/{{buyer_id}}/coupons",
            list_coupons,
            "List a buyer's coupons, newest first",
            "coupons",
            CouponPage,
            query=PageQuery,
            path_params={"buyer_id": buyer},
            also=(404,),
        ),
    )
