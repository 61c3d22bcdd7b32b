"""SQLAlchemy 2 typed models, one module per domain; import them from here."""

from bot.db.models.accounts import Address, AppSecret, EmailCode, SignInFailure, TelegramSession
from bot.db.models.aftersale import (
    BlockedStore,
    Complaint,
    Dispute,
    DisputeAttachment,
    DisputeMessage,
    Feedback,
    FeedbackPhoto,
    Notice,
)
from bot.db.models.base import NAMING_CONVENTION, Base
from bot.db.models.core import Order, OrderItem, Product, Store, TrackingEvent, User
from bot.db.models.coupons import Coupon
from bot.db.models.integration import (
    Deadline,
    IdempotencyRecord,
    LinkCode,
    NotificationPreference,
    OrderMessage,
    OutboundEvent,
    OutboxMessage,
    ProductPrice,
)
from bot.db.models.limits import SpentBudget
from bot.db.models.rates import ExchangeRate

__all__ = [
    "BlockedStore",
    "Complaint",
    "Dispute",
    "DisputeAttachment",
    "DisputeMessage",
    "Feedback",
    "FeedbackPhoto",
    "Notice",
    "Address",
    "SpentBudget",
    "AppSecret",
    "EmailCode",
    "SignInFailure",
    "TelegramSession",
    "NAMING_CONVENTION",
    "Base",
    "Coupon",
    "Deadline",
    "ExchangeRate",
    "IdempotencyRecord",
    "LinkCode",
    "NotificationPreference",
    "Order",
    "OrderItem",
    "OrderMessage",
    "OutboundEvent",
    "OutboxMessage",
    "Product",
    "ProductPrice",
    "Store",
    "TrackingEvent",
    "User",
]
