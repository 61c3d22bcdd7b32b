"""Translated names of statuses, tabs and tracking milestones (built at render time)."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.db.enums import CloseReason, OrderStatus, TrackingEventKind
from bot.i18n import pgettext
from bot.services.orders import OrderTab

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
        OrderStatus.AWAITING_PAYMENT: _("Awaiting payment"),
        OrderStatus.AWAITING_SHIPMENT: _("Awaiting shipment"),
        OrderStatus.SHIPPED: _("Shipped"),
        # NOTE: the parcel reached the pickup point or the door; the buyer has not confirmed yet.
        OrderStatus.DELIVERED: _("Delivered"),
        OrderStatus.COMPLETED: _("Completed"),
        OrderStatus.CLOSED: _("Closed"),
    }
    return labels[status]


def close_reason_label(reason: CloseReason) -> str:
    labels = {
        CloseReason.CANCELLED_BY_BUYER: _("cancelled by you"),
        CloseReason.PAYMENT_TIMEOUT: _("not paid in time"),
        CloseReason.CANCELLED_BY_SELLER: _("cancelled by the seller"),
        CloseReason.REFUNDED: _("money refunded"),
    }
    return labels[reason]


def tab_label(tab: OrderTab) -> str:
    labels = {
        # NOTE: tabs of My orders, naming groups of orders; keep them short, three share a row.
        OrderTab.ALL: pgettext("tab", "All"),
        OrderTab.TO_PAY: pgettext("tab", "To pay"),
        OrderTab.TO_SHIP: pgettext("tab", "To ship"),
        OrderTab.TO_RECEIVE: pgettext("tab", "To receive"),
        OrderTab.COMPLETED: pgettext("tab", "Completed"),
        OrderTab.CLOSED: pgettext("tab", "Closed"),
    }
    return labels[tab]


def event_label(kind: TrackingEventKind) -> str:
    labels = {
        TrackingEventKind.ACCEPTED: _("Accepted by the carrier"),
        TrackingEventKind.LEFT_ORIGIN: _("Left the country of origin"),
        TrackingEventKind.IN_TRANSIT: _("In transit"),
        TrackingEventKind.ARRIVED_DESTINATION_COUNTRY: _("Arrived in the destination country"),
        TrackingEventKind.CUSTOMS_CLEARED: _("Cleared customs"),
        TrackingEventKind.ARRIVED_SORTING_CENTER: _("Arrived at a sorting centre"),
        TrackingEventKind.OUT_FOR_DELIVERY: _("Out for delivery"),
        TrackingEventKind.READY_FOR_PICKUP: _("Ready for pickup"),
        TrackingEventKind.DELIVERED: _("Handed to the recipient"),
    }
    return labels[kind]
