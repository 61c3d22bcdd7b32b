"""The integration API's routes: thin handlers from validated bodies to services and back."""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel

from bot.api import schemas as s
from bot.api.contract import MAX_ID
from bot.api.coupons import coupon_routes
from bot.api.disputes import dispute_routes
from bot.api.exchange_rates import exchange_rate_routes
from bot.api.feedback import feedback_routes
from bot.api.mapping import buyer_out, order_out, order_summary, product_out
from bot.api.message_center import message_center_routes
from bot.api.routing import Call, PathParam, Route
from bot.db.models import User
from bot.services import catalog
from bot.services.accounts import sync as accounts
from bot.services.orders import sync as order_sync

ID = PathParam(r"[1-9][0-9]{0,9}", {"type": "integer", "minimum": 1, "maximum": MAX_ID})
NUMBER = PathParam(r"[0-9A-Za-z-]{4,32}", {"type": "string", "pattern": r"^[0-9A-Za-z-]{4,32}$"})
EXTERNAL = PathParam(
    r"[A-Za-z0-9._:-]{1,64}", {"type": "string", "pattern": r"^[A-Za-z0-9._:-]{1,64}$"}
)


async def _linked(call: Call, user: User, status: int) -> tuple[int, BaseModel]:
    call.buyer_id = user.id
    link = None
    if user.telegram_id is None:
        ttl = timedelta(hours=call.settings.link_code_ttl_hours)
        code, expires = await accounts.issue_link_code(call.uow, user.id, call.now, ttl)
        username = call.extras.get("bot_username")
        url = f"https://t.me/{username}?start={code}" if username else None
        link = s.DeepLink(start_parameter=code, url=url, expires_at=expires)
    return status, s.BuyerLinked(**buyer_out(user).model_dump(), link=link)


async def put_buyer(call: Call) -> tuple[int, BaseModel]:
    body: s.BuyerIn = call.body
    spec = accounts.AccountSpec(
        body.external_id, body.email, body.name, body.locale, body.club_level
    )
    user, created = await accounts.upsert_account(call.uow, spec, call.now)
    return await _linked(call, user, 201 if created else 200)


async def new_link(call: Call) -> tuple[int, BaseModel]:
    user = await accounts.get_account(call.uow, int(call.path["buyer_id"]))
    return await _linked(call, user, 201)


async def get_buyer(call: Call) -> tuple[int, BaseModel]:
    return 200, buyer_out(await accounts.get_account(call.uow, int(call.path["buyer_id"])))


async def list_buyers(call: Call) -> tuple[int, BaseModel]:
    q: s.PageQuery = call.query
    users, total = await accounts.list_accounts(call.uow, q.offset, q.limit)
    items = [buyer_out(user) for user in users]
    return 200, s.BuyerPage(items=items, total=total, limit=q.limit, offset=q.offset)


async def put_store(call: Call) -> tuple[int, BaseModel]:
    store, created = await catalog.upsert_store(
        call.uow, call.path["external_id"], call.body.name, call.now
    )
    return (201 if created else 200), s.StoreOut.model_validate(store)


async def list_stores(call: Call) -> tuple[int, BaseModel]:
    q: s.PageQuery = call.query
    stores, total = await catalog.list_stores(call.uow, q.offset, q.limit)
    items = [s.StoreOut.model_validate(store) for store in stores]
    return 200, s.StorePage(items=items, total=total, limit=q.limit, offset=q.offset)


async def put_product(call: Call) -> tuple[int, BaseModel]:
    body: s.ProductIn = call.body
    spec = catalog.ProductSpec(
        body.store_external_id,
        body.external_id,
        dict(body.titles),
        body.price.amount_minor,
        body.price.currency,
        body.stock,
    )
    product, history, created = await catalog.upsert_product(call.uow, spec, call.now)
    return (201 if created else 200), product_out(product, body.store_external_id, history)


async def get_product(call: Call) -> tuple[int, BaseModel]:
    product, history = await catalog.get_product(call.uow, int(call.path["product_id"]))
    store_id = await catalog.store_external_id(call.uow, product.store_id)
    return 200, product_out(product, store_id, history)


