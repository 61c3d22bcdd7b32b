"""Sessions through the bot: Continue with Telegram leads back to the account the Telegram user
owns, after signing out here or everywhere; nobody else's Telegram reaches it; a deleted account
is never reached again; an account with no way back at all cannot be signed out of."""

from __future__ import annotations

from bot.db.models import User
from bot.fake_telegram.client import ChatClient
from tests.conftest import BotHarness
from tests.factories import make_order
from tests.handlers.test_auth import PASSWORD, bot_texts, code_in_mail, sign_up


async def _continue_with_a_desk_lamp(harness: BotHarness, anna: ChatClient) -> User:
    await anna.send("/start")
    await anna.press("✈️ Continue with Telegram")
    async with harness.uow() as uow:
        account = await uow.users.by_telegram_id(anna.user_id)
    await make_order(harness.uow(), account, harness.clock.now(), title="Desk lamp")
    return account


async def test_signing_out_then_continuing_with_telegram_leads_back_to_the_same_orders(
    harness: BotHarness,
) -> None:
    anna = harness.buyer()
    account = await _continue_with_a_desk_lamp(harness, anna)

    await anna.send("/menu")
    await anna.press_data("au:out")
    assert (
        "To come back, press Continue with Telegram here: it leads back to this account, with "
        "its orders." in anna.screen
    )
    assert anna.buttons == [
        ["🚪 Sign out on this device"],
        ["🚪 Sign out everywhere"],
        ["🏠 My cabinet"],
    ]
    await anna.press("🚪 Sign out on this device")
    assert "browsing as a guest" in anna.screen
    await anna.press("📋 My orders")
    assert "Sign in to continue" in anna.screen and "Desk lamp" not in anna.screen

    await anna.press("✈️ Continue with Telegram")

    assert "Signed in. Welcome back, Anna!" in bot_texts(harness)[-2]
    assert "Desk lamp" in anna.screen  # the list they asked for, of the same account

    await anna.press_data("au:out")
    await anna.press("🚪 Sign out everywhere")
    await anna.press("🚪 Yes, sign out everywhere")
    assert "browsing as a guest" in anna.screen
    await anna.send("/orders")
    await anna.press("✈️ Continue with Telegram")
    assert "Desk lamp" in anna.screen
    async with harness.uow() as uow:
        assert (await uow.users.by_telegram_owner(anna.user_id)).id == account.id


async def test_a_deleted_account_is_never_reached_again_continue_with_telegram_makes_a_new_one(
    harness: BotHarness,
) -> None:
    anna = harness.buyer()
    account = await _continue_with_a_desk_lamp(harness, anna)
    await anna.press_data("prf:del")
    await anna.send("delete")
    assert "browsing as a guest" in anna.screen

    await anna.send("/orders")
    await anna.press("✈️ Continue with Telegram")

    assert "Your account is ready" in bot_texts(harness)[-2]
    assert "Desk lamp" not in anna.screen
    async with harness.uow() as uow:
        assert (await uow.users.by_telegram_owner(anna.user_id)).id != account.id


async def test_an_account_with_no_way_back_is_never_lost_by_signing_out(
    harness: BotHarness,
) -> None:
    anna = harness.buyer()
    account = await _continue_with_a_desk_lamp(harness, anna)
    async with harness.uow() as uow:  # made before Telegram identities were kept: no owner
        (await uow.users.by_id(account.id)).telegram_owner_id = None
        await uow.commit()

    await anna.send("/menu")
    await anna.press_data("au:out")
    assert "no way back after signing out" in anna.screen
    assert anna.buttons == [["📧 Add e-mail"], ["🏠 My cabinet"]]
    for forged in ("au:outh", "au:outa", "au:outy"):  # old or forged buttons: refused too
        await anna.press_data(forged)
        assert anna.last_answer["text"].startswith("Add an e-mail to your account first")
    await anna.press("🏠 My cabinet")
    await anna.press("📋 My orders")
    assert "Desk lamp" in anna.screen

    await anna.press_data("au:out")
    await anna.press("📧 Add e-mail")
    await anna.send("anna@example.com")
    await anna.send(code_in_mail(harness, "anna@example.com"))
    await anna.press_data("au:out")
    assert "To come back, sign in with a***@example.com." in anna.screen
    await anna.press("🚪 Sign out on this device")
    assert "browsing as a guest" in anna.screen

    await anna.press("🔑 Sign in")  # no password yet: a code to the e-mail sets one
    await anna.send("anna@example.com")
    await anna.send("anything")
    await anna.press("🔁 Forgot password")
    await anna.send("anna@example.com")
    await anna.send(code_in_mail(harness, "anna@example.com"))
    await anna.send(PASSWORD)
    await anna.send("/orders")
    assert "Desk lamp" in anna.screen
    async with harness.uow() as uow:
        assert (await uow.users.by_email("anna@example.com")).id == account.id


