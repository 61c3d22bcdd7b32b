"""From database rows to the API's response models."""

from __future__ import annotations

from bot.api import schemas as s
from bot.db.models import Order, Product, ProductPrice, User
from bot.services.orders.sync import OrderDetails


def buyer_out(user: User) -> s.BuyerOut:
    return s.BuyerOut(
        id=user.id,
        external_id=user.external_id,
        email=user.email,
        name=user.first_name,
        locale=user.locale,
        telegram_linked=user.telegram_id is not None,
        linked_at=user.linked_at,
        created_at=user.created_at,
        club_level=user.club_level,
    )


def product_out(
    product: Product, store_external_id: str, history: list[ProductPrice]
) -> s.ProductOut:
    return s.ProductOut(
        id=product.id,
        store_external_id=store_external_id,
        external_id=product.external_id or "",
        titles=product.titles,
        stock=product.stock or 0,
        price=s.Money(amount_minor=product.price_minor or 0, currency=product.currency or "USD"),
        price_history=[
            s.PricePoint(amount_minor=p.price_minor, currency=p.currency, changed_at=p.changed_at)
            for p in history
        ],
    )


def order_out(details: OrderDetails) -> s.OrderOut:
    order = details.order
    return s.OrderOut(
        number=order.number,
        buyer_id=order.buyer_id,
        store_external_id=order.store.external_id,
        status=order.status,
        close_reason=order.close_reason,
        currency=order.currency,
        items=[s.ItemOut.model_validate(item) for item in order.items],
        items_total_minor=order.items_total_minor,
        shipping_minor=order.shipping_minor,
        total_minor=order.total_minor,
        shipping_address=order.shipping_address,
        placed_at=order.placed_at,
        paid_at=order.paid_at,
        shipped_at=order.shipped_at,
        delivered_at=order.delivered_at,
        completed_at=order.completed_at,
        closed_at=order.closed_at,
        protection_ends_at=order.protection_ends_at,
        protection_extended_at=order.protection_extended_at,
        auto_confirm_at=order.auto_confirm_at,
        tracking_number=order.tracking_number,
        carrier=order.carrier,
        deleted_by_buyer=order.deleted_at is not None,
        tracking_events=[s.TrackingEventOut.model_validate(event) for event in details.events],
    )


def order_summary(order: Order) -> s.OrderSummary:
    return s.OrderSummary(
        number=order.number,
        status=order.status,
        headline=order.headline,
        total_minor=order.total_minor,
        currency=order.currency,
        placed_at=order.placed_at,
        deleted_by_buyer=order.deleted_at is not None,
    )
