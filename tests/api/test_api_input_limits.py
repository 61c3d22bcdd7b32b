"""Input the database cannot take is refused at the door: a NUL character in any text, an id
beyond the 32-bit columns, a date the database cannot store; a 422 that names the field (or a
404 for an id in the path), never a 500, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from tests.api.conftest import Api, make_buyer_and_store, order_body

NUL = "\x00"


async def test_a_nul_in_a_nested_text_is_422_naming_the_field(api: Api) -> None:
    buyer_id = await make_buyer_and_store(api)
    items = [{"title": f"USB-C hub{NUL}", "unit_price_minor": 3290, "quantity": 1}]

    status, error, _ = await api.post(f"/api/v1/buyers/{buyer_id}/orders", order_body(items=items))

    assert (status, error["error"]["code"]) == (422, "invalid_request"), error
    [field] = error["error"]["fields"]
    assert field["field"] == "body.items.0.title"
    assert "NUL" in field["message"]


async def test_a_nul_anywhere_in_a_body_is_422_and_nothing_is_stored(api: Api) -> None:
    for body, where in (
        ({"external_id": "b-1", "name": f"{NUL}Anna"}, "body.name"),
        ({"email": f"anna{NUL}@example.com"}, "body.email"),
    ):
        status, error, _ = await api.post("/api/v1/buyers", body)
        assert status == 422, error
        assert [item["field"] for item in error["error"]["fields"]] == [where]
    status, page, _ = await api.get("/api/v1/buyers")
    assert (status, page["total"]) == (200, 0)
