"""Helpers for tests that read the API through its OpenAPI schema.

`operations(schema)` walks the schema's operations; `concrete_url(client, path)` fills a path's
`{parameters}` with a record the client can see (the first one its collection lists), so a test
can call every operation of the schema without knowing the resources by name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")
PARAMETER = re.compile(r"\{(\w+)\}")


def operations(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every (path, method, operation) of the schema, in the schema's order."""
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def request_content_types(operation: dict[str, Any]) -> set[str]:
    return set(operation.get("requestBody", {}).get("content", {}))


def _first_record(payload: Any) -> dict[str, Any] | None:
    rows = payload.get("results") if isinstance(payload, dict) else payload
    return rows[0] if isinstance(rows, list) and rows else None


def concrete_url(client, path: str) -> str | None:
    """`path` with each `{name}` replaced by that field of the first record listed at the path
    before it (`/meetings/{id}/` → the first meeting's id), or None when that list is empty."""
    url = ""
    position = 0
    for match in PARAMETER.finditer(path):
        collection = url + path[position : match.start()]
        response = client.get(collection)
        if response.status_code != 200:
            return None
        record = _first_record(response.json())
        if record is None or match.group(1) not in record:
            return None
        url = collection + str(record[match.group(1)])
        position = match.end()
    return url + path[position:]
