"""The sample account's message center: a seller's conversation (one message unread), a store's
promotion and a marketplace notice, in the buyer's language."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.db.enums import MessageSender, NoticeFolder, OrderStatus
from bot.db.models import Notice, Order, OrderMessage, User
from bot.db.uow import UnitOfWork

# (sender, English, Russian, hours ago, read)
CONVERSATION = (
    (
        MessageSender.SELLER,
        "Hello! Your earbuds are on their way. Write to us if anything is wrong.",
        "Здравствуйте! Ваши наушники уже в пути. Пишите нам, если что-то не так.",
        96,
        True,
    ),
    (
        MessageSender.BUYER,
        "Thank you! Could you pack them carefully?",
        "Спасибо! Упакуйте, пожалуйста, понадёжнее.",
        95,
        True,
    ),
    (
        MessageSender.SELLER,
        "Of course. The parcel cleared customs yesterday, it will arrive soon.",
        "Конечно. Вчера посылка прошла таможню, скоро будет у вас.",
        20,
        False,
    ),
)


async def seed_demo_messages(
    uow: UnitOfWork, user: User, lang: str, now: datetime, orders: list[Order], tag: str
) -> None:
    """Inside the caller's transaction; `tag` keeps the external ids unique per seeding."""
    ru = lang == "ru"
    shipped = next((o for o in orders if o.status is OrderStatus.SHIPPED), None)
    if shipped is not None:
        for index, (sender, en_text, ru_text, hours, read) in enumerate(CONVERSATION):
            sent = now - timedelta(hours=hours)
            uow.messages.add(
                OrderMessage(
                    order_id=shipped.id,
                    sender=sender,
                    text=ru_text if ru else en_text,
                    external_id=f"{tag}-m{index}",
                    sent_at=sent,
                    read_at=sent if read else None,
                )
            )
    store_id = orders[0].store_id if orders else None
    uow.notices.add_all(
        [
            Notice(
                user_id=user.id,
                folder=NoticeFolder.PROMOTION,
                store_id=store_id,
                external_id=f"{tag}-promo",
                title="Скидки до 30% на аксессуары" if ru else "Up to 30% off accessories",
                text=(
                    "Только эту неделю — для покупателей магазина."
                    if ru
                    else "This week only, for the store's buyers."
                ),
                created_at=now - timedelta(hours=30),
            ),
            Notice(
                user_id=user.id,
                folder=NoticeFolder.PLATFORM,
                store_id=None,
                external_id=f"{tag}-notice",
                title="Распродажа 11.11 скоро" if ru else "11.11 sale is coming",
                text=(
                    "Соберите купоны заранее: они появятся в разделе «Купоны»."
                    if ru
                    else "Collect coupons in advance: they will show up under Coupons."
                ),
                created_at=now - timedelta(days=3),
                read_at=now - timedelta(days=2),
            ),
        ]
    )
