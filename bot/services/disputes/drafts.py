"""The open-dispute form's draft, kept in FSM data as plain JSON, and what the buyer types
read and checked: a refund amount ("12.50", "12,50", "12") into minor units of the order's
currency, a description, a return parcel's tracking number."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from typing import Any

from babel.numbers import get_currency_precision

from bot.db.enums import DisputeReason
from bot.db.models import Order
from bot.services.disputes import rules as rules_
from bot.services.disputes.buyer import AttachmentSpec, DisputeSpec
from bot.services.disputes.errors import DescriptionTooShort, NotAnAmount, NotATrackingNumber
from bot.services.errors import MessageTooLong, TooManyAttachments
from bot.services.lengths import utf16_len

_AMOUNT_RE = re.compile(r"^\s*(\d{1,12})(?:[.,](\d{1,2}))?\s*$")
_TRACKING_RE = re.compile(r"^[A-Za-z0-9-]{4,40}$")
DESCRIPTION_MIN_LENGTH = 10
# Reasons where the buyer has no goods to send back, so the form does not ask.
NOTHING_TO_RETURN = frozenset({DisputeReason.NOT_RECEIVED})


def check_description(text: str) -> str:
    """The description of a dispute: 10 to 2000 characters once trimmed."""
    text = text.strip()
    if len(text) < DESCRIPTION_MIN_LENGTH:
        raise DescriptionTooShort(DESCRIPTION_MIN_LENGTH)
    if utf16_len(text) > rules_.MAX_TEXT_LENGTH:
        raise MessageTooLong(rules_.MAX_TEXT_LENGTH, utf16_len(text))
    return text


def parse_amount(text: str, currency: str) -> int:
    """Minor units; `NotAnAmount` for a sign, letters or too many digits."""
    found = _AMOUNT_RE.match(text.replace("\u00a0", "").replace(" ", ""))
    precision = get_currency_precision(currency)
    if found is None or len(found.group(2) or "") > precision:
        raise NotAnAmount(currency)
    amount = Decimal(f"{found.group(1)}.{found.group(2) or '0'}")
    return int(amount.scaleb(precision))


def parse_refund(text: str, order: Order) -> int:
    """A refund the buyer typed: an amount of the order's currency, above 0 and at most what
    was paid."""
    return rules_.check_refund(parse_amount(text, order.currency), order)


def parse_tracking_number(text: str) -> str:
    """The return parcel's tracking number (4-40 letters, digits or dashes), upper-cased."""
    number = text.strip().upper()
    if not _TRACKING_RE.match(number):
        raise NotATrackingNumber()
    return number


@dataclass(frozen=True)
class DisputeDraft:
    """What the buyer filled in so far; `refund_minor` None with `full` True asks for all."""

    order_id: int
    reason: str | None = None
    full: bool | None = None
    refund_minor: int | None = None
    return_goods: bool | None = None
    description: str | None = None
    evidence: list[list[str]] = field(default_factory=list)  # [kind, telegram file id]
    reviewing: bool = False

    def to_data(self) -> dict[str, Any]:
        return {"dispute_draft": asdict(self)}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> DisputeDraft | None:
        raw = data.get("dispute_draft")
        if not isinstance(raw, dict):
            return None
        try:
            return cls(**raw)
        except TypeError:
            return None

    def with_reason(self, reason: DisputeReason) -> DisputeDraft:
        """A reason with nothing to return answers the return question ("no"); switching to
        one with goods in hand asks it again."""
        if reason in NOTHING_TO_RETURN:
            return replace(self, reason=reason.value, return_goods=False)
        return_goods = self.return_goods if self.asks_return else None
        return replace(self, reason=reason.value, return_goods=return_goods)

    @property
    def asks_return(self) -> bool:
        """Whether the form asks if the goods will be returned (not for "not received")."""
        return self.reason is None or DisputeReason(self.reason) not in NOTHING_TO_RETURN

    def with_refund(self, text: str, order: Order) -> DisputeDraft:
        """A partial refund, typed."""
        return replace(self, full=False, refund_minor=parse_refund(text, order))

    def with_description(self, text: str) -> DisputeDraft:
        return replace(self, description=check_description(text))

    def with_evidence(self, kind: str, file_id: str) -> DisputeDraft:
        """One more photo or video, while there is room for it."""
        if len(self.evidence) >= rules_.MAX_ATTACHMENTS:
            raise TooManyAttachments(limit=rules_.MAX_ATTACHMENTS)
        return replace(self, evidence=[*self.evidence, [kind, file_id]])

    @property
    def complete(self) -> bool:
        return (
            self.reason is not None
            and self.full is not None
            and self.return_goods is not None
            and self.description is not None
        )

    def to_spec(self) -> DisputeSpec:
        assert self.reason is not None and self.description is not None
        return DisputeSpec(
            reason=DisputeReason(self.reason),
            refund_minor=None if self.full else self.refund_minor,
            return_goods=bool(self.return_goods),
            description=self.description,
            evidence=tuple(
                AttachmentSpec(kind=kind, telegram_file_id=file_id)
                for kind, file_id in self.evidence
            ),
        )
