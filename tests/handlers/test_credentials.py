"""Changing the password or the e-mail, and deleting the account."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.db.enums import DisputeReason, OrderStatus
from bot.db.models import Address, Order, User
from bot.fake_telegram.client import ChatClient
from bot.services.accounts.passwords import hash_password
from bot.services.accounts.sync import AccountSpec, issue_link_code, upsert_account
from bot.services.disputes import buyer as disputes
from bot.services.disputes.buyer import DisputeSpec
from bot.services.disputes.rules import DisputeRules
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


def user_texts(harness: BotHarness, chat_id: int = 1001) -> list[str]:
    """What the buyer's own messages still in the chat say."""
    return [m.text or "" for m in harness.server.messages_in(chat_id) if not m.from_bot]


async def marketplace_account(harness: BotHarness, client: ChatClient, email: str) -> User:
    """An account the marketplace made with an e-mail nobody confirmed, opened in this chat
    by its link."""
    now = harness.clock.now()
    spec = AccountSpec("m-anna", email, "Anna", None)
    account, _ = await upsert_account(harness.uow(), spec, now)
    code, _ = await issue_link_code(harness.uow(), account.id, now, timedelta(hours=1))
    await client.send(f"/start {code}")
    return account


async def test_a_marketplace_email_resets_nothing_until_the_buyer_confirms_it(
    harness: BotHarness,
) -> None:
    anna = harness.buyer()
    await marketplace_account(harness, anna, "anna@example.com")
    stranger = harness.buyer(telegram_id=3003)
    await stranger.send("/start")
    await stranger.press("🔑 Sign in")
    await stranger.send("anna@example.com")
    await stranger.send("a-guess")
    await stranger.press("🔁 Forgot password")
    await stranger.send("anna@example.com")
    assert "If an account uses a***@example.com" in stranger.screen  # as for anybody
    await stranger.send("123456")
    assert "Wrong code. 4 tries left." in stranger.screen  # as for an unknown address
    assert harness.mailer.messages == []

    await anna.send("/profile")
    assert "E-mail: anna@example.com (not confirmed)" in anna.screen
    await anna.press("📧 E-mail")
    assert "is not confirmed yet" in anna.screen
    await anna.press("📨 Confirm this e-mail")
    assert "I sent a 6-digit code to a***@example.com" in anna.screen
    await anna.send(code_in_mail(harness, "anna@example.com"))
    assert anna.screen == "✅ Your e-mail anna@example.com is confirmed."
    await anna.send("/profile")
    assert "E-mail: anna@example.com\n" in anna.screen

    me = harness.buyer(telegram_id=4004)
    await me.send("/start")
    await me.press("🔑 Sign in")
    await me.send("anna@example.com")
    await me.send("a-guess")
    await me.press("🔁 Forgot password")
    await me.send("anna@example.com")
    await me.send(code_in_mail(harness, "anna@example.com"))
    await me.send(NEW_PASSWORD)
    assert "New password set" in bot_texts(harness, 4004)[-2]


async def test_typing_the_unconfirmed_address_again_confirms_it(harness: BotHarness) -> None:
    anna = harness.buyer(language_code="ru")
    await marketplace_account(harness, anna, "anna@example.com")
    await anna.send("/profile")
    assert "anna@example.com (не подтверждён)" in anna.screen
    await anna.press("📧 E-mail")
    assert "ещё не подтверждён" in anna.screen

    await anna.send("anna@example.com")
    await anna.send(code_in_mail(harness, "anna@example.com"))

    assert anna.screen == "✅ Ваш e-mail anna@example.com подтверждён."


