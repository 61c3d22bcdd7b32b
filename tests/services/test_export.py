"""Download my data on every database: each section is there, only the buyer's own rows, and
never a password hash."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.db.enums import MessageSender, OrderStatus, TrackingEventKind
from bot.db.models import Address, OrderMessage, User
from bot.db.uow import UnitOfWork
from bot.services.events import NoticeKind
from bot.services.export import collect_buyer_data, export_file
from bot.services.notifications import set_preference
from tests.conftest import START
from tests.factories import make_buyer, make_coupon, make_order

HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2VjcmV0c2FsdA$c2VjcmV0aGFzaA"


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
    }
    assert data["profile"]["name"] == "Anna"
    assert data["profile"]["email"] == "anna@example.com"
    [order] = data["orders"]
    assert [item["title"] for item in order["items"]] == ["Anna's lamp"]
    assert order["status"] == "shipped" and order["store"] == "UGREEN Official Store"
    assert order["tracking"]["events"][0]["location"] == "Shenzhen"
    assert order["tracking"]["tracking_number"]
    assert [m["text"] for m in data["messages"]] == ["Hello Anna"]
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
    assert data["profile"]["email"] is None
    assert all(data["notification_preferences"]["kinds"].values())