async def list_products(call: Call) -> tuple[int, BaseModel]:
    q: s.ProductQuery = call.query
    listing = await catalog.list_products(call.uow, q.store, q.offset, q.limit)
    items = [
        product_out(p, listing.store_external_ids[p.store_id], listing.histories[p.id])
        for p in listing.products
    ]
    return 200, s.ProductPage(items=items, total=listing.total, limit=q.limit, offset=q.offset)


async def create_order(call: Call) -> tuple[int, BaseModel]:
    body: s.OrderIn = call.body
    spec = order_sync.OrderSpec(
        number=body.number,
        store_external_id=body.store_external_id,
        currency=body.currency,
        items=[
            order_sync.ItemSpec(
                i.title, i.unit_price_minor, i.quantity, i.variant, i.product_external_id
            )
            for i in body.items
        ],
        shipping_minor=body.shipping_minor,
        shipping_address=body.shipping_address.model_dump(exclude_none=True),
        placed_at=body.placed_at,
        paid_at=body.paid_at,
    )
    details = await order_sync.create_order(call.uow, int(call.path["buyer_id"]), spec, call.now)
    return 201, order_out(details)


async def list_orders(call: Call) -> tuple[int, BaseModel]:
    q: s.PageQuery = call.query
    orders, total = await order_sync.list_buyer_orders(
        call.uow, int(call.path["buyer_id"]), q.offset, q.limit
    )
    items = [order_summary(order) for order in orders]
    return 200, s.OrderPage(items=items, total=total, limit=q.limit, offset=q.offset)


async def get_order(call: Call) -> tuple[int, BaseModel]:
    return 200, order_out(await order_sync.get_order(call.uow, call.path["number"]))


async def change_status(call: Call) -> tuple[int, BaseModel]:
    body: s.StatusIn = call.body
    change = order_sync.StatusChange(
        body.status,
        body.at,
        body.close_reason,
        body.protection_days,
        body.tracking_number,
        body.carrier,
        body.auto_confirm_at,
    )
    details = await order_sync.change_status(
        call.uow,
        call.path["number"],
        change,
        call.now,
        call.settings.default_protection_days,
        call.rules.feedback.window_days,
    )
    call.buyer_id = details.order.buyer_id
    return 200, order_out(details)


async def add_tracking(call: Call) -> tuple[int, BaseModel]:
    body: s.TrackingIn = call.body
    events = [
        order_sync.TrackingSpec(
            e.carrier_event_id, e.occurred_at, e.description, e.kind, e.location
        )
        for e in body.events
    ]
    details, added = await order_sync.add_tracking_events(
        call.uow, call.path["number"], events, call.now
    )
    call.buyer_id = details.order.buyer_id
    return 200, s.TrackingResult(added=added, order=order_out(details))


async def add_message(call: Call) -> tuple[int, BaseModel]:
    body: s.MessageIn = call.body
    message, created = await order_sync.add_seller_message(
        call.uow,
        call.path["number"],
        body.external_id,
        body.text,
        body.sent_at,
        call.now,
        sender=body.sender,
    )
    call.buyer_id = (await order_sync.get_order(call.uow, call.path["number"])).order.buyer_id
    return (201 if created else 200), s.MessageOut.model_validate(message)


async def list_messages(call: Call) -> tuple[int, BaseModel]:
    q: s.PageQuery = call.query
    messages = await order_sync.list_messages(call.uow, call.path["number"], q.offset, q.limit)
    items = [s.MessageOut.model_validate(message) for message in messages]
    return 200, s.MessagePage(items=items, limit=q.limit, offset=q.offset)


