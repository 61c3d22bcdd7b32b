"""Changing the password or the e-mail, and deleting the account."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.db.enums import DisputeReason, OrderStatus
from bot.db.models import Address, Order, User
from bot.services import disputes
from bot.services.dispute_rules import DisputeRules
from bot.services.disputes import DisputeSpec
from tests.conftest import BotHarness
from tests.factories import make_order
from tests.handlers.test_auth import PASSWORD, bot_texts, code_in_mail, sign_up

S = OrderStatus

NEW_PASSWORD = "harbor-lantern-quartz-93"


async def test_change_password_with_the_current_one_signs_out_the_others(
    harness: BotHarness,
) -> None:
    anna = harness.buyer()
    await sign_up(harness, anna, "anna@example.com")
    other = harness.buyer(telegram_id=2002)
    await other.send("/start")
    await other.press("🔑 Sign in")
    await other.send("anna@example.com")
    await other.send(PASSWORD)

    await anna.press_data("prf:pwd")
    await anna.send("not-the-password")
    assert "Wrong e-mail or password" in anna.screen
    await anna.send(PASSWORD)
    await anna.send("qwerty123")
    assert "Too weak" in anna.screen
    await anna.send(NEW_PASSWORD)

    assert anna.screen.startswith("✅ Password changed")
    await other.send("/menu")
    assert "browsing as a guest" in other.screen
    await other.press("🔑 Sign in")
    await other.send("anna@example.com")
    await other.send(NEW_PASSWORD)
    assert "Welcome back" in bot_texts(harness, 2002)[-2]


async def test_forgotten_current_password_a_code_by_email_instead(harness: BotHarness) -> None:
    anna = harness.buyer(language_code="ru")
    await sign_up(harness, anna, "anna@example.com", "📝 Регистрация")
    await anna.press_data("prf:pwd")
    await anna.press("📨 Прислать код вместо пароля")
    assert "a***@example.com" in anna.screen
    await anna.send(code_in_mail(harness, "anna@example.com"))
    await anna.send(NEW_PASSWORD)
    assert anna.screen.startswith("✅ Пароль изменён")


async def test_changing_the_email_needs_a_code_from_the_new_address(harness: BotHarness) -> None:
    anna = harness.buyer()
    await sign_up(harness, anna, "anna@example.com")
    await harness.buyer(telegram_id=2002).send("/start")
    await anna.press_data("prf:mail")
    await anna.send("anna@example.com")
    assert anna.screen == "That is already your e-mail."
    await anna.send("anna.k@example.org")
    assert "a***@example.org" in anna.screen
    await anna.send("000000" if code_in_mail(harness, "anna.k@example.org") != "000000" else "1")
    assert "Wrong code" in anna.screen

    await anna.send(code_in_mail(harness, "anna.k@example.org"))

    assert anna.screen == "✅ Your e-mail is now anna.k@example.org."
    async with harness.uow() as uow:
        assert await uow.users.by_email("anna@example.com") is None
        assert (await uow.users.by_email("anna.k@example.org")) is not None


async def test_deleting_the_account_forgets_the_buyer_but_keeps_orders_anonymous(
    harness: BotHarness,
) -> None:
    now = harness.clock.now()
    anna = harness.buyer()
    await sign_up(harness, anna, "anna@example.com")
    async with harness.uow() as uow:
        account = await uow.users.by_email("anna@example.com")
        uow.session.add(
            Address(
                user_id=account.id,
                recipient="Anna K",
                phone="+79123456789",
                country="RU",
                region="Moscow",
                city="Moscow",
                street="Tverskaya 1",
                postal_code="125009",
                is_default=True,
                created_at=now,
                updated_at=now,
            )
        )
        await uow.commit()
    order = await make_order(harness.uow(), account, now, title="Desk lamp")

    await anna.press_data("prf:del")
    assert "Delete the account?" in anna.screen
    await anna.send("delete it")
    assert anna.screen.startswith("The account was not deleted")
    await anna.press_data("prf:del")
    await anna.send("delete")

    assert "Your account is deleted" in bot_texts(harness)[-2]
    assert "browsing as a guest" in anna.screen
    async with harness.uow() as uow:
        gone = await uow.session.get(User, account.id)
        assert (gone.email, gone.password_hash, gone.first_name) == (None, None, "")
        assert gone.deleted_at is not None
        kept = await uow.session.get(Order, order.id)
        assert "street" not in kept.shipping_address and "name" not in kept.shipping_address
        assert await uow.session.scalar(select(func.count()).select_from(Address)) == 0
    await anna.press("🔑 Sign in")
    await anna.send("anna@example.com")
    await anna.send(PASSWORD)
    assert "Wrong e-mail or password" in anna.screen


async def test_the_account_cannot_be_deleted_while_a_dispute_is_open(harness: BotHarness) -> None:
    now = harness.clock.now()
    anna = harness.buyer()
    await sign_up(harness, anna, "anna@example.com")
    async with harness.uow() as uow:
        account = await uow.users.by_email("anna@example.com")
    order = await make_order(harness.uow(), account, now, status=S.SHIPPED, shipped_days_ago=20)
    spec = DisputeSpec(DisputeReason.NOT_RECEIVED, None, False, "Still not here")
    await disputes.open_dispute(harness.uow(), account, order.id, spec, now, DisputeRules())

    await anna.press_data("prf:del")

    assert anna.last_answer["show_alert"] == "true"
    assert anna.last_answer["text"] == (
        f"Your dispute about order №{order.number} is open (Waiting for the seller). Delete the "
        "account once it ends: without the account, nobody could answer the seller for you."
    )
    await anna.send("delete")  # no deletion form was opened
    async with harness.uow() as uow:
        assert (await uow.session.get(User, account.id)).deleted_at is None
