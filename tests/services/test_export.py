"""Download my data on every database: each section is there, only the buyer's own rows, and
never a password hash."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.db.enums import (
    ComplaintReason,
    ComplaintStatus,
    ComplaintTarget,
    DisputeReason,
    DisputeStatus,
    MessageSender,
    NoticeFolder,
    OrderStatus,
    TrackingEventKind,
)
from bot.db.models import (
    Address,
    BlockedStore,
    Complaint,
    Dispute,
    DisputeAttachment,
    DisputeMessage,
    Feedback,
    FeedbackPhoto,
    Notice,
    Order,
    OrderMessage,
    User,
)
from bot.db.uow import UnitOfWork
from bot.services.events import NoticeKind
from bot.services.export import collect_buyer_data, export_file
from bot.services.notifications import set_preference
from tests.conftest import START
from tests.factories import make_buyer, make_coupon, make_order

HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2VjcmV0c2FsdA$c2VjcmV0aGFzaA"
AFTERSALE = ("disputes", "feedback", "complaints", "notices", "blocked_stores")


async def _add_aftersale(uow: UnitOfWork, user: User, order: Order, name: str) -> None:
    """A dispute with a message and a photo, feedback with a photo and the seller's reply, a
    complaint, a promotion and a platform notice, and the order's store blocked."""
    dispute = Dispute(
        order_id=order.id,
        buyer_id=user.id,
        reason=DisputeReason.DAMAGED,
        status=DisputeStatus.AWAITING_SELLER,
        description=f"{name}'s lamp is broken",
        currency="USD",
        requested_minor=2450,
        return_goods=False,
        created_at=START,
        updated_at=START,
    )
    uow.session.add(dispute)
    await uow.session.flush()
    message = DisputeMessage(
        dispute_id=dispute.id,
        author=MessageSender.BUYER,
        text=f"{name}: see the photo",
        created_at=START,
    )
    uow.session.add(message)
    await uow.session.flush()
    uow.session.add(
        DisputeAttachment(
            dispute_id=dispute.id,
            message_id=message.id,
            author=MessageSender.BUYER,
            kind="photo",
            telegram_file_id=f"dispute-photo-{name}",
            created_at=START,
        )
    )
    feedback = Feedback(
        order_id=order.id,
        buyer_id=user.id,
        store_id=order.store_id,
        rating=4,
        as_described=5,
        communication=3,
        shipping_speed=4,
        text=f"{name} likes it",
        seller_reply=f"Thank you, {name}",
        seller_reply_at=START,
        created_at=START,
    )
    uow.session.add(feedback)
    await uow.session.flush()
    uow.session.add(
        FeedbackPhoto(
            feedback_id=feedback.id, telegram_file_id=f"feedback-photo-{name}", created_at=START
        )
    )
    uow.session.add(
        Complaint(
            user_id=user.id,
            target=ComplaintTarget.STORE,
            target_id=order.store_id,
            reason=ComplaintReason.SPAM,
            text=f"{name} gets spam",
            anonymous=True,
            status=ComplaintStatus.IN_REVIEW,
            created_at=START,
            updated_at=START,
        )
    )
    for folder, store_id, title in (
        (NoticeFolder.PROMOTION, order.store_id, f"{name}'s sale"),
        (NoticeFolder.PLATFORM, None, f"{name}'s rules"),
    ):
        uow.session.add(
            Notice(
                user_id=user.id,
                folder=folder,
                store_id=store_id,
                external_id=f"{name}-{folder.value}",
                title=title,
                text="Read me",
                created_at=START,
                read_at=START if store_id is None else None,
            )
        )
    uow.session.add(BlockedStore(user_id=user.id, store_id=order.store_id, created_at=START))
    uow.session.add(
        OrderMessage(
            order_id=order.id,
            sender=MessageSender.BUYER,
            text="",
            photo_file_id=f"chat-photo-{name}",
            sent_at=START,
        )
    )


async def _with_everything(uow: UnitOfWork, telegram_id: int, name: str) -> User:
    user = await make_buyer(uow, telegram_id, START, name=name)
    order = await make_order(
        uow,
        user,
        START,
        status=OrderStatus.SHIPPED,
        title=f"{name}'s lamp",
        shipped_days_ago=2,
        events=((TrackingEventKind.LEFT_ORIGIN, 1, "Shenzhen"),),
    )
    await make_coupon(uow, user, START, title=f"{name}'s coupon")
    async with uow:
        row = await uow.users.by_id(user.id)
        assert row is not None
        row.email, row.password_hash, row.time_zone = f"{name.lower()}@example.com", HASH, "UTC"
        row.telegram_owner_id = telegram_id  # made with Continue with Telegram
        uow.session.add(
            OrderMessage(
                order_id=order.id,
                sender=MessageSender.SELLER,
                text=f"Hello {name}",
                sent_at=START - timedelta(hours=1),
            )
        )
        uow.session.add(
            Address(
                user_id=user.id,
                recipient=name,
                phone="+79123456789",
                country="RU",
                region="Moscow",
                city="Moscow",
                street="Tverskaya 1",
                postal_code="125009",
                is_default=True,
                created_at=START,
                updated_at=START,
            )
        )
        await set_preference(uow, row, NoticeKind.TRACKING_EVENT, False, START)
        await _add_aftersale(uow, row, order, name)
        await uow.commit()
        return row