async def test_another_telegram_user_continuing_with_telegram_gets_an_account_of_their_own(
    harness: BotHarness,
) -> None:
    anna = harness.buyer()
    await _continue_with_a_desk_lamp(harness, anna)
    await anna.press_data("au:out")
    await anna.press("🚪 Sign out on this device")

    boris = harness.buyer(telegram_id=2002, name="Boris")
    await boris.send("/start")
    await boris.press("✈️ Continue with Telegram")
    assert "Your account is ready" in bot_texts(harness, 2002)[-2]
    await boris.send("/orders")
    assert "Desk lamp" not in boris.screen
    await boris.press_data("au:out")
    await boris.press("🚪 Sign out on this device")
    await boris.press("✈️ Continue with Telegram")  # back to his own, never to Anna's
    await boris.send("/orders")
    assert "Desk lamp" not in boris.screen

    await anna.press("✈️ Continue with Telegram")
    await anna.send("/orders")
    assert "Desk lamp" in anna.screen


async def test_in_russian_signing_out_warns_and_asks_to_confirm(harness: BotHarness) -> None:
    anna = harness.buyer(language_code="ru")
    await anna.send("/start")
    await anna.press("✈️ Продолжить с Telegram")
    await anna.press_data("au:out")
    assert (
        "Чтобы вернуться, нажмите здесь Продолжить с Telegram: вы попадёте в этот же аккаунт, "
        "с его заказами." in anna.screen
    )
    await anna.press("🚪 Выйти на этом устройстве")
    await anna.press("✈️ Продолжить с Telegram")
    assert "С возвращением" in bot_texts(harness)[-2]
    async with harness.uow() as uow:  # an account with no way back at all: refused
        (await uow.users.by_telegram_id(anna.user_id)).telegram_owner_id = None
        await uow.commit()
    await anna.press_data("au:out")
    assert "нет способа вернуться в него после выхода" in anna.screen
    assert anna.buttons == [["📧 Добавить e-mail"], ["🏠 Мой кабинет"]]
    await anna.press_data("au:outh")
    assert anna.last_answer["text"].startswith("Сначала добавьте e-mail в аккаунт")

    other = harness.buyer(telegram_id=2002, language_code="ru")
    await sign_up(harness, other, "boris@example.com", "📝 Регистрация")
    await other.press_data("au:out")
    await other.press("🚪 Выйти везде")
    assert other.screen.startswith("🚪 Выйти везде?\n\nВ ваш аккаунт вошёл 1 аккаунт Telegram")
    await other.press("🚪 Да, выйти везде")
    assert other.last_answer["text"] == "✅ Выход выполнен на 1 устройстве."


async def test_the_demo_account_leads_back_by_telegram_after_signing_out(make_harness) -> None:  # noqa: ANN001
    harness = make_harness(demo_data=True)
    anna = harness.buyer()
    await anna.send("/start")
    assert "10 orders in total" in anna.screen

    await anna.press_data("au:out")
    await anna.press("🚪 Sign out on this device")
    await anna.press("✈️ Continue with Telegram")
    await anna.send("/menu")

    assert "10 orders in total" in anna.screen
    await harness.bot.session.close()
