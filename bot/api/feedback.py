"""The integration API's feedback route: the seller's reply to a buyer's feedback.

The reply is given once; the same text again is a no-op (200), another text a 409, as is a
reply to an order without feedback. The buyer is pushed the reply in the same transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from bot.api.contract import NOT_BLANK, Model
from bot.api.routing import Call, PathParam, Route
from bot.db.models import Feedback, Order
from bot.services.feedback import sync as feedback


class FeedbackReplyIn(Model):
    text: Annotated[str, Field(min_length=1, max_length=4000, pattern=NOT_BLANK)] = Field(
        description="The seller's reply; not blank."
    )


class FeedbackOut(Model):
    order_number: str
    rating: int
    as_described: int
    communication: int
    shipping_speed: int
    text: str
    additional_text: str | None
    additional_at: datetime | None
    seller_reply: str | None
    seller_reply_at: datetime | None
    created_at: datetime


def feedback_out(order: Order, item: Feedback) -> FeedbackOut:
    return FeedbackOut(
        order_number=order.number,
        rating=item.rating,
        as_described=item.as_described,
        communication=item.communication,
        shipping_speed=item.shipping_speed,
        text=item.text,
        additional_text=item.additional_text,
        additional_at=item.additional_at,
        seller_reply=item.seller_reply,
        seller_reply_at=item.seller_reply_at,
        created_at=item.created_at,
    )


async def post_reply(call: Call) -> tuple[int, BaseModel]:
    body: FeedbackReplyIn = call.body
    number = call.path["number"]
    await feedback.seller_reply(call.uow, number, body.text, call.now)
    order, item = await feedback.feedback_by_number(call.uow, number)
    call.buyer_id = order.buyer_id
    return 200, feedback_out(order, item)


def feedback_routes(prefix: str, number: PathParam) -> tuple[Route, ...]:
    return (
        Route(
            "POST",
            f"{prefix}/orders/{{number}}/feedback/reply",
            post_reply,
            "The seller's reply to the buyer's feedback (once; the same text again is a no-op)",
            "feedback",
            FeedbackOut,
            body=FeedbackReplyIn,
            path_params={"number": number},
            also=(404, 409),
        ),
    )
