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


class DisputeReason(StrEnum):
    NOT_RECEIVED = "not_received"
    NOT_AS_DESCRIBED = "not_as_described"
    DAMAGED = "damaged"
    WRONG_ITEM = "wrong_item"
    COUNTERFEIT = "counterfeit"
    OTHER = "other"


class DisputeStatus(StrEnum):
    """A dispute's life: the seller answers, the buyer accepts or counters, the platform
    decides when they do not agree; it ends refunded, refused or cancelled by the buyer."""

    AWAITING_SELLER = "awaiting_seller"  # opened; the seller must answer by seller_due_at
    AWAITING_BUYER = "awaiting_buyer"  # the seller offered; the buyer must answer by buyer_due_at
    AWAITING_RETURN = "awaiting_return"  # agreed with a return: the buyer ships it back
    ESCALATED = "escalated"  # the platform decides
    REFUNDED = "refunded"
    REFUSED = "refused"  # closed without a refund (by the platform)
    CANCELLED = "cancelled"  # withdrawn by the buyer; cannot be reopened


class ComplaintTarget(StrEnum):
    PRODUCT = "product"
    STORE = "store"
    MESSAGE = "message"


class ComplaintReason(StrEnum):
    INTELLECTUAL_PROPERTY = "intellectual_property"
    PROHIBITED_GOODS = "prohibited_goods"
    SPAM = "spam"
    TRADE_RULES = "trade_rules"
    OTHER = "other"


class ComplaintStatus(StrEnum):
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    UPHELD = "upheld"
    REJECTED = "rejected"


class NoticeFolder(StrEnum):
    """Message-center folders besides the conversations with sellers."""

    PROMOTION = "promotion"
    PLATFORM = "platform"
