"""A buyer with every column of buyer data filled: each one that can hold text gets a marker
of its own (`Markers`), so a test can look for what deleting the account left behind, or
what the data export missed, with plain SQL over every table."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import JSON, Enum, String, select

from bot.api.idempotency import Answer, ReplayKey
from bot.db.enums import (
    ComplaintReason,
    ComplaintStatus,
    ComplaintTarget,
    DisputeReason,
    DisputeStatus,
    MessageSender,
    NoticeFolder,
    OrderStatus,
)
from bot.db.models import (
    Address,
    Base,
    BlockedStore,
    Complaint,
    Deadline,
    Dispute,
    DisputeAttachment,
    DisputeMessage,
    EmailCode,
    FavouriteStore,
    Feedback,
    FeedbackPhoto,
    IdempotencyRecord,
    LinkCode,
    Notice,
    NotificationPreference,
    OrderMessage,
    OutboundEvent,
    OutboxMessage,
    Product,
    ProductQuestion,
    RecentlyViewed,
    SignInFailure,
    User,
    WishItem,
    WishList,
)
from bot.db.uow import UnitOfWork
from bot.services.accounts.auth import failure_key
from bot.services.events import EventKind, record_buyer_event
from bot.services.personal_data import TABLES, Erase
from tests.conftest import START
from tests.factories import make_buyer, make_coupon, make_order

MIN_MARKER = 12  # shorter columns (a currency, a country) hold no marker


def markable(table: str, column: str) -> bool:
    """A column of buyer data that deletion removes and that can hold a marker."""
    data = TABLES[table].data.get(column)
    if data is None or data.erase is Erase.KEEP:
        return False
    kind = Base.metadata.tables[table].c[column].type
    if isinstance(kind, Enum):
        return False
    if isinstance(kind, JSON):
        return True
    return isinstance(kind, String) and (kind.length is None or kind.length >= MIN_MARKER)


MARKABLE = sorted((t, c) for t, spec in TABLES.items() for c in spec.data if markable(t, c))
_INDEX = {column: i for i, column in enumerate(MARKABLE)}


class Markers:
    """`m(table, column)`: this buyer's marker for that column, as long as it may be."""

    def __init__(self, who: str) -> None:
        self.who = who

    def __call__(self, table: str, column: str) -> str:
        length = getattr(Base.metadata.tables[table].c[column].type, "length", None) or 48
        head = f"ZQ{self.who}{_INDEX[(table, column)]:03d}"
        return head + "x" * (min(length, 48) - len(head))

    def all(self) -> list[str]:
        return [self(t, c) for t, c in MARKABLE]


async def seed_buyer(uow: UnitOfWork, telegram_id: int, who: str) -> User:
    """A buyer with a row in every table that holds buyer data (a closed dispute, so the
    account may be deleted), each markable column holding `Markers(who)`."""
    m = Markers(who)
    buyer = await make_buyer(uow, telegram_id, START, external_id=f"m-{who}")
    order = await make_order(uow, buyer, START, status=OrderStatus.COMPLETED)
    await make_coupon(uow, buyer, START, used_days_ago=1, used_on=order)
    async with uow:
        user = await uow.users.by_id(buyer.id)
        assert user is not None
        user.email, user.email_verified_at = m("users", "email"), START
        user.password_hash, user.first_name = m("users", "password_hash"), m("users", "first_name")
        user.username, user.language_code = m("users", "username"), m("users", "language_code")
        user.time_zone, user.avatar_file_id = m("users", "time_zone"), m("users", "avatar_file_id")
        user.telegram_owner_id, user.linked_at, user.onboarded_at = telegram_id, START, START
        user.quiet_from, user.quiet_until, user.daily_digest = 22, 7, True
        user.locale, user.display_currency, user.club_level = "ru", "EUR", 4
        user.unreachable_at = START
        [session] = await uow.sessions.of_user(user.id)
        session.method = m("telegram_sessions", "method")
        order_row = await uow.orders.get_for_buyer(user.id, order.id)
        assert order_row is not None
        order_row.shipping_address = {"recipient": m("orders", "shipping_address"), "country": "RU"}
        hour = timedelta(hours=1)
        uow.session.add_all(
            [
                EmailCode(
                    user_id=user.id,
                    purpose="new_email",
                    email=m("email_codes", "email"),
                    code_hash=m("email_codes", "code_hash"),
                    payload={"password_hash": m("email_codes", "payload")},
                    created_at=START,
                    expires_at=START + hour,
                ),
                SignInFailure(key=failure_key(user.email), failed_at=START),
                SignInFailure(key=failure_key(f"user:{user.id}"), failed_at=START),
                Address(
                    user_id=user.id,
                    **{c: m("addresses", c) for c in ("recipient", "phone", "region", "city")},
                    street=m("addresses", "street"),
                    postal_code=m("addresses", "postal_code"),
                    country="RU",
                    created_at=START,
                    updated_at=START,
                ),
                LinkCode(
                    code_hash=m("link_codes", "code_hash"),
                    user_id=user.id,
                    created_at=START,
                    expires_at=START + hour,
                ),
                OutboxMessage(
                    user_id=user.id,
                    kind="seller_message",
                    payload={"text": m("outbox", "payload")},
                    dedup_key=f"seed-{who}",
                    due_at=START,
                    created_at=START,
                ),
                NotificationPreference(
                    user_id=user.id, kind="tracking_event", enabled=False, updated_at=START
                ),
                Deadline(
                    user_id=user.id,
                    kind=m("deadlines", "kind"),
                    subject_id=order.id,
                    due_at=START + hour,
                ),
                Notice(
                    user_id=user.id,
                    folder=NoticeFolder.PLATFORM,
                    external_id=f"n-{who}",
                    title=m("notices", "title"),
                    text=m("notices", "text"),
                    created_at=START,
                ),
                BlockedStore(user_id=user.id, store_id=order.store_id, created_at=START),
                _replay(user, who),
                Complaint(
                    user_id=user.id,
                    target=ComplaintTarget.STORE,
                    target_id=order.store_id,
                    reason=ComplaintReason.SPAM,
                    text=m("complaints", "text"),
                    anonymous=True,
                    status=ComplaintStatus.UPHELD,
                    resolution=m("complaints", "resolution"),
                    created_at=START,
                    updated_at=START,
                ),
            ]
        )
        for sender in (MessageSender.BUYER, MessageSender.SELLER):
            uow.session.add(
                OrderMessage(
                    order_id=order.id,
                    sender=sender,
                    text=m("order_messages", "text"),
                    photo_file_id=m("order_messages", "photo_file_id"),
                    sent_at=START,
                )
            )
        await _aftersale(uow, user, order.id, order.store_id, m)
        await _shopping(uow, user, order.store_id, m)
        await _events(uow, user, m)
        await uow.commit()
        return user


