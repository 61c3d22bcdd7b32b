"""The integration API's dispute routes: the seller's offer and messages, the platform's
messages and decision, and reading a dispute with its whole correspondence.

Amounts the schema can judge alone (negative, zero where a refund is meant) are 422; an
amount above what the buyer paid depends on the order, so it is a 409 like every other move
the dispute's state refuses.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from bot.api.contract import NOT_BLANK, Id, Model, documented, is_blank, present
from bot.api.routing import Call, PathParam, Route
from bot.api.schemas import Amount, PageQuery
from bot.db.enums import DisputeReason, DisputeStatus, MessageSender
from bot.db.models import Dispute, DisputeAttachment, DisputeMessage
from bot.services.disputes import sync as dispute_sync
from bot.services.disputes.buyer import AttachmentSpec
from bot.services.disputes.card import DisputeCard

Text = Annotated[str, Field(max_length=dispute_sync.MARKETPLACE_TEXT_LENGTH)]


HTTP_URL = r"^[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9.-]+(:[0-9]{1,5})?([/?#][A-Za-z0-9._~:/?#@!$&()*+,;=%\[\]-]*)?$"


class AttachmentIn(Model):
    kind: Literal["photo", "video", "document"] = "document"
    url: Annotated[str, Field(max_length=1000, pattern=HTTP_URL)] = Field(
        description="Where the buyer's cabinet links the file (http or https)."
    )
    file_name: Annotated[str, Field(min_length=1, max_length=255)] | None = None


class DisputeMessageIn(Model):
    """Text, attachments or both; `external_id` makes a retry a no-op."""

    author: Literal[MessageSender.SELLER, MessageSender.PLATFORM]
    external_id: Annotated[str, Field(min_length=1, max_length=64)]
    text: Text = ""
    attachments: Annotated[list[AttachmentIn], Field(max_length=10)] = []

    @model_validator(mode="after")
    @documented(
        {
            "anyOf": [
                present("text", {"pattern": NOT_BLANK}),
                present("attachments", {"minItems": 1}),
            ]
        }
    )
    def _not_empty(self) -> DisputeMessageIn:
        if is_blank(self.text) and not self.attachments:
            msg = "give text or at least one attachment"
            raise ValueError(msg)
        return self


class OfferIn(Model):
    amount_minor: Amount = Field(description="The refund offered; 0 refuses any refund.")
    return_goods: bool = Field(description="Whether the buyer must ship the goods back first.")
    message: Text = ""


class DecisionIn(Model):
    refund_minor: Annotated[int, Field(ge=1, le=10**12)] | None = Field(
        description="The refund decided; null closes the dispute without one."
    )
    message: Text = ""


class AttachmentOut(Model):
    id: Id
    author: MessageSender
    kind: str
    telegram_file_id: str | None
    url: str | None
    file_name: str | None


class DisputeMessageOut(Model):
    id: Id
    author: MessageSender
    external_id: str | None
    text: str
    created_at: datetime
    attachments: list[AttachmentOut] = []


class DisputeSummary(Model):
    id: Id
    buyer_id: Id
    order_id: Id
    reason: DisputeReason
    status: DisputeStatus
    currency: str
    requested_minor: int
    return_goods: bool
    offered_minor: int | None
    offer_return: bool | None
    refunded_minor: int | None
    priority: bool = Field(description="A top-level club member's dispute.")
    rejections: int
    seller_due_at: datetime | None
    buyer_due_at: datetime | None
    return_due_at: datetime | None
    escalated_at: datetime | None
    closed_at: datetime | None
    created_at: datetime
    updated_at: datetime


class DisputeOut(DisputeSummary):
    order_number: str
    description: str
    paid_minor: int
    messages: list[DisputeMessageOut]
    unattached: list[AttachmentOut] = Field(description="Evidence not tied to a message.")


class DisputePage(Model):
    items: list[DisputeSummary]
    total: int
    limit: int
    offset: int


def _message_out(message: DisputeMessage, files: list[DisputeAttachment]) -> DisputeMessageOut:
    mine = [AttachmentOut.model_validate(a) for a in files if a.message_id == message.id]
    return DisputeMessageOut.model_validate(message).model_copy(update={"attachments": mine})


def dispute_out(card: DisputeCard) -> DisputeOut:
    summary = DisputeSummary.model_validate(card.dispute).model_dump()
    ids = {message.id for message in card.messages}
    return DisputeOut(
        **summary,
        order_number=card.order.number,
        description=card.dispute.description,
        paid_minor=card.order.total_minor if card.order.paid_at is not None else 0,
        messages=[_message_out(m, card.attachments) for m in card.messages],
        unattached=[
            AttachmentOut.model_validate(a) for a in card.attachments if a.message_id not in ids
        ],
    )


def _specs(items: list[AttachmentIn]) -> list[AttachmentSpec]:
    return [AttachmentSpec(a.kind, url=str(a.url), file_name=a.file_name) for a in items]


async def _card(call: Call, dispute: Dispute) -> DisputeOut:
    call.buyer_id = dispute.buyer_id
    return dispute_out(await dispute_sync.get_card(call.uow, dispute.id))


async def get_dispute(call: Call) -> tuple[int, BaseModel]:
    card = await dispute_sync.get_card(call.uow, int(call.path["dispute_id"]))
    return 200, dispute_out(card)


async def list_disputes(call: Call) -> tuple[int, BaseModel]:
    q: PageQuery = call.query
    found, total = await dispute_sync.list_buyer_disputes(
        call.uow, int(call.path["buyer_id"]), q.offset, q.limit
    )
    items = [DisputeSummary.model_validate(d) for d in found]
    return 200, DisputePage(items=items, total=total, limit=q.limit, offset=q.offset)


async def post_offer(call: Call) -> tuple[int, BaseModel]:
    body: OfferIn = call.body
    dispute = await dispute_sync.seller_offer(
        call.uow,
        int(call.path["dispute_id"]),
        body.amount_minor,
        body.return_goods,
        body.message,
        call.now,
        call.rules.disputes,
    )
    return 200, await _card(call, dispute)


async def post_message(call: Call) -> tuple[int, BaseModel]:
    body: DisputeMessageIn = call.body
    dispute_id = int(call.path["dispute_id"])
    message, created = await dispute_sync.post_message(
        call.uow,
        dispute_id,
        body.author,
        body.external_id,
        body.text,
        _specs(body.attachments),
        call.now,
    )
    card = await dispute_sync.get_card(call.uow, dispute_id)
    call.buyer_id = card.dispute.buyer_id
    return (201 if created else 200), _message_out(message, card.attachments)


async def post_decision(call: Call) -> tuple[int, BaseModel]:
    body: DecisionIn = call.body
    dispute = await dispute_sync.platform_decide(
        call.uow, int(call.path["dispute_id"]), body.refund_minor, body.message, call.now
    )
    return 200, await _card(call, dispute)


def dispute_routes(prefix: str, id_param: PathParam) -> tuple[Route, ...]:
    """The dispute part of the route table (the id parameter is the table's own)."""
    one = f"{prefix}/disputes/{{dispute_id}}"
    path = {"dispute_id": id_param}
    return (
        Route(
            "GET",
            one,
            get_dispute,
            "Get a dispute with its messages and attachments",
            "disputes",
            DisputeOut,
            path_params=path,
            errors=(401, 404),
        ),
        Route(
            "GET",
            f"{prefix}/buyers/{{buyer_id}}/disputes",
            list_disputes,
            "List a buyer's disputes, the most recently changed first",
            "disputes",
            DisputePage,
            query=PageQuery,
            path_params={"buyer_id": id_param},
            also=(404,),
        ),
        Route(
            "POST",
            f"{one}/offer",
            post_offer,
            "The seller's offer (or a revised one): refund amount and whether to return",
            "disputes",
            DisputeOut,
            body=OfferIn,
            path_params=path,
            also=(404, 409),
        ),
        Route(
            "POST",
            f"{one}/messages",
            post_message,
            "Add a seller or platform message (idempotent by external_id)",
            "disputes",
            DisputeMessageOut,
            201,
            body=DisputeMessageIn,
            path_params=path,
            also=(200, 404, 409),
        ),
        Route(
            "POST",
            f"{one}/decision",
            post_decision,
            "The platform's decision: a refund (at most what was paid) or none",
            "disputes",
            DisputeOut,
            body=DecisionIn,
            path_params=path,
            also=(404, 409),
        ),
    )
