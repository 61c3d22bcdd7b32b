"""Input the database cannot take is refused at the door: a NUL character in any text, an id
beyond the 32-bit columns, a date the database cannot store; a 422 that names the field (or a
404 for an id in the path), never a 500, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from bot.api.app import openapi_document
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


MAX_ID = 2**31 - 1


async def test_an_id_beyond_32_bits_in_the_path_is_404_like_any_unknown_id(api: Api) -> None:
    buyer_id = await make_buyer_and_store(api)
    assert (await api.get(f"/api/v1/buyers/{buyer_id}"))[0] == 200
    for unknown in (MAX_ID, MAX_ID + 1, 10**17 + 1, 10**18 - 1):
        for path in (
            f"/api/v1/buyers/{unknown}",
            f"/api/v1/products/{unknown}",
            f"/api/v1/disputes/{unknown}",
            f"/api/v1/buyers/{unknown}/orders",
            f"/api/v1/files/fbp-{unknown}",
        ):
            status, error, _ = await api.get(path)
            assert status == 404, (path, error)
            assert error["error"]["code"].endswith("not_found"), error


def test_the_document_states_the_largest_id() -> None:
    document = openapi_document()
    ids = [
        (f"{path} {param['name']}", param["schema"])
        for path, methods in document["paths"].items()
        for operation in methods.values()
        for param in operation.get("parameters", [])
        if param["in"] == "path" and param["schema"].get("type") == "integer"
    ]
    ids += [
        (f"{model}.{name}", prop)
        for model, schema in document["components"]["schemas"].items()
        for name, prop in schema.get("properties", {}).items()
        if (name == "id" or name.endswith("_id")) and prop.get("type") == "integer"
    ]
    assert len(ids) > 20
    assert {where: schema.get("maximum") for where, schema in ids} == {
        where: MAX_ID for where, _ in ids
    }