def _replay(user: User, who: str) -> IdempotencyRecord:
    """The marketplace's request that made the account, its answer kept for a retry."""
    sealing = ReplayKey(f"seed-{who}", b"test-api-token")
    answer = Answer(201, {"id": user.id, "email": user.email, "name": user.first_name})
    return IdempotencyRecord(
        key_hash=sealing.lookup,
        request_hash=sealing.fingerprint(b"POST /api/v1/buyers\n{}"),
        buyer_id=user.id,
        status_code=answer.status,
        body=sealing.seal(answer),
        created_at=START,
    )


async def _shopping(uow: UnitOfWork, user: User, store_id: int, m: Markers) -> None:
    """A wish list with an item, a saved store, a product viewed and a question about it."""
    product = Product(store_id=store_id, external_id=f"p-{user.id}", title="Lamp", created_at=START)
    wishes = WishList(user_id=user.id, name=m("wish_lists", "name"), created_at=START)
    uow.session.add_all([product, wishes])
    await uow.session.flush()
    user.recent_limit, user.weekly_drops = 50, True
    uow.session.add_all(
        [
            WishItem(
                list_id=wishes.id,
                user_id=user.id,
                product_id=product.id,
                added_at=START,
                added_price_minor=1000,
                added_currency="USD",
                target_price_minor=800,
                target_currency="USD",
                back_in_stock=True,
            ),
            FavouriteStore(user_id=user.id, store_id=store_id, saved_at=START, seen_at=START),
            RecentlyViewed(user_id=user.id, product_id=product.id, viewed_at=START),
            ProductQuestion(
                user_id=user.id,
                product_id=product.id,
                store_id=store_id,
                text=m("product_questions", "text"),
                asked_at=START,
                answer=m("product_questions", "answer"),
                answered_at=START,
            ),
        ]
    )


async def _aftersale(uow: UnitOfWork, user: User, order_id: int, store_id: int, m: Markers) -> None:
    dispute = Dispute(
        order_id=order_id,
        buyer_id=user.id,
        reason=DisputeReason.DAMAGED,
        status=DisputeStatus.REFUNDED,
        description=m("disputes", "description"),
        currency="USD",
        requested_minor=2450,
        return_goods=False,
        created_at=START,
        updated_at=START,
    )
    feedback = Feedback(
        order_id=order_id,
        buyer_id=user.id,
        store_id=store_id,
        rating=2,
        as_described=2,
        communication=3,
        shipping_speed=4,
        text=m("feedback", "text"),
        additional_text=m("feedback", "additional_text"),
        seller_reply=m("feedback", "seller_reply"),
        created_at=START,
    )
    uow.session.add_all([dispute, feedback])
    await uow.session.flush()
    message = DisputeMessage(
        dispute_id=dispute.id,
        author=MessageSender.BUYER,
        text=m("dispute_messages", "text"),
        created_at=START,
    )
    uow.session.add(message)
    await uow.session.flush()
    uow.session.add_all(
        [
            DisputeAttachment(
                dispute_id=dispute.id,
                message_id=message.id,
                author=MessageSender.BUYER,
                kind="photo",
                **{c: m("dispute_attachments", c) for c in ("telegram_file_id", "url")},
                file_name=m("dispute_attachments", "file_name"),
                created_at=START,
            ),
            FeedbackPhoto(
                feedback_id=feedback.id,
                telegram_file_id=m("feedback_photos", "telegram_file_id"),
                created_at=START,
            ),
        ]
    )


async def _events(uow: UnitOfWork, user: User, m: Markers) -> None:
    """One event the marketplace took, one it has not, and an anonymous complaint's (whose
    payload does not name the buyer)."""
    text = m("outbound_events", "payload")
    record_buyer_event(uow, EventKind.PROFILE_CHANGED, user, START, changes={"name": text})
    await uow.session.flush()
    delivered = await uow.session.scalar(
        select(OutboundEvent).where(OutboundEvent.buyer_id == user.id)
    )
    assert delivered is not None
    delivered.delivered_at = START
    record_buyer_event(uow, EventKind.ADDRESS_ADDED, user, START, address={"street": text})
    complaint = {"kind": EventKind.COMPLAINT_FILED.value, "text": text, "anonymous": True}
    uow.events.add(EventKind.COMPLAINT_FILED.value, complaint, START, buyer_id=user.id)
