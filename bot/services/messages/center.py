"""The message center: conversations by store and by order with unread counts, promotions and
platform notices in their own folders, and the blacklist of stores whose messages and
promotions the buyer never sees nor is pushed. Each screen is one read; a move (a reply, an
unblock) returns the screen it leaves behind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.enums import MessageSender, NoticeFolder
from bot.db.models import BlockedStore, Notice, Order, OrderMessage, Store, User
from bot.db.uow import UnitOfWork
from bot.services.accounts.sessions import is_account
from bot.services.errors import (
    BuyerNotFound,
    NoticeConflict,
    NoticeNotFound,
    StoreNotFound,
    StoreUnavailable,
)
from bot.services.events import NoticeKind, notify
from bot.services.messages import conversation as messages
from bot.services.messages.letters import LetterCounts, letter_counts
from bot.services.paging import Page, page_of


@dataclass(frozen=True)
class StoreConversation:
    store_id: int
    latest: OrderMessage
    latest_order: Order
    unread: int
    orders: int  # how many of the buyer's orders have messages with this store


@dataclass(frozen=True)
class OrderConversation:
    order: Order
    latest: OrderMessage
    unread: int


@dataclass(frozen=True)
class Inbox:
    """Unread counts for the message center's entry: conversations and each notice folder."""

    conversations: int
    folders: dict[NoticeFolder, int]
    letters: LetterCounts = LetterCounts(0, 0)  # dispute letters, replies to feedback

    @property
    def total(self) -> int:
        extra = self.letters.disputes + self.letters.replies
        return self.conversations + sum(self.folders.values()) + extra


def _unread(message: OrderMessage) -> bool:
    return message.sender is not MessageSender.BUYER and message.read_at is None


async def conversations_by_store(uow: UnitOfWork, buyer_id: int) -> list[StoreConversation]:
    """Newest conversation first; blocked stores are left out."""
    async with uow:
        grouped: dict[int, list[tuple[OrderMessage, Order]]] = {}
        for message, order in await uow.messages.conversation_rows(buyer_id):
            grouped.setdefault(order.store_id, []).append((message, order))
        return [
            StoreConversation(
                store_id=store_id,
                latest=rows[0][0],
                latest_order=rows[0][1],
                unread=sum(_unread(message) for message, _ in rows),
                orders=len({order.id for _, order in rows}),
            )
            for store_id, rows in grouped.items()
        ]


async def conversations_by_order(uow: UnitOfWork, buyer_id: int) -> list[OrderConversation]:
    """Newest conversation first; orders from blocked stores are left out."""
    async with uow:
        grouped: dict[int, list[tuple[OrderMessage, Order]]] = {}
        for message, order in await uow.messages.conversation_rows(buyer_id):
            grouped.setdefault(order.id, []).append((message, order))
        return [
            OrderConversation(
                order=rows[0][1],
                latest=rows[0][0],
                unread=sum(_unread(message) for message, _ in rows),
            )
            for rows in grouped.values()
        ]


async def inbox(uow: UnitOfWork, buyer_id: int) -> Inbox:
    async with uow:
        conversations = await uow.messages.count_unread_for_buyer(buyer_id)
        folders = await uow.notices.unread(buyer_id)
        return Inbox(conversations, folders, await letter_counts(uow, buyer_id))


async def mark_store_read(uow: UnitOfWork, buyer_id: int, store_id: int, now: datetime) -> int:
    """Every unread message of the store's conversation counts as read; returns how many."""
    async with uow:
        messages = await uow.messages.unread_for_buyer(buyer_id, store_id)
        for message in messages:
            message.read_at = now
        await uow.commit()
        return len(messages)


@dataclass(frozen=True)
class NoticeList:
    """One page of a notice folder, newest first; promotions of blocked stores left out."""

    folder: NoticeFolder
    page: Page[Notice]


async def list_notices(
    uow: UnitOfWork, buyer_id: int, folder: NoticeFolder, page: int, page_size: int
) -> NoticeList:
    async with uow:
        total = await uow.notices.count(buyer_id, folder)

        async def fetch(offset: int, limit: int) -> list[Notice]:
            return await uow.notices.page(buyer_id, folder, offset, limit)

        return NoticeList(folder, await page_of(total, page, page_size, fetch))


async def open_notice(
    uow: UnitOfWork, buyer_id: int, notice_id: int, now: datetime
) -> Notice | None:
    """The notice, now read; None when it is not the buyer's or its store is blocked."""
    async with uow:
        notice = await uow.notices.get_for_buyer(buyer_id, notice_id)
        if notice is not None and notice.read_at is None:
            notice.read_at = now
            await uow.commit()
        return notice


async def mark_folder_read(
    uow: UnitOfWork, buyer_id: int, folder: NoticeFolder, now: datetime
) -> int:
    async with uow:
        notices = await uow.notices.unread_rows(buyer_id, folder)
        for notice in notices:
            notice.read_at = now
        await uow.commit()
        return len(notices)


