"""OpenAPI schema generation: operation names, and the error answers every operation can give.

drf-spectacular documents each operation's success answer; the errors come from project-wide
machinery (validation, authentication, permissions, throttling, idempotency keys, optimistic
locking, database outages), so they are added here once, for every operation, to keep the
schema truthful for clients and for the schema-driven fuzzing in tests/security.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular import openapi

DETAIL = {"$ref": "#/components/schemas/ErrorDetail"}
FIELDS = {"$ref": "#/components/schemas/FieldErrors"}

COMPONENTS = {
    "ErrorDetail": {
        "type": "object",
        "description": "An error with a human-readable explanation.",
        "properties": {"detail": {"type": "string"}},
        "additionalProperties": True,
    },
    "FieldErrors": {
        "type": "object",
        "description": "What is wrong with the request, by field name (or non_field_errors).",
        "additionalProperties": True,
    },
}


# What `?format=` answers with, for list operations that offer file downloads.
FORMAT_MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FILE = {"type": "string", "format": "binary"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors_for(
    method: str, has_path_parameters: bool, has_input: bool, paginated: bool = False, has_body: bool = False
) -> dict[str, dict[str, Any]]:
    errors = {
        "401": _json(DETAIL, "Not signed in, or the token is invalid or revoked."),
        "403": _json(DETAIL, "Signed in, but this role may not do this."),
        "406": _json(DETAIL, "The requested format (Accept header or ?format=) is not offered."),
        "429": _json(DETAIL, "Too many requests; retry after the time in Retry-After."),
        "503": _json(DETAIL, "The database is temporarily unavailable; retry after Retry-After."),
    }
    if has_input or method in {"post", "put", "patch"}:
        errors["400"] = _json(FIELDS, "The request is invalid; the body names each field.")
    if has_path_parameters:
        errors["404"] = _json(DETAIL, "No such record, or it is not visible to you.")
    elif paginated:
        errors["404"] = _json(DETAIL, "No such page: the page number is past the last page.")
    if has_body:
        errors["415"] = _json(
            DETAIL, "The body's Content-Type is not one this operation reads; the answer names those it reads."
        )
    if method in {"post", "put", "patch", "delete"}:
        errors["409"] = _json(DETAIL, "A request with the same Idempotency-Key is still in progress.")
        errors["422"] = _json(FIELDS, "The Idempotency-Key was already used for a different request.")
    return errors


def add_error_responses(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    """POSTPROCESSING_HOOKS entry: add the shared error answers to each operation without one."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in COMPONENTS.items():
        schemas.setdefault(name, schema)
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            parameters = operation.get("parameters", [])
            has_path = any(p.get("in") == "path" for p in parameters)
            has_input = bool(parameters) or "requestBody" in operation
            paginated = any(p.get("in") == "query" and p.get("name") == "page" for p in parameters)
            responses = operation.setdefault("responses", {})
            errors = _errors_for(method, has_path, has_input, paginated, has_body="requestBody" in operation)
            for status, response in errors.items():
                responses.setdefault(status, response)
            _add_download_formats(parameters, responses)
    return result


ENUM_KEYS = {"type", "enum", "description"}


def share_parameter_enums(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    """POSTPROCESSING_HOOKS entry: a query parameter that takes exactly the values of a named enum
    (`kind` of a meeting list, `status` of action items) refers to that enum, so a generated
    client takes `MeetingKindEnum` there too instead of one enum per operation."""
    schemas = result.get("components", {}).get("schemas", {})
    by_values: dict[frozenset, list[str]] = {}
    for name, schema in schemas.items():
        if "enum" in schema:
            by_values.setdefault(frozenset(schema["enum"]), []).append(name)
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            for parameter in operation.get("parameters", []):
                if parameter.get("in") != "query" or "schema" not in parameter:
                    continue
                schema = parameter["schema"]
                holder, key = (schema, "items") if schema.get("type") == "array" else (parameter, "schema")
                inner = holder.get(key, {})
                names = by_values.get(frozenset(inner.get("enum", ())), [])
                if len(names) == 1 and set(inner) <= ENUM_KEYS:
                    holder[key] = {"$ref": f"#/components/schemas/{names[0]}"}
    return result


def _add_download_formats(parameters: list[dict[str, Any]], responses: dict[str, Any]) -> None:
    """A `?format=csv|xlsx` download answers 200 with a file instead of JSON: say so."""
    formats = next(
        (
            p.get("schema", {}).get("enum", [])
            for p in parameters
            if p.get("in") == "query" and p.get("name") == "format"
        ),
        [],
    )
    ok = responses.get("200")
    if not ok or "content" not in ok:
        return
    for fmt in formats:
        if fmt in FORMAT_MEDIA_TYPES:
            ok["content"].setdefault(FORMAT_MEDIA_TYPES[fmt], {"schema": FILE})


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema for a view, naming a viewset's extra action after the action alone
    (`planned_meetings_reply`, not `planned_meetings_reply_create`): the name a generated client
    gives the function that calls it."""

    def get_operation_id(self) -> str:
        operation_id = super().get_operation_id()
        action = getattr(self.view, "action", None)
        handler = getattr(self.view, action, None) if action else None
        methods = getattr(handler, "mapping", None)
        if (
            methods is not None
            and len(methods) == 1
            and operation_id.endswith(f"_{action}_{self.method_mapping[self.method.lower()]}")
        ):
            return operation_id.rsplit("_", 1)[0]
        return operation_id
