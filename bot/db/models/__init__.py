"""SQLAlchemy 2 typed models, one module per noun; import them from here."""

from bot.db.models.addresses import Address
from bot.db.models.app_secrets import AppSecret
from bot.db.models.base import NAMING_CONVENTION, Base
from bot.db.models.blocked_stores import BlockedStore
from bot.db.models.budgets import SpentBudget
from bot.db.models.categories import Category
from bot.db.models.complaints import Complaint
from bot.db.models.coupons import Coupon
from bot.db.models.deadlines import Deadline
from bot.db.models.disputes import Dispute, DisputeAttachment, DisputeMessage
from bot.db.models.email_codes import EmailCode
from bot.db.models.events import OutboundEvent
from bot.db.models.favourite_stores import FavouriteStore
from bot.db.models.feedback import Feedback, FeedbackPhoto
from bot.db.models.idempotency import IdempotencyRecord
from bot.db.models.link_codes import LinkCode
from bot.db.models.messages import OrderMessage
from bot.db.models.notices import Notice
from bot.db.models.orders import Order, OrderItem, TrackingEvent
from bot.db.models.outbox import OutboxMessage
from bot.db.models.preferences import NotificationPreference
from bot.db.models.products import Product, ProductPrice
from bot.db.models.questions import ProductQuestion
from bot.db.models.rates import ExchangeRate
from bot.db.models.recently_viewed import RecentlyViewed
from bot.db.models.sessions import TelegramSession
from bot.db.models.sign_in_failures import SignInFailure
from bot.db.models.store_offers import StoreCouponOffer
from bot.db.models.stores import Store
from bot.db.models.users import User
from bot.db.models.wishes import WishItem, WishList

__all__ = [
    "NAMING_CONVENTION",
    "Address",
    "AppSecret",
    "Base",
    "BlockedStore",
    "Category",
    "Complaint",
    "Coupon",
    "Deadline",
    "Dispute",
    "DisputeAttachment",
    "DisputeMessage",
    "EmailCode",
    "ExchangeRate",
    "FavouriteStore",
    "Feedback",
    "FeedbackPhoto",
    "IdempotencyRecord",
    "LinkCode",
    "Notice",
    "NotificationPreference",
    "Order",
    "OrderItem",
    "OrderMessage",
    "OutboundEvent",
    "OutboxMessage",
    "Product",
    "ProductPrice",
    "ProductQuestion",
    "RecentlyViewed",
    "SignInFailure",
    "SpentBudget",
    "Store",
    "StoreCouponOffer",
    "TelegramSession",
    "TrackingEvent",
    "User",
    "WishItem",
    "WishList",
]