@dataclass(frozen=True)
class NoticeScreen:
    notice: Notice  # read now
    store: Store | None  # a promotion's store


async def read_notice(
    uow: UnitOfWork, buyer_id: int, notice_id: int, now: datetime
) -> NoticeScreen:
    """Like `open_notice`, with its store, for a screen; one the buyer may not see is
    NoticeNotFound."""
    async with uow:
        notice = await open_notice(uow, buyer_id, notice_id, now)
        if notice is None:
            raise NoticeNotFound(notice_id=notice_id)
        store = await uow.stores.get(notice.store_id) if notice.store_id else None
        return NoticeScreen(notice, store)


# --- one seller's conversation across the buyer's orders --------------------------------------


@dataclass(frozen=True)
class StoreChat:
    store: Store
    messages: list[OrderMessage]  # all of them, oldest first; the screen pages them
    orders: list[Order]  # the orders it is about, newest message first
    total: int
    photos: int = 0  # how many messages of the whole conversation have a photo
    can_report_message: bool = False  # the seller has written: one of theirs may be reported


async def store_conversations(
    uow: UnitOfWork, buyer_id: int
) -> list[tuple[StoreConversation, Store]]:
    """The conversations by store with their stores, newest first."""
    found = await conversations_by_store(uow, buyer_id)
    return [(conversation, conversation.latest_order.store) for conversation in found]


@dataclass(frozen=True)
class OrderConversationList:
    page: Page[tuple[OrderConversation, Store]]  # newest first, with their stores


async def order_conversations(
    uow: UnitOfWork, buyer_id: int, page: int, page_size: int
) -> OrderConversationList:
    """One page of the conversations by order, newest first, with their stores."""
    every = await conversations_by_order(uow, buyer_id)

    async def fetch(offset: int, limit: int) -> list[tuple[OrderConversation, Store]]:
        return [(each, each.order.store) for each in every[offset : offset + limit]]

    return OrderConversationList(await page_of(len(every), page, page_size, fetch))


async def _store_rows(
    uow: UnitOfWork, buyer_id: int, store_id: int
) -> list[tuple[OrderMessage, Order]]:
    """The store's messages across the buyer's orders, newest first."""
    return [
        (message, order)
        for message, order in await uow.messages.conversation_rows(buyer_id)
        if order.store_id == store_id
    ]


async def _open_rows(
    uow: UnitOfWork, buyer_id: int, store_id: int
) -> list[tuple[OrderMessage, Order]]:
    """`_store_rows` of a store the buyer may write to: one they blocked is SellerBlocked,
    one they have no conversation with StoreUnavailable."""
    await messages.check_not_blocked(uow, buyer_id, store_id)
    rows = await _store_rows(uow, buyer_id, store_id)
    if not rows:
        raise StoreUnavailable(store_id=store_id)
    return rows


async def _read_chat(
    uow: UnitOfWork, rows: list[tuple[OrderMessage, Order]], now: datetime
) -> StoreChat:
    """The conversation made of a store's rows (not empty), now read (inside a transaction)."""
    for message, _ in rows:
        if _unread(message):
            message.read_at = now
    await uow.commit()
    orders = list({order.id: order for _, order in rows}.values())
    shown = [message for message, _ in rows]
    photos = sum(message.photo_file_id is not None for message in shown)
    reportable = any(message.sender is not MessageSender.BUYER for message in shown)
    return StoreChat(orders[0].store, shown[::-1], orders, len(rows), photos, reportable)


async def open_store_conversation(
    uow: UnitOfWork, buyer_id: int, store_id: int, now: datetime
) -> StoreChat:
    """The store's messages across the buyer's orders, now read; a store the buyer has no
    conversation with is StoreUnavailable, one they blocked SellerBlocked (a stale button)."""
    async with uow:
        return await _read_chat(uow, await _open_rows(uow, buyer_id, store_id), now)


REPORTABLE_MESSAGES = 8


async def reportable_messages(
    uow: UnitOfWork, buyer_id: int, store_id: int
) -> tuple[Store, list[OrderMessage]]:
    """The store's latest messages to the buyer (never the buyer's own), newest first; a store
    the buyer has no conversation with (or blocked) is StoreUnavailable."""
    async with uow:
        rows = await _store_rows(uow, buyer_id, store_id)
        if not rows:
            raise StoreUnavailable(store_id=store_id)
        received = [message for message, _ in rows if message.sender is not MessageSender.BUYER]
        return rows[0][1].store, received[:REPORTABLE_MESSAGES]


async def store_chat_photos(
    uow: UnitOfWork, buyer_id: int, store_id: int, now: datetime
) -> tuple[list[str], StoreChat]:
    """The Telegram file ids of the latest photos in the conversation with the store, and the
    conversation, shown again below them; one the buyer has no conversation with (or
    blocked) is StoreUnavailable."""
    async with uow:
        rows = await _store_rows(uow, buyer_id, store_id)
        if not rows:
            raise StoreUnavailable(store_id=store_id)
        chat = await _read_chat(uow, rows, now)
        return messages.latest_photos(chat.messages), chat


