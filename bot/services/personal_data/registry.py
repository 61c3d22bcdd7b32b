"""Every column of every table, classified: does it hold a buyer's data, and what does
deleting the account do with it (see the package's docstring)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Erase(StrEnum):
    WITH_ROW = "with_row"  # the buyer's rows of the table are deleted
    BLANK = "blank"  # the row stays for the marketplace; the value is replaced
    KEEP = "keep"  # the value stays, for the reason given


@dataclass(frozen=True)
class Data:
    """A column that holds a buyer's data."""

    erase: Erase
    blank: Any = None  # BLANK: the value left in its place (a callable gets the old value)
    reason: str = ""  # KEEP: why it stays
    secret: bool = False  # never in the data export (a password hash, a code)


GONE = Data(Erase.WITH_ROW)
SECRET = Data(Erase.WITH_ROW, secret=True)


def blank(value: Any, *, secret: bool = False) -> Data:
    return Data(Erase.BLANK, blank=value, secret=secret)


def keep(reason: str) -> Data:
    return Data(Erase.KEEP, reason=reason)


@dataclass(frozen=True)
class Owner:
    """How the buyer's rows are found: `column` holds the buyer's id, or, with `parent`, the
    id of one of the buyer's rows of that table."""

    column: str
    parent: str | None = None


@dataclass(frozen=True)
class Table:
    """`owner` None: the rows are nobody's, or are found some other way (`erased_by`)."""

    owner: Owner | None = None
    rows_go: bool = False  # deleting the account deletes the buyer's rows (else blanks them)
    data: Mapping[str, Data] = field(default_factory=dict)
    other: frozenset[str] = frozenset()  # columns that hold no buyer data
    export: tuple[str, ...] = ()  # the data export's sections with these rows
    not_exported: str = ""  # why a table with buyer data has no export section
    erased_by: str = ""  # what removes the buyer's rows when `owner` cannot find them
    drop_if_set: str | None = None  # a kept table: its rows with this column set are deleted

    @property
    def holds_buyer_data(self) -> bool:
        return bool(self.data)


def _names(names: str) -> frozenset[str]:
    return frozenset(names.split())


def _gone(names: str) -> dict[str, Data]:
    return dict.fromkeys(names.split(), GONE)


def _nobodys(names: str) -> Table:
    return Table(other=_names(names))


def _country_only(address: dict[str, Any]) -> dict[str, Any]:
    """An order's address as the marketplace keeps it: the country of the sale, no more."""
    country = address.get("country")
    return {"country": country} if country else {}


# Fields of an outbound event that are ids, amounts, ratings and states: what an event still
# says once the account is gone. Anything else (texts, file ids, addresses, profile changes,
# a tracking number) is dropped from events not delivered yet.
EVENT_FIELDS_KEPT = _names(
    "kind at buyer_id external_id order_number message_id dispute_id feedback_id complaint_id "
    "address_id reason requested_minor offered_minor counter_minor currency full_refund "
    "return_goods priority order_status protection_ends_at return_due_at seller_due_at "
    "seller_late rating as_described communication shipping_speed photos target anonymous via "
    "status"
)
ERASED_MARK = "personal_data_erased"  # true in an event whose buyer data was dropped


def redact_event(payload: dict[str, Any]) -> dict[str, Any]:
    kept = {key: value for key, value in payload.items() if key in EVENT_FIELDS_KEPT}
    return {**kept, ERASED_MARK: True}


_SALE = "the marketplace's record of the sale"

