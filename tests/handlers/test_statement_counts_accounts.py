"""How many SQL statements the accounts screens and moves run, per press or typed answer: a
ceiling for each (today's count), so a screen that starts reading more fails here.

Raise a ceiling only with a reason in the commit. The screens read the account once, with
the buyer's session (the identity middleware's join), and never again.
"""

from __future__ import annotations

from tests.conftest import BotHarness
from tests.handlers.test_auth import PASSWORD, code_in_mail
from tests.handlers.test_statement_counts import (
    Statements,
    _data_counted,
    _over,
    _press_counted,
    _send_counted,
)

NEW_PASSWORD = "harbor-lantern-quartz-93"


def _account_reads(statements: Statements) -> int:
    """Reads of a buyer's row: alone, or with the session it is signed in through."""
    return sum(
        each.startswith("SELECT users.")
        or (each.startswith("SELECT telegram_sessions.") and "users.id" in each)
        for each in statements.seen
    )


async def test_signing_up_out_and_in_stay_within_their_statements(harness: BotHarness) -> None:
    anna = harness.buyer()
    await anna.send("/start")

    pressed = {"Sign up": await _press_counted(harness, anna, "📝 Sign up")}
    pressed["sign-up e-mail"] = await _send_counted(harness, anna, "anna@example.com")
    pressed["sign-up password"] = await _send_counted(harness, anna, PASSWORD)
    code = code_in_mail(harness, "anna@example.com")
    pressed["sign-up code"] = await _send_counted(harness, anna, code)
    await anna.press("⏭ Skip")
    pressed["Sign out"] = await _data_counted(harness, anna, "au:out")
    pressed["Sign out everywhere"] = await _press_counted(harness, anna, "🚪 Sign out everywhere")
    pressed["Back"] = await _press_counted(harness, anna, "⬅️ Back")
    pressed["Sign out here"] = await _press_counted(harness, anna, "🚪 Sign out on this device")
    pressed["Sign in"] = await _press_counted(harness, anna, "🔑 Sign in")
    pressed["sign-in e-mail"] = await _send_counted(harness, anna, "anna@example.com")
    pressed["wrong password"] = await _send_counted(harness, anna, "not-it")
    pressed["right password"] = await _send_counted(harness, anna, PASSWORD)
    boris = harness.buyer(telegram_id=2002, name="Boris")
    await boris.send("/start")
    pressed["Continue with Telegram"] = await _press_counted(
        harness, boris, "✈️ Continue with Telegram"
    )

    ceilings = {
        "Sign up": 1,
        "sign-up e-mail": 1,
        "sign-up password": 13,  # three mail budgets, the code key, the code, taken or not
        "sign-up code": 19,  # the guess budgets, the code used, the account, the address check
        "Sign out": 2,
        "Sign out everywhere": 2,
        "Back": 2,
        "Sign out here": 8,
        "Sign in": 1,
        "sign-in e-mail": 1,
        "wrong password": 6,
        # signing in (the guest's recently viewed carried over), then the home screen
        "right password": 24,
        "Continue with Telegram": 8,
    }
    assert _over(pressed, ceilings) == {}, f"more statements than the ceilings {ceilings}"
    assert "My cabinet" in (anna.screen or "")  # the presses did what they say
    screens = ("Sign up", "Sign out", "Sign out everywhere", "Back", "Sign in")
    assert {screen: _account_reads(pressed[screen]) for screen in screens} == dict.fromkeys(
        screens, 1
    )


async def test_the_profile_credential_forms_stay_within_their_statements(
    harness: BotHarness,
) -> None:
    anna = harness.buyer()
    await anna.send("/start")
    await anna.press("📝 Sign up")
    await anna.send("anna@example.com")
    await anna.send(PASSWORD)
    await anna.send(code_in_mail(harness, "anna@example.com"))

    pressed = {"Password": await _data_counted(harness, anna, "prf:pwd")}
    pressed["current password"] = await _send_counted(harness, anna, PASSWORD)
    pressed["new password"] = await _send_counted(harness, anna, NEW_PASSWORD)
    pressed["E-mail"] = await _data_counted(harness, anna, "prf:mail")
    pressed["new e-mail"] = await _send_counted(harness, anna, "anna.k@example.org")
    code = code_in_mail(harness, "anna.k@example.org")
    pressed["e-mail code"] = await _send_counted(harness, anna, code)
    pressed["Delete"] = await _data_counted(harness, anna, "prf:del")
    pressed["delete password"] = await _send_counted(harness, anna, NEW_PASSWORD)

    ceilings = {
        "Password": 1,
        "current password": 6,  # the checks budget, the attempt reserved, then forgotten
        "new password": 3,
        "E-mail": 1,
        "new e-mail": 9,  # whose the address is, three mail budgets, the code key, the code
        "e-mail code": 16,
        "Delete": 3,  # the open disputes that would refuse it
        "delete password": 41,  # the password, then erasing every table that holds the buyer
    }
    assert _over(pressed, ceilings) == {}, f"more statements than the ceilings {ceilings}"
    assert "browsing as a guest" in (anna.screen or "")  # the presses did what they say
    screens = ("Password", "E-mail", "Delete")
    assert {screen: _account_reads(pressed[screen]) for screen in screens} == dict.fromkeys(
        screens, 1
    )
