"""Enumerations stored in the database; plain Python so every layer may import them."""

from __future__ import annotations

from enum import StrEnum


class OrderStatus(StrEnum):
    """Where an order is in its life, as the marketplace reports it."""

    AWAITING_PAYMENT = "awaiting_payment"
    AWAITING_SHIPMENT = "awaiting_shipment"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    COMPLETED = "completed"
    CLOSED = "closed"


class CloseReason(StrEnum):
    """Why an order ended without being completed (a cancelled order is a closed one)."""

    CANCELLED_BY_BUYER = "cancelled_by_buyer"
    PAYMENT_TIMEOUT = "payment_timeout"
    CANCELLED_BY_SELLER = "cancelled_by_seller"
    REFUNDED = "refunded"


class TrackingEventKind(StrEnum):
    """Well-known carrier milestones; shown translated, unknown ones use the carrier's text."""

    ACCEPTED = "accepted"
    LEFT_ORIGIN = "left_origin"
    IN_TRANSIT = "in_transit"
    ARRIVED_DESTINATION_COUNTRY = "arrived_destination_country"
    CUSTOMS_CLEARED = "customs_cleared"
    ARRIVED_SORTING_CENTER = "arrived_sorting_center"
    OUT_FOR_DELIVERY = "out_for_delivery"
    READY_FOR_PICKUP = "ready_for_pickup"
    DELIVERED = "delivered"


class MessageSender(StrEnum):
    """Who wrote a message about an order."""

    BUYER = "buyer"
    SELLER = "seller"
    PLATFORM = "platform"
