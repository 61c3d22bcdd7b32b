"""One declarative route table drives both the aiohttp handlers and the OpenAPI document.

The wrapper does what every route needs: parse and validate the query and body (422 with
field-level reasons), run the handler in one transaction, run a POST once per Idempotency-Key
(bot/api/idempotency.py), and turn domain errors into 404/409 answers.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from aiohttp import web
from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import IntegrityError

from bot.api.contract import REQUEST
from bot.api.idempotency import Answer, Keep, KeyRefused, Replays
from bot.api.schemas import Error, ErrorBody, ErrorField
from bot.clock import Clock
from bot.config import Settings
from bot.db.uow import UnitOfWork
from bot.rules import Rules
from bot.services.errors import (
    AccountConflict,
    BuyerNotFound,
    ComplaintNotFound,
    CouponAlreadyUsed,
    CouponExternalIdNotFound,
    CouponNeverValid,
    DisputeMoveRefused,
    DisputeNotFound,
    DomainError,
    FeedbackMissing,
    FeedbackReplyExists,
    IllegalComplaintStatusChange,
    IllegalStatusChange,
    NoticeConflict,
    OrderNumberNotFound,
    OrderNumberTaken,
    ProductNotFound,
    RefundAmountInvalid,
    StoreNotFound,
)

logger = logging.getLogger(__name__)
IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200
CONCURRENT = "a concurrent request changed the same data; retry"


@dataclass
class Call:
    """What a route handler gets: its validated inputs and a unit of work."""

    uow: UnitOfWork
    now: datetime
    settings: Settings
    path: dict[str, str]
    body: Any = None
    query: Any = None
    extras: dict[str, Any] = field(default_factory=dict)
    # The buyer the request is about (the path's, unless the handler says): a stored
    # Idempotency-Key answer names them, so deleting the account deletes it.
    buyer_id: int | None = None

    def __post_init__(self) -> None:
        if self.buyer_id is None and "buyer_id" in self.path:
            self.buyer_id = int(self.path["buyer_id"])

    @property
    def rules(self) -> Rules:
        """The rules built once when the API was (bot.rules)."""
        rules: Rules = self.extras["rules"]
        return rules


Handler = Callable[[Call], Awaitable[tuple[int, BaseModel]]]


@dataclass(frozen=True)
class PathParam:
    """`regex` keeps a malformed id from reaching a handler (plain 404); `schema` documents it,
    and its `maximum` is kept too: an id beyond it names no row (404, never a database error)."""

    regex: str
    schema: dict[str, Any]

    def names_nothing(self, value: str) -> bool:
        maximum = self.schema.get("maximum")
        return self.schema.get("type") == "integer" and maximum is not None and int(value) > maximum


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    handler: Handler
    summary: str
    tag: str
    response: type[BaseModel]
    status: int = 200
    body: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    path_params: dict[str, PathParam] = field(default_factory=dict)
    errors: tuple[int, ...] = (401, 422)
    also: tuple[int, ...] = ()
    produces: dict[str, str] = field(default_factory=dict)  # path param -> JSON pointer

    @property
    def aiohttp_path(self) -> str:
        """`{number}` becomes `{number:<regex>}` so a malformed id is a plain 404."""
        path = self.path
        for name, param in self.path_params.items():
            path = path.replace("{" + name + "}", "{" + name + ":" + param.regex + "}")
        return path


def error_response(
    status: int, code: str, message: str, fields: list[ErrorField] | None = None
) -> web.Response:
    body = Error(error=ErrorBody(code=code, message=message, fields=fields or []))
    return web.json_response(body.model_dump(mode="json"), status=status)


def _field_errors(error: ValidationError, where: str) -> list[ErrorField]:
    return [
        ErrorField(
            field=".".join([where, *(str(part) for part in item["loc"])]),
            message=str(item["msg"]),
        )
        for item in error.errors()
    ]


def domain_error_response(error: DomainError) -> web.Response:  # noqa: PLR0911, PLR0912 - a table
    """The API's table from domain errors to status codes and messages."""
    match error:
        case BuyerNotFound(buyer_id=buyer_id):
            return error_response(404, "buyer_not_found", f"no buyer with id {buyer_id}")
        case StoreNotFound(external_id=external_id):
            return error_response(404, "store_not_found", f"no store {external_id!r}")
        case ProductNotFound(product_id=product_id):
            return error_response(404, "product_not_found", f"no product with id {product_id}")
        case OrderNumberNotFound(number=number):
            return error_response(404, "order_not_found", f"no order {number!r}")
        case OrderNumberTaken(number=number):
            return error_response(409, "order_exists", f"order {number!r} exists already")
        case AccountConflict(field=name, value=value):
            return error_response(
                409, "account_conflict", f"{name} {value!r} belongs to another buyer"
            )
        case CouponExternalIdNotFound(external_id=external_id):
            return error_response(
                404, "coupon_not_found", f"the buyer has no coupon {external_id!r}"
            )
        case CouponAlreadyUsed(external_id=external_id, order_number=number):
            on = f"order {number!r}" if number else "another order"
            return error_response(409, "coupon_used", f"coupon {external_id!r} was used on {on}")
        case CouponNeverValid():
            return error_response(409, "coupon_never_valid", "expires_at must be after starts_at")
        case IllegalStatusChange(current=current, requested=requested):
            return error_response(
                409,
                "illegal_status_change",
                f"an order cannot move from {current.value} to {requested.value}",
            )
        case DisputeNotFound(dispute_id=dispute_id):
            return error_response(404, "dispute_not_found", f"no dispute with id {dispute_id}")
        case DisputeMoveRefused(status=status, action=action):
            return error_response(
                409, "illegal_dispute_move", f"a dispute that is {status} does not allow {action}"
            )
        case RefundAmountInvalid(amount_minor=amount, paid_minor=paid):
            return error_response(
                409, "refund_above_paid", f"{amount} is more than {paid}, what the buyer paid"
            )
        case ComplaintNotFound(complaint_id=complaint_id):
            return error_response(
                404, "complaint_not_found", f"no complaint with id {complaint_id}"
            )
        case IllegalComplaintStatusChange(current=current, requested=requested):
            return error_response(
                409,
                "illegal_complaint_move",
                f"a complaint cannot move from {current} to {requested}",
            )
        case NoticeConflict(external_id=external_id, reason=reason):
            return error_response(
                409, "notice_conflict", f"notice {external_id!r} conflicts ({reason})"
            )
        case FeedbackMissing(order_id=order_id):
            return error_response(
                409, "feedback_missing", f"order {order_id} has no feedback to reply to"
            )
        case FeedbackReplyExists(order_number=number):
            return error_response(
                409, "feedback_reply_exists", f"the seller already replied on order {number!r}"
            )
    return error_response(409, "refused", type(error).__name__)