async def test_deleting_an_account_with_a_password_asks_for_it_and_keeps_orders_anonymous(
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
    assert "send your password" in anna.screen and "DELETE" not in anna.screen
    await anna.send("delete")
    assert "Wrong e-mail or password. 4 more tries" in anna.screen
    await anna.send(PASSWORD)

    assert "Your account is deleted" in bot_texts(harness)[-2]
    assert "browsing as a guest" in anna.screen
    assert "delete" not in user_texts(harness) and PASSWORD not in user_texts(harness)
    async with harness.uow() as uow:
        gone = await uow.session.get(User, account.id)
        assert (gone.email, gone.password_hash, gone.first_name) == (None, None, "")
        assert gone.deleted_at is not None
        kept = await uow.session.get(Order, order.id)
        assert kept.shipping_address == {"country": "RU"}
        assert await uow.session.scalar(select(func.count()).select_from(Address)) == 0
    await anna.press("🔑 Sign in")
    await anna.send("anna@example.com")
    await anna.send(PASSWORD)
    assert "Wrong e-mail or password" in anna.screen


async def test_wrong_passwords_to_delete_count_toward_the_sign_in_lock(
    harness: BotHarness,
) -> None:
    anna = harness.buyer()
    await sign_up(harness, anna, "anna@example.com")
    await anna.press_data("prf:del")
    for left in (4, 3, 2, 1):
        await anna.send("a-guess")
        assert f"{left} more tr" in anna.screen
    await anna.send("a-guess")
    assert "locked until" in anna.screen

    await anna.send(PASSWORD)  # the form is closed: nothing is deleted, nothing is read
    other = harness.buyer(telegram_id=2002)
    await other.send("/start")
    await other.press("🔑 Sign in")
    await other.send("anna@example.com")
    await other.send(PASSWORD)
    assert "locked until" in other.screen
    async with harness.uow() as uow:
        assert (await uow.users.by_email("anna@example.com")).deleted_at is None


async def test_an_account_without_a_password_deletes_with_a_code_to_its_confirmed_email(
    harness: BotHarness,
) -> None:
    anna = harness.buyer()
    account = await marketplace_account(harness, anna, "anna@example.com")
    await anna.press_data("prf:mail")
    await anna.press("📨 Confirm this e-mail")
    await anna.send(code_in_mail(harness, "anna@example.com"))

    await anna.press_data("prf:del")
    assert "send the 6-digit code I sent to a***@example.com" in anna.screen
    assert len(harness.mailer.messages) == 2  # the confirmation's, then this one
    code = code_in_mail(harness, "anna@example.com")
    await anna.send("000000" if code != "000000" else "111111")
    assert "Wrong code. 4 tries left." in anna.screen
    await anna.send(code)

    assert "Your account is deleted" in bot_texts(harness)[-2]
    assert code not in user_texts(harness)
    async with harness.uow() as uow:
        assert (await uow.session.get(User, account.id)).deleted_at is not None


async def test_a_password_account_may_confirm_the_deletion_by_a_code_instead(
    harness: BotHarness,
) -> None:
    anna = harness.buyer(language_code="ru")
    await sign_up(harness, anna, "anna@example.com", "📝 Регистрация")
    await anna.press_data("prf:del")
    assert "отправьте пароль" in anna.screen

    await anna.press("📨 Прислать код вместо пароля")
    assert "6-значный код, который я выслал на a***@example.com" in anna.screen
    await anna.send(code_in_mail(harness, "anna@example.com"))

    assert "Ваш аккаунт удалён" in bot_texts(harness)[-2]


async def test_a_telegram_only_account_confirms_the_deletion_with_the_word(
    harness: BotHarness,
) -> None:
    anna = harness.buyer()
    await anna.send("/start")
    await anna.press("✈️ Continue with Telegram")
    await anna.press_data("prf:del")
    assert "To confirm, send the word DELETE." in anna.screen
    await anna.send("delete it")
    assert anna.screen.startswith("The account was not deleted")
    await anna.press_data("prf:del")

    await anna.send("delete")

    assert "Your account is deleted" in bot_texts(harness)[-2]
    assert "browsing as a guest" in anna.screen


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


async def test_the_deletion_warning_offers_a_code_only_to_a_confirmed_email(
    harness: BotHarness,
) -> None:
    anna = harness.buyer()
    account = await marketplace_account(harness, anna, "anna@example.com")  # not confirmed
    async with harness.uow() as uow:
        (await uow.users.by_id(account.id)).password_hash = hash_password(PASSWORD)
        await uow.commit()

    await anna.press_data("prf:del")

    assert "send your password" in anna.screen
    assert anna.buttons == [["✖️ Cancel"]]  # no code: the address may not be the buyer's
    await anna.send(PASSWORD)
    assert "Your account is deleted" in bot_texts(harness)[-2]
