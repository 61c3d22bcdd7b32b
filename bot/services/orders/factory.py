"""Building orders from the marketplace's data (demo data now, the integration API later)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.db.enums import OrderStatus
from bot.db.models import Order, OrderItem, Store


@dataclass(frozen=True)
class NewItem:
    title: str
    unit_price_minor: int
    quantity: int = 1
    variant: str | None = None
    product_id: int | None = None


def search_text_for(number: str, titles: Sequence[str], store_name: str) -> str:
    """What order search matches against, case-folded once at write time (Cyrillic too)."""
    return " ".join(" ".join([number, *titles, store_name]).casefold().split())


def build_order(
    *,
    buyer_id: int,
    store: Store,
    number: str,
    currency: str,
    items: Sequence[NewItem],
    placed_at: datetime,
    shipping_address: dict[str, Any],
    shipping_minor: int = 0,
) -> Order:
    """A new order awaiting payment, with its totals and search text computed once."""
    if not items:
        msg = "an order needs at least one item"
        raise ValueError(msg)
    items_total = sum(item.unit_price_minor * item.quantity for item in items)
    return Order(
        buyer_id=buyer_id,
        store_id=store.id,
        number=number,
        status=OrderStatus.AWAITING_PAYMENT,
        currency=currency.upper(),
        items_total_minor=items_total,
        shipping_minor=shipping_minor,
        total_minor=items_total + shipping_minor,
        headline=items[0].title,
        item_count=len(items),
        search_text=search_text_for(number, [item.title for item in items], store.name),
        shipping_address=dict(shipping_address),
        placed_at=placed_at,
        updated_at=placed_at,
        items=[
            OrderItem(
                product_id=item.product_id,
                title=item.title,
                variant=item.variant,
                unit_price_minor=item.unit_price_minor,
                quantity=item.quantity,
            )
            for item in items
        ],
    )