V1 = "/api/v1"
ROUTES: tuple[Route, ...] = (
    Route(
        "POST",
        f"{V1}/buyers",
        put_buyer,
        "Create or update a buyer; get a one-time Telegram link",
        "buyers",
        s.BuyerLinked,
        201,
        body=s.BuyerIn,
        also=(200, 409),
        produces={"buyer_id": "/id"},
    ),
    Route(
        "GET", f"{V1}/buyers", list_buyers, "List buyers", "buyers", s.BuyerPage, query=s.PageQuery
    ),
    Route(
        "GET",
        f"{V1}/buyers/{{buyer_id}}",
        get_buyer,
        "Get a buyer",
        "buyers",
        s.BuyerOut,
        path_params={"buyer_id": ID},
        errors=(401, 404),
    ),
    Route(
        "POST",
        f"{V1}/buyers/{{buyer_id}}/link",
        new_link,
        "Issue a new one-time Telegram link",
        "buyers",
        s.BuyerLinked,
        201,
        path_params={"buyer_id": ID},
        errors=(401, 404),
    ),
    Route(
        "PUT",
        f"{V1}/stores/{{external_id}}",
        put_store,
        "Create or rename a store",
        "stores",
        s.StoreOut,
        200,
        body=s.StoreIn,
        path_params={"external_id": EXTERNAL},
        also=(201,),
        produces={"external_id": "/external_id"},
    ),
    Route(
        "GET", f"{V1}/stores", list_stores, "List stores", "stores", s.StorePage, query=s.PageQuery
    ),
    Route(
        "POST",
        f"{V1}/products",
        put_product,
        "Create or update a product (price changes are kept)",
        "products",
        s.ProductOut,
        201,
        body=s.ProductIn,
        also=(200, 404),
        produces={"product_id": "/id"},
    ),
    Route(
        "GET",
        f"{V1}/products",
        list_products,
        "List products",
        "products",
        s.ProductPage,
        query=s.ProductQuery,
        also=(404,),
    ),
    Route(
        "GET",
        f"{V1}/products/{{product_id}}",
        get_product,
        "Get a product with its price history",
        "products",
        s.ProductOut,
        path_params={"product_id": ID},
        errors=(401, 404),
    ),
    Route(
        "POST",
        f"{V1}/buyers/{{buyer_id}}/orders",
        create_order,
        "Create an order for a buyer",
        "orders",
        s.OrderOut,
        201,
        body=s.OrderIn,
        path_params={"buyer_id": ID},
        also=(404, 409),
        produces={"number": "/number"},
    ),
    Route(
        "GET",
        f"{V1}/buyers/{{buyer_id}}/orders",
        list_orders,
        "List a buyer's orders",
        "orders",
        s.OrderPage,
        query=s.PageQuery,
        path_params={"buyer_id": ID},
        also=(404,),
    ),
    Route(
        "GET",
        f"{V1}/orders/{{number}}",
        get_order,
        "Get an order",
        "orders",
        s.OrderOut,
        path_params={"number": NUMBER},
        errors=(401, 404),
    ),
    Route(
        "POST",
        f"{V1}/orders/{{number}}/status",
        change_status,
        "Advance an order through the status machine",
        "orders",
        s.OrderOut,
        body=s.StatusIn,
        path_params={"number": NUMBER},
        also=(404, 409),
    ),
    Route(
        "POST",
        f"{V1}/orders/{{number}}/tracking-events",
        add_tracking,
        "Add carrier scans (idempotent by carrier_event_id)",
        "orders",
        s.TrackingResult,
        body=s.TrackingIn,
        path_params={"number": NUMBER},
        also=(404,),
    ),
    Route(
        "POST",
        f"{V1}/orders/{{number}}/messages",
        add_message,
        "Add a seller or platform message (idempotent by external_id)",
        "messages",
        s.MessageOut,
        201,
        body=s.MessageIn,
        path_params={"number": NUMBER},
        also=(200, 404),
    ),
    Route(
        "GET",
        f"{V1}/orders/{{number}}/messages",
        list_messages,
        "List an order's messages",
        "messages",
        s.MessagePage,
        query=s.PageQuery,
        path_params={"number": NUMBER},
        also=(404,),
    ),
    *coupon_routes(V1, ID, EXTERNAL),
    *dispute_routes(V1, ID),
    *feedback_routes(V1, NUMBER),
    *message_center_routes(V1, ID),
    *exchange_rate_routes(V1),
)
