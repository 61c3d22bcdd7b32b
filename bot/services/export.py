"""Download my data: everything the cabinet stores about a buyer, as plain JSON data.

Every section lists its fields by name, so a column added later (a secret one too) stays
out until someone decides it belongs here. Never exported: the password hash, e-mail codes
and what they unlock, failed sign-ins (kept by a hash of the address, not per buyer). Which
tables hold buyer data, and which section has each, is bot/services/personal_data's list; a
test fills every column of it and finds each one here.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.db.models import (
    Address,
    BlockedStore,
    Complaint,
    Coupon,
    Dispute,
    DisputeAttachment,
    DisputeMessage,
    Feedback,
    FeedbackPhoto,
    Notice,
    Order,
    OrderMessage,
    ProductQuestion,
    TelegramSession,
    User,
    WishItem,
    WishList,
)
from bot.db.repositories.personal_data import PersonalDataRepository
from bot.db.uow import UnitOfWork
from bot.services.events import NoticeKind, address_payload

FORMAT_VERSION = 1


def _time(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _profile(user: User) -> dict[str, Any]:
    return {
        "telegram_id": user.telegram_id,
        "telegram_owner_id": user.telegram_owner_id,  # Continue with Telegram leads back here
        "telegram_username": user.username,
        "name": user.first_name,
        "email": user.email,
        "email_verified_at": _time(user.email_verified_at),
        "marketplace_account_id": user.external_id,
        "language": user.locale,
        "telegram_language": user.language_code,
        "display_currency": user.display_currency,
        "time_zone": user.time_zone,
        "avatar_file_id": user.avatar_file_id,
        "recently_viewed_length": user.recent_limit,
        "created_at": _time(user.created_at),
        "registered_at": _time(user.registered_at),
        "linked_to_marketplace_at": _time(user.linked_at),
    }


def _order(order: Order) -> dict[str, Any]:
    return {
        "number": order.number,
        "store": order.store.name,
        "status": order.status.value,
        "close_reason": order.close_reason.value if order.close_reason else None,
        "currency": order.currency,
        "items_total_minor": order.items_total_minor,
        "shipping_minor": order.shipping_minor,
        "total_minor": order.total_minor,
        "shipping_address": order.shipping_address,
        "placed_at": _time(order.placed_at),
        "paid_at": _time(order.paid_at),
        "shipped_at": _time(order.shipped_at),
        "delivered_at": _time(order.delivered_at),
        "completed_at": _time(order.completed_at),
        "closed_at": _time(order.closed_at),
        "protection_ends_at": _time(order.protection_ends_at),
        "protection_extended_at": _time(order.protection_extended_at),
        "feedback_at": _time(order.feedback_at),
        "deleted_at": _time(order.deleted_at),
        "items": [
            {
                "title": item.title,
                "variant": item.variant,
                "unit_price_minor": item.unit_price_minor,
                "quantity": item.quantity,
            }
            for item in order.items
        ],
        "tracking": {
            "carrier": order.carrier,
            "tracking_number": order.tracking_number,
            "events": [
                {
                    "occurred_at": _time(event.occurred_at),
                    "kind": event.kind.value if event.kind else None,
                    "description": event.description,
                    "location": event.location,
                }
                for event in sorted(order.events, key=lambda each: each.occurred_at)
            ],
        },
    }


def _message(number: str, message: OrderMessage) -> dict[str, Any]:
    return {
        "order_number": number,
        "from": message.sender.value,
        "text": message.text,
        "photo_file_id": message.photo_file_id,
        "sent_at": _time(message.sent_at),
        "read_at": _time(message.read_at),
    }


def _coupon(coupon: Coupon) -> dict[str, Any]:
    return {
        "title": coupon.title,
        "store": coupon.store.name if coupon.store else None,
        "discount_minor": coupon.discount_minor,
        "percent_off": coupon.percent_off,
        "currency": coupon.currency,
        "min_order_minor": coupon.min_order_minor,
        "starts_at": _time(coupon.starts_at),
        "expires_at": _time(coupon.expires_at),
        "used_at": _time(coupon.used_at),
        "used_on_order": coupon.order.number if coupon.order else None,
    }


def _address(address: Address) -> dict[str, Any]:
    """As the marketplace receives it in address events, with when it was added and changed."""
    return {
        **address_payload(address),
        "created_at": _time(address.created_at),
        "updated_at": _time(address.updated_at),
    }


def _session(session: TelegramSession) -> dict[str, Any]:
    return {
        "telegram_id": session.telegram_id,
        "method": session.method,
        "signed_in_at": _time(session.signed_in_at),
        "last_seen_at": _time(session.last_seen_at),
    }


def _dispute(
    number: str,
    dispute: Dispute,
    messages: list[DisputeMessage],
    attachments: list[DisputeAttachment],
) -> dict[str, Any]:
    return {
        "order_number": number,
        "reason": dispute.reason.value,
        "status": dispute.status.value,
        "description": dispute.description,
        "currency": dispute.currency,
        "requested_minor": dispute.requested_minor,
        "return_goods": dispute.return_goods,
        "offered_minor": dispute.offered_minor,
        "offer_return": dispute.offer_return,
        "refunded_minor": dispute.refunded_minor,
        "seller_due_at": _time(dispute.seller_due_at),
        "buyer_due_at": _time(dispute.buyer_due_at),
        "return_due_at": _time(dispute.return_due_at),
        "escalated_at": _time(dispute.escalated_at),
        "closed_at": _time(dispute.closed_at),
        "created_at": _time(dispute.created_at),
        "updated_at": _time(dispute.updated_at),
        "messages": [
            {
                "from": message.author.value,
                "text": message.text,
                "created_at": _time(message.created_at),
            }
            for message in messages
            if message.dispute_id == dispute.id
        ],
        "attachments": [
            {
                "from": attachment.author.value,
                "kind": attachment.kind,
                "telegram_file_id": attachment.telegram_file_id,
                "url": attachment.url,
                "file_name": attachment.file_name,
                "created_at": _time(attachment.created_at),
            }
            for attachment in attachments
            if attachment.dispute_id == dispute.id
        ],
    }


def _feedback(
    number: str, store: str, feedback: Feedback, photos: list[FeedbackPhoto]
) -> dict[str, Any]:
    return {
        "order_number": number,
        "store": store,
        "rating": feedback.rating,
        "as_described": feedback.as_described,
        "communication": feedback.communication,
        "shipping_speed": feedback.shipping_speed,
        "text": feedback.text,
        "additional_text": feedback.additional_text,
        "additional_at": _time(feedback.additional_at),
        "photos": [
            {
                "telegram_file_id": photo.telegram_file_id,
                "additional": photo.additional,
                "created_at": _time(photo.created_at),
            }
            for photo in photos
            if photo.feedback_id == feedback.id
        ],
        "seller_reply": feedback.seller_reply,
        "seller_reply_at": _time(feedback.seller_reply_at),
        "created_at": _time(feedback.created_at),
    }


def _complaint(complaint: Complaint) -> dict[str, Any]:
    return {
        "target": complaint.target.value,
        "target_id": complaint.target_id,
        "reason": complaint.reason.value,
        "text": complaint.text,
        "anonymous": complaint.anonymous,
        "status": complaint.status.value,
        "resolution": complaint.resolution,
        "created_at": _time(complaint.created_at),
        "updated_at": _time(complaint.updated_at),
    }


def _notice(notice: Notice, store: str | None) -> dict[str, Any]:
    return {
        "folder": notice.folder.value,
        "store": store,
        "title": notice.title,
        "text": notice.text,
        "created_at": _time(notice.created_at),
        "read_at": _time(notice.read_at),
    }


def _blocked(store: str, blocked: BlockedStore) -> dict[str, Any]:
    return {"store": store, "blocked_at": _time(blocked.created_at)}


async def _aftersale(stored: PersonalDataRepository, buyer_id: int) -> dict[str, Any]:
    """Disputes, feedback, complaints, notices and blocked stores."""
    dispute_messages = await stored.dispute_messages(buyer_id)
    attachments = await stored.dispute_attachments(buyer_id)
    photos = await stored.feedback_photos(buyer_id)
    return {
        "disputes": [
            _dispute(number, dispute, dispute_messages, attachments)
            for number, dispute in await stored.disputes(buyer_id)
        ],
        "feedback": [
            _feedback(number, store, row, photos)
            for number, store, row in await stored.feedback(buyer_id)
        ],
        "complaints": [_complaint(row) for row in await stored.complaints(buyer_id)],
        "notices": [_notice(row, store) for row, store in await stored.notices(buyer_id)],
        "blocked_stores": [
            _blocked(store, row) for store, row in await stored.blocked_stores(buyer_id)
        ],
    }


def _wish_lists(
    rows: list[tuple[WishList, WishItem | None, str | None]],
) -> list[dict[str, Any]]:
    lists: dict[int, dict[str, Any]] = {}
    for wishes, item, title in rows:
        entry = lists.setdefault(
            wishes.id,
            {
                "name": wishes.name,
                "default": wishes.is_default,
                "created_at": _time(wishes.created_at),
                "items": [],
            },
        )
        if item is not None:
            entry["items"].append(
                {
                    "product": title,
                    "product_id": item.product_id,
                    "added_at": _time(item.added_at),
                    "price_when_added_minor": item.added_price_minor,
                    "currency_when_added": item.added_currency,
                    "target_price_minor": item.target_price_minor,
                    "target_currency": item.target_currency,
                    "drop_percent": item.drop_percent,
                    "back_in_stock": item.back_in_stock,
                    "price_alert_sent": item.price_alerted,
                    "stock_alert_sent": item.stock_alerted,
                }
            )
    return list(lists.values())


def _question(title: str, store: str, question: ProductQuestion) -> dict[str, Any]:
    return {
        "product": title,
        "product_id": question.product_id,
        "store": store,
        "text": question.text,
        "asked_at": _time(question.asked_at),
        "answer": question.answer,
        "answered_at": _time(question.answered_at),
        "answer_read_at": _time(question.answer_read_at),
    }


async def _shopping(stored: PersonalDataRepository, buyer_id: int) -> dict[str, Any]:
    """Wishes, favourite stores, recently viewed products and questions to sellers."""
    return {
        "wishes": _wish_lists(await stored.wishes(buyer_id)),
        "favourite_stores": [
            {
                "store": name,
                "saved_at": _time(saved.saved_at),
                "last_visit_at": _time(saved.seen_at),
                "news": saved.news,
            }
            for name, saved in await stored.favourite_stores(buyer_id)
        ],
        "recently_viewed": [
            {"product": title, "product_id": row.product_id, "viewed_at": _time(row.viewed_at)}
            for title, row in await stored.recently_viewed(buyer_id)
        ],
        "product_questions": [
            _question(title, store, row)
            for title, store, row in await stored.product_questions(buyer_id)
        ],
    }


async def collect_buyer_data(uow: UnitOfWork, user: User, now: datetime) -> dict[str, Any]:
    """The buyer's data, ready for `json.dumps` (ISO times, minor units, enum values)."""
    async with uow:
        stored = uow.personal_data
        switched = {row.kind: row.enabled for row in await stored.preferences(user.id)}
        return {
            "format_version": FORMAT_VERSION,
            "exported_at": _time(now),
            "profile": _profile(user),
            "notification_preferences": {
                "kinds": {
                    kind.value: switched.get(kind.value, True)
                    for kind in NoticeKind
                    if kind is not NoticeKind.WISH_WEEKLY  # weekly_drops_digest below
                },
                "quiet_hours": (
                    {"from_hour": user.quiet_from, "until_hour": user.quiet_until}
                    if user.quiet_from is not None
                    else None
                ),
                "daily_digest": user.daily_digest,
                "weekly_drops_digest": user.weekly_drops,
            },
            "orders": [_order(order) for order in await stored.orders(user.id)],
            "messages": [_message(n, m) for n, m in await stored.messages(user.id)],
            "coupons": [_coupon(coupon) for coupon in await stored.coupons(user.id)],
            "addresses": [_address(address) for address in await stored.addresses(user.id)],
            "sessions": [_session(session) for session in await stored.sessions(user.id)],
            **await _aftersale(stored, user.id),
            **await _shopping(stored, user.id),
        }


def export_file(data: dict[str, Any], now: datetime) -> tuple[str, bytes]:
    """The file name (`cabinet-data-2026-11-26.json`) and UTF-8 JSON, readable by a person."""
    body = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    return f"cabinet-data-{now.date().isoformat()}.json", body


async def buyer_data_file(uow: UnitOfWork, user: User, now: datetime) -> tuple[str, bytes]:
    """Download my data: the buyer's data as one JSON file (its name and body)."""
    return export_file(await collect_buyer_data(uow, user, now), now)
