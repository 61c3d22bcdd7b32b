"""The OpenAPI 3.1 document, generated from the route table and its pydantic models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from bot.api.idempotency import WAIT
from bot.api.routing import Route
from bot.api.schemas import Error, Health

REF = "#/components/schemas/{model}"
ERROR_TEXT = {
    401: "Missing or wrong bearer token",
    404: "Not found",
    409: "Conflict with the current state",
    413: "Request body too large",
    422: "Invalid request (field-level reasons)",
    429: "Too many wrong tokens from this address; retry after Retry-After seconds",
}

RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds until this address may try a token again",
        "schema": {"type": "integer", "minimum": 1},
    }
}


def _schemas(routes: tuple[Route, ...]) -> tuple[dict[Any, dict[str, Any]], dict[str, Any]]:
    models: set[tuple[type[BaseModel], str]] = {(Error, "serialization"), (Health, "serialization")}
    for route in routes:
        models.add((route.response, "serialization"))
        if route.body is not None:
            models.add((route.body, "validation"))
    ordered = sorted(models, key=lambda pair: (pair[0].__name__, pair[1]))
    refs, definitions = models_json_schema(ordered, ref_template=REF)
    return refs, definitions.get("$defs", {})


def _not_null(schema: dict[str, Any]) -> dict[str, Any]:
    """A query parameter is left out rather than null: `X | None` documents as X."""
    options = [option for option in schema.get("anyOf", []) if option != {"type": "null"}]
    if len(options) != 1:
        return schema
    rest = {key: value for key, value in schema.items() if key not in {"anyOf", "default"}}
    return {**options[0], **rest}


def _parameters(route: Route) -> list[dict[str, Any]]:
    params = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": param.schema,
        }
        for name, param in route.path_params.items()
    ]
    if route.query is not None:
        query_schema = route.query.model_json_schema()
        for name, prop in query_schema.get("properties", {}).items():
            schema = _not_null(prop)
            params.append({"name": name, "in": "query", "required": False, "schema": schema})
    if route.method == "POST":
        params.append(
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": False,
                "description": (
                    "Retrying with the same key returns the first result; a retry while the "
                    f"first request still runs waits for its result (up to "
                    f"{WAIT.total_seconds():g} s, then 409 idempotency_key_in_progress)."
                ),
                "schema": {"type": "string", "minLength": 1, "maxLength": 200},
            }
        )
    return params


def _error_statuses(route: Route) -> list[int]:
    """What any route of its shape can answer besides its own errors."""
    statuses = {*route.errors, 429}  # every route needs the token, and guessing it is slowed
    if route.path_params:
        statuses.add(404)  # a malformed id matches no route
    if route.method == "POST":
        statuses.update({409, 422})  # a key reused for another request; a malformed key
    if route.query is not None:
        statuses.add(422)  # a bad query parameter
    if route.body is not None:
        statuses.update({413, 422})
    return sorted(statuses)


def _json(ref: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": ref}}


def _links(route: Route, routes: tuple[Route, ...]) -> dict[str, Any]:
    """OpenAPI links from a route that creates something to the routes that read or change it,
    so clients (and schemathesis' stateful tests) know where the ids come from."""
    links = {}
    for target in routes:
        params = set(target.path_params)
        if target is route or not params or not params <= set(route.produces):
            continue
        links[target.handler.__name__] = {
            "operationId": target.handler.__name__,
            "parameters": {name: f"$response.body#{route.produces[name]}" for name in params},
        }
    return links


def build_openapi(routes: tuple[Route, ...], version: str) -> dict[str, Any]:
    refs, components = _schemas(routes)
    paths: dict[str, dict[str, Any]] = {
        "/healthz": {
            "get": {
                "summary": "Liveness and database reachability (no token needed)",
                "operationId": "health",
                "tags": ["operations"],
                "security": [],
                "responses": {
                    "200": {"description": "OK", "content": _json(refs[(Health, "serialization")])},
                    "503": {
                        "description": "Database unreachable",
                        "content": _json(refs[(Health, "serialization")]),
                    },
                },
            }
        }
    }
    for route in routes:
        response = {"description": "OK", "content": _json(refs[(route.response, "serialization")])}
        if route.produces:
            response["links"] = _links(route, routes)
        responses: dict[str, Any] = {str(route.status): response}
        for status in route.also:
            responses[str(status)] = (
                response
                if status < 300
                else {
                    "description": ERROR_TEXT[status],
                    "content": _json(refs[(Error, "serialization")]),
                }
            )
        for status in _error_statuses(route):
            responses.setdefault(
                str(status),
                {
                    "description": ERROR_TEXT[status],
                    "content": _json(refs[(Error, "serialization")]),
                    **({"headers": RETRY_AFTER} if status == 429 else {}),
                },
            )
        operation: dict[str, Any] = {
            "summary": route.summary,
            "operationId": route.handler.__name__,
            "tags": [route.tag],
            "parameters": _parameters(route),
            "responses": responses,
        }
        if route.body is not None:
            operation["requestBody"] = {
                "required": True,
                "content": _json(refs[(route.body, "validation")]),
            }
        paths.setdefault(route.path, {})[route.method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Cabinet bot integration API",
            "version": version,
            "description": (
                "How a marketplace keeps the buyer cabinet current. Every route except "
                "/healthz needs `Authorization: Bearer <API_TOKEN>`. Money is integer minor "
                "units with an ISO 4217 currency; times are RFC 3339 with an offset."
            ),
        },
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
