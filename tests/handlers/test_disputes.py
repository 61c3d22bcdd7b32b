"""Returns & disputes through the dispatcher: tabs, the card, accept, reject with a counter,
escalate, cancel, a message with a photo, export evidence and forged buttons (en and ru)."""

from __future__ import annotations

from aiogram.types import BufferedInputFile

from bot.db.enums import DisputeReason, MessageSender, OrderStatus
from bot.db.models import Dispute, User
from bot.fake_telegram import assert_every_callback_answered_once
from bot.fake_telegram.client import ChatClient
from bot.fake_telegram.session import FakeSession
from bot.keyboards.callbacks import DisputeAct, DisputeCb
from bot.services.disputes import buyer as disputes
from bot.services.disputes import sync as dispute_sync
from bot.services.disputes.buyer import AttachmentSpec, DisputeSpec
from bot.services.disputes.rules import DisputeRules
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order

RULES = DisputeRules()
PHOTO = {"photo": [{"file_id": "AgAC-box", "file_unique_id": "u-box", "width": 90, "height": 90}]}


async def _dispute(
    harness: BotHarness, telegram_id: int = 1001, lang: str = "en", *, offer: int | None = None
) -> tuple[User, Dispute, str]:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, telegram_id, now, language_code=lang)
    order = await make_order(uow, user, now, status=OrderStatus.SHIPPED, days_ago=10)
    evidence = (AttachmentSpec("photo", telegram_file_id="AgAC-1"),)
    spec = DisputeSpec(DisputeReason.NOT_RECEIVED, None, False, "Never arrived", evidence)
    dispute = (await disputes.open_dispute(uow, user, order.id, spec, now, RULES)).dispute
    if offer is not None:
        await dispute_sync.seller_offer(
            uow, dispute.id, offer, False, "We can refund a part", now, RULES
        )
    return user, dispute, order.number


async def test_list_has_active_and_closed_tabs_and_opens_the_card(harness: BotHarness) -> None:
    user, _first, number = await _dispute(harness, offer=2000)
    uow, now = harness.uow(), harness.clock.now()
    other = await make_order(uow, user, now, status=OrderStatus.SHIPPED, title="Lamp")
    spec = DisputeSpec(DisputeReason.DAMAGED, 1000, True, "Broken glass inside", ())
    second = (await disputes.open_dispute(uow, user, other.id, spec, now, RULES)).dispute
    await disputes.cancel(uow, user.id, second.id, now)
    anna = harness.buyer()

    await anna.send("/disputes")

    assert anna.buttons[0] == ["• Active 1", "Closed 1"]
    assert "Bluetooth earbuds" in (anna.screen or "") and "Lamp" not in (anna.screen or "")
    await anna.press("Closed 1")
    assert "Lamp" in (anna.screen or "") and "Cancelled by you" in (anna.screen or "")
    await anna.press("Active 1")
    await anna.press(f"❗ №{number} · $24.50")
    card = anna.screen or ""
    assert "Status: ❗ Your answer is needed" in card
    assert "Seller offers: $20.00" in card
    assert "Answer the offer by Dec 1, 12:00\u202fPM (in 5 days)" in card
    assert "🏪 Seller" in card and "We can refund a part" in card
    assert anna.buttons[:4] == [
        ["✅ Accept the offer"],
        ["↩️ Reject and counter"],
        ["✍️ Add a message or evidence"],
        ["✖️ Cancel the dispute"],
    ]
    assert_every_callback_answered_once(harness.server)


async def _open_card(harness: BotHarness, number: str, lang: str = "en") -> ChatClient:
    anna = harness.buyer(language_code=lang)
    await anna.send("/disputes")
    row = next(text for row in anna.buttons for text in row if f"№{number}" in text)
    await anna.press(row)
    return anna


async def test_accepting_the_offer_asks_first_then_refunds(harness: BotHarness) -> None:
    _user, _dispute_row, number = await _dispute(harness, offer=2000)
    anna = await _open_card(harness, number)

    await anna.press("✅ Accept the offer")
    assert "Accept the seller's offer of $20.00?" in anna.screen
    assert "cannot be reopened" in anna.screen
    await anna.press("✅ Yes, accept")

    assert "Status: ✅ Refunded" in anna.screen
    assert "Refunded: $20.00" in anna.screen
    assert (anna.last_answer or {})["text"] == "✅ Offer accepted."
    assert anna.buttons[0] == ["📄 Export evidence"]
    assert_every_callback_answered_once(harness.server)


