"""Every form of the cabinet, fed anything a buyer could send at any step: the bot answers,
Telegram accepts every call, and nothing crashes or is half-saved."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.db.enums import OrderStatus
from bot.keyboards.callbacks import (
    AddressListAction,
    AddressListCb,
    AuthAction,
    AuthCb,
    DisputeStartCb,
    ProfileAction,
    ProfileCb,
)
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order

# The button that opens each form, and whether it is a guest's form or an account's.
FORMS = [
    (AuthCb(action=AuthAction.SIGN_IN).pack(), False),
    (AuthCb(action=AuthAction.SIGN_UP).pack(), False),
    (AuthCb(action=AuthAction.FORGOT).pack(), False),
    (ProfileCb(action=ProfileAction.NAME).pack(), True),
    (ProfileCb(action=ProfileAction.TIME_ZONE_SEARCH).pack(), True),
    (ProfileCb(action=ProfileAction.AVATAR).pack(), True),
    (ProfileCb(action=ProfileAction.EMAIL).pack(), True),
    (ProfileCb(action=ProfileAction.PASSWORD).pack(), True),
    (ProfileCb(action=ProfileAction.DELETE).pack(), True),
    (AddressListCb(action=AddressListAction.ADD).pack(), True),
]
CONTENT = st.one_of(
    st.text(min_size=1, max_size=200).map(lambda text: {"text": text}),
    st.just(
        {
            "sticker": {
                "file_id": "s1",
                "file_unique_id": "u1",
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
            }
        }
    ),
    st.just({"photo": [{"file_id": "p1", "file_unique_id": "u2", "width": 90, "height": 90}]}),
    st.just({"contact": {"phone_number": "+15550001111", "first_name": "X", "user_id": 999}}),
)


def refused(calls: list) -> list:  # noqa: ANN001 - RecordedCall
    """Calls Telegram refused (re-showing the same screen is not even tried)."""
    return [c.result_or_error for c in calls if not c.ok]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(form=st.sampled_from(FORMS), inputs=st.lists(CONTENT, min_size=1, max_size=3))
async def test_any_input_at_any_step_of_any_form_is_answered(
    harness: BotHarness, form: tuple[str, bool], inputs: list[dict]
) -> None:
    data, needs_account = form
    telegram_id = 5000 + FORMS.index(form) * 2 + needs_account
    if needs_account:
        await make_buyer(harness.uow(), telegram_id, harness.clock.now())
    client = harness.buyer(telegram_id=telegram_id)
    await client.send("/start")
    await client.press_data(data)
    for content in inputs:
        calls = await client.send_content(content)
        assert calls, f"no answer to {content!r}"
        assert not refused(calls), refused(calls)
    await client.send("/cancel")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(
        st.one_of(
            CONTENT,
            st.sampled_from(["dsr:damaged", "dsf:ok", "dsf:done", "dsf:full", "dsf:y"]).map(
                lambda data: {"press": data}
            ),
        ),
        min_size=1,
        max_size=6,
    )
)
async def test_anything_at_any_step_of_the_dispute_form_is_answered(
    harness: BotHarness, steps: list[dict]
) -> None:
    telegram_id = 6100
    user = await make_buyer(harness.uow(), telegram_id, harness.clock.now())
    order = await make_order(
        harness.uow(),
        user,
        harness.clock.now() - timedelta(days=20),
        status=OrderStatus.SHIPPED,
    )
    client = harness.buyer(telegram_id=telegram_id)
    await client.send("/start")
    await client.press_data(DisputeStartCb(order_id=order.id).pack())
    for step in steps:
        if "press" in step:
            calls = await client.press_data(step["press"])
            assert client.last_answer is not None
        else:
            calls = await client.send_content(step)
            assert calls, f"no answer to {step!r}"
        assert not refused(calls), refused(calls)
    await client.send("/cancel")
