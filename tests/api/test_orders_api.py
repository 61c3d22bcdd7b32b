"""Orders through the API: create, advance through the status machine, tracking, messages."""

from __future__ import annotations

from tests.api.conftest import Api, make_buyer_and_store, order_body


async def test_an_order_is_created_with_totals_and_shows_up_for_the_buyer(api: Api) -> None:
    buyer_id = await make_buyer_and_store(api)

    status, order, _ = await api.post(f"/api/v1/buyers/{buyer_id}/orders", order_body())

    assert status == 201, order
    assert order["status"] == "awaiting_payment"
    assert (order["items_total_minor"], order["total_minor"]) == (4488, 4687)
    assert order["store_external_id"] == "ugreen"
    status, page, _ = await api.get(f"/api/v1/buyers/{buyer_id}/orders")
    assert status == 200
    assert [item["number"] for item in page["items"]] == ["8100000000000001"]


async def test_status_moves_along_the_machine_and_illegal_moves_are_409(api: Api) -> None:
    buyer_id = await make_buyer_and_store(api)
    await api.post(f"/api/v1/buyers/{buyer_id}/orders", order_body())
    path = "/api/v1/orders/8100000000000001/status"

    status, order, _ = await api.post(path, {"status": "awaiting_shipment"})
    assert (status, order["status"]) == (200, "awaiting_shipment")
    status, order, _ = await api.post(
        path,
        {
            "status": "shipped",
            "tracking_number": "LP001CN",
            "carrier": "Cainiao",
            "protection_days": 45,
        },
    )
    assert (status, order["status"], order["tracking_number"]) == (200, "shipped", "LP001CN")
    assert order["protection_ends_at"] == "2027-01-10T12:00:00Z"

    status, error, _ = await api.post(path, {"status": "awaiting_payment"})
    assert status == 409
    assert error["error"]["message"] == "an order cannot move from shipped to awaiting_payment"


async def test_invalid_bodies_are_422_with_field_reasons(api: Api) -> None:
    buyer_id = await make_buyer_and_store(api)
    body = order_body(currency="XYZ", items=[{"title": "", "unit_price_minor": -1, "quantity": 0}])

    status, error, _ = await api.post(f"/api/v1/buyers/{buyer_id}/orders", body)

    assert status == 422
    fields = {item["field"] for item in error["error"]["fields"]}
    assert {
        "body.currency",
        "body.items.0.title",
        "body.items.0.unit_price_minor",
        "body.items.0.quantity",
    } <= fields


async def test_unknown_ids_are_404(api: Api) -> None:
    await make_buyer_and_store(api)
    assert (await api.post("/api/v1/buyers/999/orders", order_body()))[0] == 404
    assert (await api.get("/api/v1/orders/0000"))[0] == 404
    assert (await api.get("/api/v1/buyers/abc"))[0] == 404


async def test_products_keep_their_price_history_and_list_by_store(api: Api) -> None:
    await make_buyer_and_store(api)
    await api.put("/api/v1/stores/baseus", {"name": "Baseus"})
    product = {
        "store_external_id": "ugreen",
        "external_id": "hub-7",
        "titles": {"en": "USB-C hub", "ru": "USB-C хаб"},
        "price": {"amount_minor": 3290, "currency": "USD"},
        "stock": 5,
    }
    assert (await api.post("/api/v1/products", product))[0] == 201
    product["price"] = {"amount_minor": 2990, "currency": "USD"}
    assert (await api.post("/api/v1/products", product))[0] == 200
    product["stock"] = 4  # same price: no new history row
    await api.post("/api/v1/products", product)
    other = {**product, "store_external_id": "baseus", "external_id": "cable"}
    await api.post("/api/v1/products", other)

    status, page, _ = await api.get("/api/v1/products?store=ugreen")

    assert (status, page["total"]) == (200, 1)
    [hub] = page["items"]
    assert (hub["store_external_id"], hub["stock"]) == ("ugreen", 4)
    assert [p["amount_minor"] for p in hub["price_history"]] == [2990, 3290]
    _, everything, _ = await api.get("/api/v1/products")
    assert [item["store_external_id"] for item in everything["items"]] == ["ugreen", "baseus"]
    assert (await api.get("/api/v1/products?store=nope"))[0] == 404