async def test_escalation_is_refused_until_the_buyer_rejects_with_a_counter(
    harness: BotHarness,
) -> None:
    _user, dispute, number = await _dispute(harness, offer=500)
    anna = await _open_card(harness, number)
    assert ["🏛 Escalate to the platform"] not in anna.buttons

    forged = DisputeCb(action=DisputeAct.ESCALATE, dispute_id=dispute.id).pack()
    await anna.press_data(forged)
    assert (anna.last_answer or {})["text"] == (
        "You can escalate to the platform after rejecting the seller's offer."
    )

    await anna.press("↩️ Reject and counter")
    assert "Type the amount you ask for instead, in USD, at most $24.50" in anna.screen
    await anna.send("lots")
    assert "That is not an amount." in anna.screen
    await anna.send("99")
    assert "at most $24.50, what you paid." in anna.screen
    await anna.send("15.00")
    assert "Status: ⏳ Waiting for the seller" in anna.screen
    assert "You ask: $15.00 of $24.50 paid" in anna.screen

    await anna.press("🏛 Escalate to the platform")
    assert "Status: 🏛 The platform decides" in anna.screen
    assert_every_callback_answered_once(harness.server)


async def test_cancel_warns_that_it_cannot_be_reopened(harness: BotHarness) -> None:
    _user, _row, number = await _dispute(harness)
    anna = await _open_card(harness, number)

    await anna.press("✖️ Cancel the dispute")
    assert "It cannot be reopened" in anna.screen
    await anna.press("✖️ Yes, cancel the dispute")

    assert "Status: ✖️ Cancelled by you" in anna.screen
    assert anna.buttons[0] == ["📄 Export evidence"]
    assert_every_callback_answered_once(harness.server)


async def test_buyer_adds_a_message_with_a_photo(harness: BotHarness) -> None:
    _user, _row, number = await _dispute(harness)
    anna = await _open_card(harness, number)

    await anna.press("✍️ Add a message or evidence")
    assert "Send a message to the dispute" in anna.screen
    await anna.send_content({**PHOTO, "caption": "The empty box"})

    card = anna.screen
    assert "Correspondence (2 messages)" in card
    assert card.endswith("📎 1 file\nThe empty box")
    assert_every_callback_answered_once(harness.server)


async def test_export_evidence_sends_one_document_with_the_timeline(harness: BotHarness) -> None:
    _user, dispute, number = await _dispute(harness, offer=2000)
    uow, now = harness.uow(), harness.clock.now()
    await dispute_sync.post_message(
        uow, dispute.id, MessageSender.PLATFORM, "p-1", "We are watching", (), now
    )
    anna = await _open_card(harness, number)

    await anna.press("📄 Export evidence")

    [call] = harness.server.calls_of("sendDocument")
    session: FakeSession = harness.bot.session  # type: ignore[assignment]
    upload = session.uploaded_files[call.params["document"].removeprefix("attach://")]
    assert isinstance(upload, BufferedInputFile)
    assert upload.filename == f"dispute-{number}-2026-11-26.txt"
    text = upload.data.decode()
    assert f"Dispute about order №{number}: evidence" in text
    assert "Refund asked: $24.50" in text and "Seller offered: $20.00" in text
    assert "Timeline:" in text
    assert "👤 You: Never arrived" in text
    assert "🏪 Seller: We can refund a part" in text
    assert "🏛 Platform: We are watching" in text
    assert "Attachments (1):" in text and "photo · AgAC-1" in text
    assert_every_callback_answered_once(harness.server)


async def test_another_buyers_dispute_is_not_available_in_english_and_russian(
    harness: BotHarness,
) -> None:
    _user, dispute, _number = await _dispute(harness, 1001)
    await make_buyer(harness.uow(), 1002, harness.clock.now(), language_code="en")
    await make_buyer(harness.uow(), 1003, harness.clock.now(), language_code="ru")
    forged = DisputeCb(action=DisputeAct.OPEN, dispute_id=dispute.id).pack()
    export = DisputeCb(action=DisputeAct.EXPORT, dispute_id=dispute.id).pack()
    bob = harness.buyer(1002)
    await bob.send("/disputes")
    await bob.press_data(forged)
    assert bob.last_answer is not None
    assert bob.last_answer["text"] == "This dispute is not available."
    ivan = harness.buyer(1003, language_code="ru")
    await ivan.send("/disputes")
    await ivan.press_data(export)
    assert ivan.last_answer is not None
    assert ivan.last_answer["text"] == "Этот спор недоступен."
    assert not harness.server.calls_of("sendDocument")
    assert_every_callback_answered_once(harness.server)