async def reply_to_store(  # noqa: PLR0913 - the reply and who writes it when
    uow: UnitOfWork,
    buyer_id: int,
    store_id: int,
    text: str,
    now: datetime,
    photo_file_id: str | None = None,
) -> StoreChat:
    """The reply goes into the conversation about the order the store wrote about last; a
    blocked seller is SellerBlocked (a stale Reply button). Returns the conversation with
    the reply in it."""
    async with uow:
        rows = await _open_rows(uow, buyer_id, store_id)
        text = messages.checked_text(text)
        await messages.add_buyer_message(uow, rows[0][1], text, now, photo_file_id)
        return await _read_chat(uow, await _store_rows(uow, buyer_id, store_id), now)


# --- the blacklist ----------------------------------------------------------------------------


async def block_store(uow: UnitOfWork, buyer_id: int, store_id: int, now: datetime) -> Store:
    """Blocking twice is blocking once. Pushes already queued are dropped at delivery; the
    store leaves the buyer's favourites (a blocked seller is never a favourite)."""
    async with uow:
        store = await uow.stores.get(store_id)
        if store is None:
            raise StoreUnavailable(store_id=store_id)
        if await uow.blocked_stores.get(buyer_id, store_id) is None:
            uow.blocked_stores.add(
                BlockedStore(user_id=buyer_id, store_id=store_id, created_at=now)
            )
            await uow.favourite_stores.delete(buyer_id, store_id)
        await uow.commit()
        return store


async def unblock_store(uow: UnitOfWork, buyer_id: int, store_id: int) -> bool:
    """True when the store was blocked; its hidden messages and promotions show again."""
    async with uow:
        removed = await uow.blocked_stores.delete(buyer_id, store_id)
        await uow.commit()
        return removed


async def blocked_stores(uow: UnitOfWork, buyer_id: int) -> list[tuple[Store, datetime]]:
    """Most recently blocked first, with when."""
    async with uow:
        return await uow.blocked_stores.stores_of(buyer_id)


@dataclass(frozen=True)
class Unblocked:
    """After Unblock on Blocked sellers: whether the store was still blocked (a second tap
    finds it unblocked already), and the list as it is now."""

    was_blocked: bool
    stores: list[tuple[Store, datetime]]


async def unblock_from_list(uow: UnitOfWork, buyer_id: int, store_id: int) -> Unblocked:
    async with uow:
        was_blocked = await unblock_store(uow, buyer_id, store_id)
        return Unblocked(was_blocked, await uow.blocked_stores.stores_of(buyer_id))


async def is_blocked(uow: UnitOfWork, buyer_id: int, store_id: int) -> bool:
    async with uow:
        return await uow.blocked_stores.get(buyer_id, store_id) is not None


# --- the marketplace's side -------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeSpec:
    external_id: str
    folder: NoticeFolder
    store_external_id: str | None
    title: str
    text: str
    created_at: datetime | None = None


async def _account(uow: UnitOfWork, buyer_id: int) -> User:
    user = await uow.users.by_id(buyer_id)
    if user is None or not is_account(user):
        raise BuyerNotFound(buyer_id=buyer_id)
    return user


async def add_notice(
    uow: UnitOfWork, buyer_id: int, spec: NoticeSpec, now: datetime
) -> tuple[Notice, bool]:
    """A promotion (from a store) or a platform notice; the same external id again returns
    the first one unchanged (True when created). A blocked store's promotion is kept hidden
    and not pushed."""
    if (spec.folder is NoticeFolder.PROMOTION) != (spec.store_external_id is not None):
        raise NoticeConflict(external_id=spec.external_id, reason="store")
    async with uow:
        await _account(uow, buyer_id)
        store = None
        if spec.store_external_id is not None:
            store = await uow.stores.by_external_id(spec.store_external_id)
            if store is None:
                raise StoreNotFound(external_id=spec.store_external_id)
        existing = await uow.notices.by_external_id(buyer_id, spec.external_id)
        if existing is not None:
            same = (existing.folder, existing.store_id, existing.title, existing.text) == (
                spec.folder,
                store.id if store is not None else None,
                spec.title,
                spec.text,
            )
            if not same:
                raise NoticeConflict(external_id=spec.external_id, reason="content")
            return existing, False
        notice = Notice(
            user_id=buyer_id,
            folder=spec.folder,
            store_id=store.id if store is not None else None,
            external_id=spec.external_id,
            title=spec.title,
            text=spec.text,
            created_at=spec.created_at or now,
            read_at=None,
        )
        uow.notices.add(notice)
        await uow.notices.flush()
        blocked = store is not None and await uow.blocked_stores.get(buyer_id, store.id) is not None
        if not blocked:
            kind = (
                NoticeKind.PROMOTION
                if spec.folder is NoticeFolder.PROMOTION
                else NoticeKind.PLATFORM_NOTICE
            )
            await notify(uow, buyer_id, kind, {"notice_id": notice.id}, f"notice:{notice.id}", now)
        await uow.commit()
        return notice, True
