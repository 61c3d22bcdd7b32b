"""The address form's draft: what the buyer has filled in so far and which step comes next.

A draft is plain JSON (it lives in the FSM storage, Redis in production, and must survive a
restart there), and the rules of moving through the form are here, away from Telegram: the
postal code step is skipped where the country has none, a changed country re-checks the postal
code, and once the buyer has seen the review every edited field leads back to it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from bot.db.uow import UnitOfWork
from bot.services.addresses.book import AddressDetails, AddressField, details_of, get_address
from bot.services.addresses.errors import FieldRefused, HouseNumberMissing
from bot.services.addresses.fields import (
    check_house_number,
    check_recipient_name,
    check_region,
    check_street,
)
from bot.services.addresses.postal_codes import check_postal_code, uses_postal_codes

STEPS = tuple(AddressField)
TEXT_CHECKS = {
    AddressField.RECIPIENT: check_recipient_name,
    AddressField.REGION: check_region,
    AddressField.CITY: check_region,
    AddressField.STREET: check_street,
}


@dataclass(frozen=True, slots=True)
class AddressDraft:
    """`address_id` None: a new address. `reviewing`: the buyer has seen the review, so a
    step leads back to it. `unconfirmed_street`: a street without a house number, kept until
    the buyer sends it again. `welcome`: the first address, offered right after sign-up."""

    address_id: int | None = None
    recipient: str | None = None
    country: str | None = None
    phone: str | None = None
    region: str | None = None
    city: str | None = None
    street: str | None = None
    postal_code: str | None = None
    reviewing: bool = False
    unconfirmed_street: str | None = None
    welcome: bool = False  # offered at sign-up: saving or cancelling leads home

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> AddressDraft | None:
        """The draft kept in FSM data, None when there is none (an expired form)."""
        raw = data.get("address_draft")
        if not isinstance(raw, dict):
            return None
        known = {each.name for each in fields(cls)}
        return cls(**{key: value for key, value in raw.items() if key in known})

    def to_data(self) -> dict[str, Any]:
        return {"address_draft": asdict(self)}

    def value(self, field: AddressField) -> str | None:
        return getattr(self, _ATTRIBUTES[field])

    def with_value(self, field: AddressField, value: str) -> AddressDraft:
        """The draft with one field given; a new country re-checks the postal code."""
        draft = replace(self, **{_ATTRIBUTES[field]: value})
        if field is AddressField.STREET:
            draft = replace(draft, unconfirmed_street=None)
        if field is AddressField.COUNTRY and value != self.country:
            draft = draft._recheck_postal_code()
        return draft

    def _recheck_postal_code(self) -> AddressDraft:
        """None where the code must be asked (again), "" where the country has none."""
        assert self.country is not None
        if not uses_postal_codes(self.country):
            return replace(self, postal_code="")
        if self.postal_code is None:
            return self
        try:
            return replace(self, postal_code=check_postal_code(self.postal_code, self.country))
        except FieldRefused:
            return replace(self, postal_code=None)

    def noting(self, refused: FieldRefused) -> AddressDraft:
        """The draft after an answer was refused: a street without a house number is kept,
        so that sending the same street again confirms it."""
        if isinstance(refused, HouseNumberMissing):
            return replace(self, unconfirmed_street=refused.street)
        return self

    def details(self) -> AddressDetails | None:
        """Everything the address needs, or None while a field is missing."""
        values = {field: self.value(field) for field in STEPS}
        if any(value is None for value in values.values()):
            return None
        return AddressDetails(**{_ATTRIBUTES[field]: value for field, value in values.items()})

    def steps(self) -> tuple[AddressField, ...]:
        """The steps this draft goes through: no postal code where the country has none."""
        if self.country is not None and not uses_postal_codes(self.country):
            return tuple(step for step in STEPS if step is not AddressField.POSTAL_CODE)
        return STEPS

    def next_step(self, after: AddressField) -> AddressField | None:
        """The step after `after`, or None for the review."""
        if self.reviewing:
            return next((step for step in self.steps() if self.value(step) is None), None)
        later = STEPS[STEPS.index(after) + 1 :]
        return next((step for step in later if step in self.steps()), None)

    def previous_step(self, current: AddressField) -> AddressField | None:
        """The step Back leads to: None for the review, `current` itself on the first step
        of a new address (there is nothing before it)."""
        if self.reviewing:
            return None
        earlier = [step for step in STEPS[: STEPS.index(current)] if step in self.steps()]
        return earlier[-1] if earlier else current

    def has_back(self, current: AddressField) -> bool:
        return self.previous_step(current) is not current


_ATTRIBUTES = {
    AddressField.RECIPIENT: "recipient",
    AddressField.COUNTRY: "country",
    AddressField.PHONE: "phone",
    AddressField.REGION: "region",
    AddressField.CITY: "city",
    AddressField.STREET: "street",
    AddressField.POSTAL_CODE: "postal_code",
}


def step_number(field: AddressField) -> int:
    """1-based, out of `len(STEPS)`; skipped steps keep the numbers of the others."""
    return STEPS.index(field) + 1


def check_text_step(draft: AddressDraft, field: AddressField, text: str) -> str:
    """A typed answer to a text step, or `FieldRefused`; a street without a house number
    must be sent twice (`AddressDraft.noting` keeps the first)."""
    if field is AddressField.POSTAL_CODE:
        return check_postal_code(text, draft.country or "")
    value = TEXT_CHECKS[field](text)
    if field is AddressField.STREET and value != draft.unconfirmed_street:
        check_house_number(value)
    return value


async def editing_draft(uow: UnitOfWork, buyer_id: int, address_id: int) -> AddressDraft:
    """The buyer's address opened for editing: straight to the review."""
    address = await get_address(uow, buyer_id, address_id)
    return AddressDraft(address_id=address.id, reviewing=True, **asdict(details_of(address)))
