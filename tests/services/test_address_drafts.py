"""The address form's draft: JSON all the way, the order of steps, and what a new country or a
street without a number changes."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.addresses.book import AddressField
from bot.services.addresses.drafts import AddressDraft, check_text_step
from bot.services.addresses.errors import HouseNumberMissing

F = AddressField
texts = st.none() | st.text(max_size=30)


@given(
    address_id=st.none() | st.integers(1, 2**62),
    values=st.fixed_dictionaries(dict.fromkeys(F, texts)),
    reviewing=st.booleans(),
    street=texts,
)
def test_a_draft_survives_json_as_redis_stores_it(
    address_id: int | None, values: dict[F, str | None], reviewing: bool, street: str | None
) -> None:
    draft = AddressDraft(address_id=address_id, reviewing=reviewing, unconfirmed_street=street)
    for field, value in values.items():
        if value is not None:
            draft = draft.with_value(field, value)
    stored = json.loads(json.dumps(draft.to_data()))

    assert AddressDraft.from_data(stored) == draft


def test_no_draft_or_a_foreign_one_reads_as_none() -> None:
    assert AddressDraft.from_data({}) is None
    assert AddressDraft.from_data({"address_draft": "garbage"}) is None
    kept = AddressDraft.from_data({"address_draft": {"recipient": "Anna", "unknown": 1}})
    assert kept == AddressDraft(recipient="Anna")


def test_steps_go_in_order_and_skip_the_postal_code_where_there_is_none() -> None:
    germany = AddressDraft().with_value(F.COUNTRY, "DE")
    assert [germany.next_step(step) for step in F] == [*list(F)[1:], None]
    assert germany.previous_step(F.RECIPIENT) is F.RECIPIENT  # nothing before: no Back
    assert not germany.has_back(F.RECIPIENT) and germany.has_back(F.COUNTRY)
    assert germany.previous_step(F.PHONE) is F.COUNTRY

    qatar = AddressDraft().with_value(F.COUNTRY, "QA")
    assert qatar.next_step(F.STREET) is None and qatar.postal_code == ""
    assert F.POSTAL_CODE not in qatar.steps()


def test_once_reviewed_a_step_leads_back_to_the_review_unless_a_field_is_missing() -> None:
    draft = AddressDraft(
        recipient="Anna",
        country="DE",
        phone="+4915123456789",
        region="Berlin",
        city="Berlin",
        street="Unter den Linden 77",
        postal_code="10117",
        reviewing=True,
    )
    assert draft.details() is not None
    assert draft.next_step(F.CITY) is None and draft.previous_step(F.CITY) is None

    in_russia = draft.with_value(F.COUNTRY, "RU")  # 10117 is no Russian code
    assert in_russia.postal_code is None and in_russia.next_step(F.COUNTRY) is F.POSTAL_CODE
    assert in_russia.details() is None
    in_france = draft.with_value(F.COUNTRY, "FR")  # five digits fit
    assert in_france.postal_code == "10117" and in_france.next_step(F.COUNTRY) is None
    in_qatar = draft.with_value(F.COUNTRY, "QA")
    assert in_qatar.postal_code == "" and in_qatar.details() is not None


def test_a_street_without_a_number_is_taken_when_sent_twice() -> None:
    draft = AddressDraft(country="DE")
    with pytest.raises(HouseNumberMissing) as first:
        check_text_step(draft, F.STREET, "Unter den Linden")
    assert first.value == HouseNumberMissing("Unter den Linden")

    asked = draft.noting(first.value)
    assert asked == AddressDraft(country="DE", unconfirmed_street="Unter den Linden")
    assert check_text_step(asked, F.STREET, " Unter  den Linden ") == "Unter den Linden"
    with pytest.raises(HouseNumberMissing) as other:
        check_text_step(asked, F.STREET, "Friedrichstraße")
    assert other.value.street == "Friedrichstraße"
    assert asked.with_value(F.STREET, "Unter den Linden").unconfirmed_street is None
