"""Translated names of statuses, tabs and tracking milestones.

Each label is a function, so rendering one label translates only that one (a screen shows
dozens), and the literal stays inside a gettext call for extraction.
"""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.db.enums import CloseReason, OrderStatus, TrackingEventKind
from bot.i18n import pgettext
from bot.services.coupons import CouponTab
from bot.services.events import NoticeKind
from bot.services.notifications import QuietPreset
from bot.services.orders.buyer import OrderTab

STATUS_ICONS = {
    OrderStatus.AWAITING_PAYMENT: "💳",
    OrderStatus.AWAITING_SHIPMENT: "📦",
    OrderStatus.SHIPPED: "🚚",
    OrderStatus.DELIVERED: "📬",
    OrderStatus.COMPLETED: "✅",
    OrderStatus.CLOSED: "⛔",
}


def status_label(status: OrderStatus) -> str:
    labels = {
        OrderStatus.AWAITING_PAYMENT: lambda: _("Awaiting payment"),
        OrderStatus.AWAITING_SHIPMENT: lambda: _("Awaiting shipment"),
        OrderStatus.SHIPPED: lambda: _("Shipped"),
        # NOTE: the parcel reached the pickup point or the door; the buyer has not confirmed yet.
        OrderStatus.DELIVERED: lambda: _("Delivered"),
        OrderStatus.COMPLETED: lambda: _("Completed"),
        OrderStatus.CLOSED: lambda: _("Closed"),
    }
    return labels[status]()


def close_reason_label(reason: CloseReason) -> str:
    labels = {
        CloseReason.CANCELLED_BY_BUYER: lambda: _("cancelled by you"),
        CloseReason.PAYMENT_TIMEOUT: lambda: _("not paid in time"),
        CloseReason.CANCELLED_BY_SELLER: lambda: _("cancelled by the seller"),
        CloseReason.REFUNDED: lambda: _("money refunded"),
    }
    return labels[reason]()


def tab_label(tab: OrderTab) -> str:
    labels = {
        # NOTE: tabs of My orders, naming groups of orders; keep them short, three share a row.
        OrderTab.ALL: lambda: pgettext("tab", "All"),
        OrderTab.TO_PAY: lambda: pgettext("tab", "To pay"),
        OrderTab.TO_SHIP: lambda: pgettext("tab", "To ship"),
        OrderTab.TO_RECEIVE: lambda: pgettext("tab", "To receive"),
        OrderTab.COMPLETED: lambda: pgettext("tab", "Completed"),
        OrderTab.CLOSED: lambda: pgettext("tab", "Closed"),
    }
    return labels[tab]()


def coupon_tab_label(tab: CouponTab) -> str:
    labels = {
        # NOTE: tabs of Coupons; two share a row with a count after each.
        CouponTab.ACTIVE: lambda: pgettext("tab", "Active"),
        CouponTab.PAST: lambda: pgettext("tab", "Used & expired"),
    }
    return labels[tab]()


def event_label(kind: TrackingEventKind) -> str:
    labels = {
        TrackingEventKind.ACCEPTED: lambda: _("Accepted by the carrier"),
        TrackingEventKind.LEFT_ORIGIN: lambda: _("Left the country of origin"),
        TrackingEventKind.IN_TRANSIT: lambda: _("In transit"),
        TrackingEventKind.ARRIVED_DESTINATION_COUNTRY: lambda: _(
            "Arrived in the destination country"
        ),
        TrackingEventKind.CUSTOMS_CLEARED: lambda: _("Cleared customs"),
        TrackingEventKind.ARRIVED_SORTING_CENTER: lambda: _("Arrived at a sorting centre"),
        TrackingEventKind.OUT_FOR_DELIVERY: lambda: _("Out for delivery"),
        TrackingEventKind.READY_FOR_PICKUP: lambda: _("Ready for pickup"),
        TrackingEventKind.DELIVERED: lambda: _("Handed to the recipient"),
    }
    return labels[kind]()


def notice_kind_label(kind: NoticeKind) -> str:
    labels = {
        NoticeKind.ORDER_CREATED: lambda: _("New orders"),
        NoticeKind.ORDER_STATUS: lambda: _("Order status changes"),
        NoticeKind.TRACKING_EVENT: lambda: _("Parcel tracking"),
        NoticeKind.SELLER_MESSAGE: lambda: _("Messages from sellers"),
        NoticeKind.PROTECTION_ENDING: lambda: _("Buyer protection ending"),
        NoticeKind.TRASH_PURGE: lambda: _("Deleted orders about to be removed"),
        NoticeKind.TRACKING_STALLED: lambda: _("Parcels with no news"),
        NoticeKind.AUTO_CONFIRM_SOON: lambda: _("Automatic confirmation coming"),
        NoticeKind.COUPON_EXPIRING: lambda: _("Coupons about to expire"),
        NoticeKind.DISPUTE_MESSAGE: lambda: _("Dispute messages"),
        NoticeKind.DISPUTE_OFFER: lambda: _("Seller offers in disputes"),
        NoticeKind.DISPUTE_DECISION: lambda: _("Dispute outcomes"),
        NoticeKind.DISPUTE_DUE: lambda: _("Dispute deadlines"),
        NoticeKind.DISPUTE_SELLER_LATE: lambda: _("Sellers who did not answer a dispute"),
        NoticeKind.FEEDBACK_REPLY: lambda: _("Seller replies to your feedback"),
        NoticeKind.FEEDBACK_CLOSING: lambda: _("Feedback about to close"),
        NoticeKind.PROMOTION: lambda: _("Store promotions"),
        NoticeKind.PLATFORM_NOTICE: lambda: _("Marketplace notices"),
        NoticeKind.COMPLAINT_STATUS: lambda: _("Your complaints"),
        NoticeKind.WISH_PRICE: lambda: _("Price drops in your wishes"),
        NoticeKind.WISH_STOCK: lambda: _("Wishes back in stock"),
        NoticeKind.WISH_WEEKLY: lambda: _("Weekly digest of price drops"),
    }
    return labels[kind]()


def quiet_label_text(preset: QuietPreset) -> str:
    labels = {
        QuietPreset.OFF: lambda: pgettext("quiet hours", "off"),
        QuietPreset.NIGHT_22_08: lambda: _("22:00–08:00"),
        QuietPreset.NIGHT_23_07: lambda: _("23:00–07:00"),
        QuietPreset.NIGHT_00_09: lambda: _("00:00–09:00"),
    }
    return labels[preset]()
