"""The integration API's message-center and complaint routes: a promotion or platform notice
for a buyer, and the marketplace's decision on a buyer's complaint.

A notice is idempotent by its `external_id` per buyer: the same body again is 200 with the
first notice, other content under the same id is 409. A promotion from a store the buyer
blocked is stored (hidden) and never pushed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from bot.api.contract import Id, Model, Timestamp, documented, present
from bot.api.routing import Call, PathParam, Route
from bot.api.schemas import ExternalId
from bot.db.enums import ComplaintReason, ComplaintStatus, ComplaintTarget, NoticeFolder
from bot.db.models import Complaint, Notice
from bot.services import complaints
from bot.services.messages import center as message_center


class NoticeIn(Model):
    """A promotion names its store; a platform notice has none."""

    external_id: ExternalId
    folder: NoticeFolder
    store_external_id: ExternalId | None = Field(
        None, description="The store a promotion is from; absent for a platform notice."
    )
    title: Annotated[str, Field(min_length=1, max_length=200)]
    text: Annotated[str, Field(min_length=1, max_length=4000)]
    created_at: Timestamp | None = Field(None, description="When it was sent; now if absent.")

    @model_validator(mode="after")
    @documented(
        {
            "anyOf": [
                {
                    **present("store_external_id", {"type": "string"}),
                    "properties": {
                        "folder": {"const": NoticeFolder.PROMOTION.value},
                        "store_external_id": {"type": "string"},
                    },
                },
                {
                    "properties": {
                        "folder": {"not": {"const": NoticeFolder.PROMOTION.value}},
                        "store_external_id": {"type": "null"},
                    }
                },
            ]
        }
    )
    def _store_matches_folder(self) -> NoticeIn:
        if (self.folder is NoticeFolder.PROMOTION) != (self.store_external_id is not None):
            msg = "a promotion needs store_external_id; a platform notice has none"
            raise ValueError(msg)
        return self


class NoticeOut(Model):
    id: Id
    external_id: str
    folder: NoticeFolder
    title: str
    text: str
    created_at: datetime
    read_at: datetime | None


class ComplaintStatusIn(Model):
    status: Literal[ComplaintStatus.IN_REVIEW, ComplaintStatus.UPHELD, ComplaintStatus.REJECTED]
    resolution: Annotated[str, Field(min_length=1, max_length=2000)] | None = Field(
        None, description="What the marketplace decided, shown to the buyer."
    )


class ComplaintOut(Model):
    id: Id
    target: ComplaintTarget
    target_id: Id
    reason: ComplaintReason
    status: ComplaintStatus
    resolution: str | None
    anonymous: bool
    created_at: datetime
    updated_at: datetime


def notice_out(notice: Notice) -> NoticeOut:
    return NoticeOut.model_validate(notice)


def complaint_out(complaint: Complaint) -> ComplaintOut:
    return ComplaintOut.model_validate(complaint)


async def add_notice(call: Call) -> tuple[int, BaseModel]:
    body: NoticeIn = call.body
    spec = message_center.NoticeSpec(
        body.external_id,
        body.folder,
        body.store_external_id,
        body.title,
        body.text,
        body.created_at,
    )
    notice, created = await message_center.add_notice(
        call.uow, int(call.path["buyer_id"]), spec, call.now
    )
    return (201 if created else 200), notice_out(notice)


async def change_complaint_status(call: Call) -> tuple[int, BaseModel]:
    body: ComplaintStatusIn = call.body
    complaint = await complaints.change_status(
        call.uow, int(call.path["complaint_id"]), body.status, body.resolution, call.now
    )
    call.buyer_id = complaint.user_id
    return 200, complaint_out(complaint)


def message_center_routes(prefix: str, ids: PathParam) -> tuple[Route, ...]:
    """The message-center part of the route table (the id parameter is the table's own)."""
    return (
        Route(
            "POST",
            f"{prefix}/buyers/{{buyer_id}}/notices",
            add_notice,
            "Send a buyer a promotion or a platform notice (idempotent by external_id)",
            "message center",
            NoticeOut,
            201,
            body=NoticeIn,
            path_params={"buyer_id": ids},
            also=(200, 404, 409),
        ),
        Route(
            "POST",
            f"{prefix}/complaints/{{complaint_id}}/status",
            change_complaint_status,
            "Move a buyer's complaint through review (the buyer is told)",
            "complaints",
            ComplaintOut,
            body=ComplaintStatusIn,
            path_params={"complaint_id": ids},
            also=(404, 409),
        ),
    )