async def test_the_export_has_every_section_of_the_buyers_own_data(uow: UnitOfWork) -> None:
    anna = await _with_everything(uow, 1001, "Anna")
    await _with_everything(uow, 2002, "Boris")

    data = await collect_buyer_data(uow, anna, START)

    assert set(data) == {
        "format_version",
        "exported_at",
        "profile",
        "notification_preferences",
        "orders",
        "messages",
        "coupons",
        "addresses",
        "sessions",
        *AFTERSALE,
        "wishes",
        "favourite_stores",
        "recently_viewed",
        "product_questions",
    }
    assert data["profile"]["name"] == "Anna"
    assert data["profile"]["email"] == "anna@example.com"
    assert data["profile"]["telegram_owner_id"] == 1001  # whose Telegram leads back here
    [order] = data["orders"]
    assert [item["title"] for item in order["items"]] == ["Anna's lamp"]
    assert order["status"] == "shipped" and order["store"] == "UGREEN Official Store"
    assert order["tracking"]["events"][0]["location"] == "Shenzhen"
    assert order["tracking"]["tracking_number"]
    assert [m["text"] for m in data["messages"]] == ["Hello Anna", ""]
    assert data["messages"][0]["order_number"] == order["number"]
    assert [c["title"] for c in data["coupons"]] == ["Anna's coupon"]
    assert [a["recipient"] for a in data["addresses"]] == ["Anna"]
    assert data["notification_preferences"]["kinds"]["tracking_event"] is False
    assert data["notification_preferences"]["kinds"]["order_status"] is True
    assert [s["telegram_id"] for s in data["sessions"]] == [1001]
    assert "Boris" not in json.dumps(data)


async def test_the_export_never_contains_the_password_hash(uow: UnitOfWork) -> None:
    anna = await _with_everything(uow, 1001, "Anna")

    name, body = export_file(await collect_buyer_data(uow, anna, START), START)

    assert name == "cabinet-data-2026-11-26.json"
    text = body.decode("utf-8")
    assert HASH not in text and "argon2" not in text and "password" not in text
    assert json.loads(text)["profile"]["time_zone"] == "UTC"


async def test_a_buyer_with_nothing_yet_gets_empty_sections(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)

    data = await collect_buyer_data(uow, anna, START)

    assert data["orders"] == data["messages"] == data["coupons"] == data["addresses"] == []
    assert all(data[section] == [] for section in AFTERSALE)
    assert data["profile"]["email"] is None
    assert all(data["notification_preferences"]["kinds"].values())


async def test_the_photos_sent_to_sellers_are_exported_by_file_id(uow: UnitOfWork) -> None:
    anna = await _with_everything(uow, 1001, "Anna")

    data = await collect_buyer_data(uow, anna, START)

    assert [m["photo_file_id"] for m in data["messages"]] == [None, "chat-photo-Anna"]
    assert data["messages"][1]["from"] == "buyer"


async def test_disputes_are_exported_with_their_messages_and_attachment_ids(
    uow: UnitOfWork,
) -> None:
    anna = await _with_everything(uow, 1001, "Anna")
    await _with_everything(uow, 2002, "Boris")

    data = await collect_buyer_data(uow, anna, START)

    [dispute] = data["disputes"]
    assert dispute["order_number"] == data["orders"][0]["number"]
    assert (dispute["reason"], dispute["status"]) == ("damaged", "awaiting_seller")
    assert (dispute["description"], dispute["requested_minor"]) == ("Anna's lamp is broken", 2450)
    assert [m["text"] for m in dispute["messages"]] == ["Anna: see the photo"]
    assert [(a["kind"], a["telegram_file_id"]) for a in dispute["attachments"]] == [
        ("photo", "dispute-photo-Anna")
    ]


async def test_feedback_is_exported_with_ratings_photos_and_the_sellers_reply(
    uow: UnitOfWork,
) -> None:
    anna = await _with_everything(uow, 1001, "Anna")
    await _with_everything(uow, 2002, "Boris")

    data = await collect_buyer_data(uow, anna, START)

    [feedback] = data["feedback"]
    assert feedback["store"] == "UGREEN Official Store"
    ratings = ("rating", "as_described", "communication", "shipping_speed")
    assert [feedback[key] for key in ratings] == [4, 5, 3, 4]
    assert (feedback["text"], feedback["seller_reply"]) == ("Anna likes it", "Thank you, Anna")
    assert [p["telegram_file_id"] for p in feedback["photos"]] == ["feedback-photo-Anna"]


async def test_complaints_are_exported_with_target_reason_anonymity_and_status(
    uow: UnitOfWork,
) -> None:
    anna = await _with_everything(uow, 1001, "Anna")
    await _with_everything(uow, 2002, "Boris")

    data = await collect_buyer_data(uow, anna, START)

    [complaint] = data["complaints"]
    assert complaint["target"] == "store" and complaint["target_id"]
    assert (complaint["reason"], complaint["text"]) == ("spam", "Anna gets spam")
    assert (complaint["anonymous"], complaint["status"]) == (True, "in_review")


async def test_promotions_and_notices_are_exported_with_whether_they_were_read(
    uow: UnitOfWork,
) -> None:
    anna = await _with_everything(uow, 1001, "Anna")
    await _with_everything(uow, 2002, "Boris")

    data = await collect_buyer_data(uow, anna, START)

    shown = [(n["folder"], n["store"], n["title"], n["read_at"]) for n in data["notices"]]
    assert sorted(shown) == [
        ("platform", None, "Anna's rules", START.isoformat()),
        ("promotion", "UGREEN Official Store", "Anna's sale", None),
    ]
    assert {n["text"] for n in data["notices"]} == {"Read me"}


async def test_blocked_stores_are_exported_with_when(uow: UnitOfWork) -> None:
    anna = await _with_everything(uow, 1001, "Anna")

    data = await collect_buyer_data(uow, anna, START)

    assert data["blocked_stores"] == [
        {"store": "UGREEN Official Store", "blocked_at": START.isoformat()}
    ]