TABLES: dict[str, Table] = {
    "users": Table(
        owner=Owner("id"),
        export=("profile", "notification_preferences"),
        other=_names("id created_at registered_at deleted_at"),
        data={
            "telegram_id": blank(None),
            "telegram_owner_id": blank(None),
            "external_id": keep(
                "the marketplace's own id of its account: the deletion event names it, and a "
                "later call about it finds the deleted row instead of making a new account"
            ),
            "email": blank(None),
            "email_verified_at": blank(None),
            "password_hash": blank(None, secret=True),
            "linked_at": blank(None),
            "unreachable_at": blank(None),
            "quiet_from": blank(None),
            "quiet_until": blank(None),
            "daily_digest": blank(False),
            "first_name": blank(""),
            "username": blank(None),
            "language_code": blank(None),
            "locale": blank(None),
            "time_zone": blank(None),
            "onboarded_at": blank(None),
            "display_currency": blank(None),
            "avatar_file_id": blank(None),
            "club_level": blank(None),
            "recent_limit": blank(None),
            "weekly_drops": blank(False),
        },
    ),
    "telegram_sessions": Table(
        owner=Owner("user_id"),
        rows_go=True,
        export=("sessions",),
        other=_names("user_id"),
        data=_gone("telegram_id method signed_in_at last_seen_at"),
    ),
    "email_codes": Table(
        owner=Owner("user_id"),
        rows_go=True,
        not_exported="codes and what they unlock are secrets",
        other=_names("id user_id purpose attempts created_at expires_at used_at"),
        data={"email": GONE, "code_hash": SECRET, "payload": SECRET},
    ),
    "sign_in_failures": Table(
        rows_go=True,
        not_exported="kept by a hash of the address, not by buyer",
        erased_by="deletion.delete_account forgets the keys of the account's address",
        other=_names("id"),
        data={"key": SECRET, "failed_at": GONE},
    ),
    "budgets": Table(
        rows_go=True,
        not_exported="kept by a hash of the address, account or chat, not by buyer",
        erased_by=(
            "pruned a day after its window began (budgets.LONGEST_WINDOW); kept until then so "
            "deleting the account and signing up again cannot refill a guess or mail budget"
        ),
        data={"key": SECRET, "window_start": GONE, "used": GONE},
    ),
    "addresses": Table(
        owner=Owner("user_id"),
        rows_go=True,
        export=("addresses",),
        other=_names("id user_id is_default created_at updated_at"),
        data=_gone("recipient phone country region city street postal_code"),
    ),
    "orders": Table(
        owner=Owner("buyer_id"),
        export=("orders",),
        other=_names(
            "id buyer_id store_id number status close_reason currency items_total_minor "
            "shipping_minor total_minor headline item_count search_text placed_at paid_at "
            "shipped_at delivered_at completed_at closed_at protection_ends_at "
            "protection_extended_at auto_confirm_at tracking_number carrier "
            "tracking_checked_at feedback_at deleted_at updated_at"
        ),
        data={"shipping_address": blank(_country_only)},
    ),
    "order_items": _nobodys("id order_id product_id title variant unit_price_minor quantity"),
    "tracking_events": _nobodys(
        "id order_id occurred_at kind description location carrier_event_id"
    ),
    # The whole conversation of the buyer's orders goes: the seller's side answers the buyer.
    "order_messages": Table(
        owner=Owner("order_id", parent="orders"),
        rows_go=True,
        export=("messages",),
        other=_names("id order_id sender external_id sent_at read_at"),
        data=_gone("text photo_file_id"),
    ),
    "link_codes": Table(
        owner=Owner("user_id"),
        rows_go=True,
        not_exported="one-time codes of marketplace links are secrets",
        other=_names("user_id created_at expires_at used_at"),
        data={"code_hash": SECRET},
    ),
    "outbox": Table(
        owner=Owner("user_id"),
        rows_go=True,
        not_exported="pushes to the buyer, made of data exported in its own sections",
        other=_names("id user_id kind dedup_key due_at sent_at failed_at attempts last_error"),
        data={"payload": GONE, "created_at": GONE},
    ),
    "outbound_events": Table(
        owner=Owner("buyer_id"),
        drop_if_set="delivered_at",  # the marketplace has them; undelivered ones still go
        not_exported="what the marketplace was told, made of data exported in its own sections",
        other=_names(
            "id kind buyer_id created_at next_attempt_at delivered_at attempts last_error"
        ),
        data={"payload": blank(redact_event)},
    ),
    "idempotency_records": Table(
        owner=Owner("buyer_id"),
        rows_go=True,
        not_exported="answers to the marketplace's own requests, sealed with its keys",
        other=_names("key_hash request_hash buyer_id status_code created_at"),
        data={"body": GONE},
    ),
    "notification_preferences": Table(
        owner=Owner("user_id"),
        rows_go=True,
        export=("notification_preferences",),
        other=_names("user_id kind"),  # the name of a kind of push
        data=_gone("enabled updated_at"),
    ),
    "deadlines": Table(
        owner=Owner("user_id"),
        rows_go=True,
        not_exported="reminder dates computed from the orders and coupons exported",
        other=_names("id user_id"),
        data=_gone("kind subject_id due_at"),
    ),
    "coupons": Table(
        owner=Owner("user_id"),
        rows_go=True,
        export=("coupons",),
        other=_names(
            "id user_id external_id store_id title titles discount_minor percent_off currency "
            "min_order_minor starts_at expires_at created_at updated_at"
        ),
        data=_gone("used_at order_id"),
    ),
    "disputes": Table(
        owner=Owner("buyer_id"),
        export=("disputes",),
        other=_names(
            "id order_id buyer_id reason status currency requested_minor return_goods "
            "offered_minor offer_return refunded_minor priority seller_due_at buyer_due_at "
            "return_due_at rejections escalated_at closed_at created_at updated_at"
        ),
        data={"description": blank("")},
    ),
    "dispute_messages": Table(
        owner=Owner("dispute_id", parent="disputes"),
        rows_go=True,
        export=("disputes",),
        other=_names("id dispute_id author external_id created_at read_at"),
        data=_gone("text"),
    ),
    "dispute_attachments": Table(
        owner=Owner("dispute_id", parent="disputes"),
        rows_go=True,
        export=("disputes",),
        other=_names("id dispute_id message_id author kind created_at"),
        data=_gone("telegram_file_id url file_name"),
    ),
    "feedback": Table(
        owner=Owner("buyer_id"),
        export=("feedback",),
        other=_names(
            "id order_id buyer_id store_id additional_at seller_reply_at seller_reply_read_at "
            "created_at"
        ),
        data={
            "text": blank(""),
            "additional_text": blank(None),
            "seller_reply": blank(None),  # an answer to the buyer, maybe quoting them
            **dict.fromkeys(
                ("rating", "as_described", "communication", "shipping_speed"),
                keep("the store's rating is made of them; without the texts nobody is named"),
            ),
        },
    ),
    "feedback_photos": Table(
        owner=Owner("feedback_id", parent="feedback"),
        rows_go=True,
        export=("feedback",),
        other=_names("id feedback_id additional created_at"),
        data=_gone("telegram_file_id"),
    ),
    "notices": Table(
        owner=Owner("user_id"),
        rows_go=True,
        export=("notices",),
        other=_names("id user_id folder store_id external_id created_at read_at"),
        data=_gone("title text"),
    ),
    "blocked_stores": Table(
        owner=Owner("user_id"),
        rows_go=True,
        export=("blocked_stores",),
        other=_names("user_id"),
        data=_gone("store_id created_at"),
    ),
    "complaints": Table(
        owner=Owner("user_id"),
        export=("complaints",),
        other=_names("id user_id target target_id reason anonymous status created_at updated_at"),
        data={"text": blank(""), "resolution": blank(None)},
    ),
    "stores": _nobodys(
        "id external_id name created_at rating_positive_share rating_average rating_count"
    ),
    "products": _nobodys(
        "id store_id external_id title titles price_minor currency stock category_id "
        "descriptions photo_url rating_average rating_count orders_count created_at updated_at"
    ),
    "categories": _nobodys("id external_id parent_id names position created_at updated_at"),
    "store_coupon_offers": _nobodys(
        "id store_id external_id title titles discount_minor percent_off currency "
        "min_order_minor claim_from claim_until expires_at quantity taken created_at withdrawn_at"
    ),
    "wish_lists": Table(
        owner=Owner("user_id"),
        rows_go=True,
        export=("wishes",),
        other=_names("id user_id is_default created_at"),
        data=_gone("name"),
    ),
    "wish_items": Table(
        owner=Owner("user_id"),
        rows_go=True,
        export=("wishes",),
        other=_names("id list_id user_id"),
        data=_gone(
            "product_id added_at added_price_minor added_currency target_price_minor "
            "target_currency drop_percent back_in_stock price_alerted stock_alerted"
        ),
    ),
    "favourite_stores": Table(
        owner=Owner("user_id"),
        rows_go=True,
        export=("favourite_stores",),
        other=_names("user_id"),
        data=_gone("store_id saved_at seen_at news"),
    ),
    "recently_viewed": Table(
        owner=Owner("user_id"),
        rows_go=True,
        export=("recently_viewed",),
        other=_names("user_id"),
        data=_gone("product_id viewed_at"),
    ),
    "product_questions": Table(
        owner=Owner("user_id"),
        rows_go=True,
        export=("product_questions",),
        other=_names("id user_id store_id answer_external_id"),
        data=_gone("product_id text asked_at answer answered_at answer_read_at"),
    ),
    "product_prices": _nobodys("id product_id price_minor currency changed_at"),
    "exchange_rates": _nobodys("base quote rate as_of updated_at"),
    "app_secrets": _nobodys("name value created_at"),
}