def _validate(model: type[BaseModel] | None, where: str, data: bytes | dict[str, str]) -> Any:
    """The validated model, or _Invalid tagged with where the bad input was. A query's values
    are strings, read as JSON reads them (a date is parsed as in a body, an int from digits)."""
    if model is None:
        return None
    try:
        if isinstance(data, bytes):
            return model.model_validate_json(data, context=REQUEST)
        return model.model_validate_strings(data, context=REQUEST)
    except ValidationError as error:
        raise _Invalid(_field_errors(error, where)) from error


class _Invalid(Exception):
    def __init__(self, fields: list[ErrorField]) -> None:
        self.fields = fields


def _request_bytes(request: web.Request, raw: bytes) -> bytes:
    """What makes two requests with one Idempotency-Key the same request."""
    return f"{request.method} {request.path}\n".encode() + raw


def endpoint(
    route: Route, app_state: dict[str, Any]
) -> Callable[[web.Request], Awaitable[web.Response]]:
    """The aiohttp handler for one route."""

    async def handle(request: web.Request) -> web.Response:
        clock: Clock = app_state["clock"]
        for name, param in route.path_params.items():
            if param.names_nothing(request.match_info[name]):
                return error_response(404, "not_found", f"no {name} {request.match_info[name]}")
        raw = await request.read()  # aiohttp refuses bodies over client_max_size with 413
        try:
            query = _validate(route.query, "query", dict(request.query))
            body = _validate(route.body, "body", raw)
        except _Invalid as invalid:
            return error_response(
                422, "invalid_request", "the request is not valid", invalid.fields
            )
        key = request.headers.get(IDEMPOTENCY_HEADER) if route.method == "POST" else None
        if key is not None and not 0 < len(key) <= MAX_KEY_LENGTH:
            field_error = ErrorField(
                field=f"header.{IDEMPOTENCY_HEADER}", message="1 to 200 characters"
            )
            return error_response(422, "invalid_request", "the request is not valid", [field_error])
        now = clock.now()

        async def run(keep: Keep | None) -> Answer:
            return await _run(route, app_state, request, query, body, now, keep)

        replayed = False
        try:
            if key is None:
                answer = await run(None)
            else:
                replays: Replays = app_state["replays"]
                answer, replayed = await replays.once(key, _request_bytes(request, raw), run)
        except DomainError as error:
            return domain_error_response(error)
        except IntegrityError:
            # A concurrent request (another key, or none) won a race on a unique value.
            return error_response(409, "conflict", CONCURRENT)
        except KeyRefused as refused:
            return _refused(refused)
        response = web.json_response(answer.payload, status=answer.status)
        if replayed:
            response.headers["Idempotent-Replayed"] = "true"
        return response

    return handle


async def _run(
    route: Route,
    app_state: dict[str, Any],
    request: web.Request,
    query: Any,
    body: Any,
    now: datetime,
    keep: Keep | None,
) -> Answer:
    """The route's handler in one transaction; `keep` stores the answer in it."""
    async with UnitOfWork(app_state["session_factory"], one_transaction=True) as uow:
        call = Call(
            uow, now, app_state["settings"], dict(request.match_info), body, query, app_state
        )
        status, model = await route.handler(call)
        answer = Answer(status, model.model_dump(mode="json"), call.buyer_id)
        if keep is not None:
            await keep(uow, answer)
        await uow.commit()
    return answer


def _refused(refused: KeyRefused) -> web.Response:
    if refused.reason == "in_progress":
        message = "a request with this Idempotency-Key is still running; retry"
        response = error_response(409, "idempotency_key_in_progress", message)
        response.headers["Retry-After"] = "1"
        return response
    # 409, not 422: the request is valid; it conflicts with what the key already holds.
    message = "this Idempotency-Key was used with a different request"
    field_error = ErrorField(field=f"header.{IDEMPOTENCY_HEADER}", message=message)
    return error_response(409, "idempotency_key_reused", message, [field_error])
