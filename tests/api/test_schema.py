"""The OpenAPI schema validates, describes every route of the API, and the docs page renders."""

import re

import pytest
import yaml
from django.core.management import call_command

from coalition.urls import api_v1

pytestmark = pytest.mark.django_db

ROUTES = {
    "/api/v1/sectors/": {"get"},
    "/api/v1/sectors/{slug}/": {"get"},
    "/api/v1/organizations/": {"get", "post"},
    "/api/v1/organizations/{slug}/": {"get", "put", "patch", "delete"},
    "/api/v1/organizations/{slug}/collaborators/": {"get"},
    "/api/v1/contacts/": {"get", "post"},
    "/api/v1/contacts/{id}/": {"get", "put", "patch", "delete"},
    "/api/v1/coalitions/": {"get", "post"},
    "/api/v1/coalitions/{slug}/": {"get", "put", "patch", "delete"},
    "/api/v1/memberships/": {"get", "post"},
    "/api/v1/memberships/{id}/": {"get", "put", "patch", "delete"},
    "/api/v1/partnerships/": {"get", "post"},
    "/api/v1/partnerships/{id}/": {"get", "put", "patch", "delete"},
    "/api/v1/meetings/": {"get", "post"},
    "/api/v1/meetings/{id}/": {"get", "put", "patch", "delete"},
    "/api/v1/planned-meetings/": {"get", "post"},
    "/api/v1/planned-meetings/{id}/": {"get", "put", "patch"},
    "/api/v1/planned-meetings/{id}/cancel/": {"post"},
    "/api/v1/planned-meetings/{id}/reply/": {"post"},
    "/api/v1/planned-meetings/{id}/attendance/": {"post"},
    "/api/v1/planned-meetings/{id}/minutes/": {"post"},
    "/api/v1/action-items/": {"get", "post"},
    "/api/v1/action-items/{id}/": {"get", "put", "patch"},
    "/api/v1/tokens/": {"get", "post"},
    "/api/v1/tokens/{id}/": {"get", "delete"},
    "/api/v1/analytics/collaborations/": {"get"},
    "/api/v1/analytics/sector-matrix/": {"get"},
    "/api/v1/analytics/network/": {"get"},
    "/api/v1/analytics/timeline/": {"get"},
}


@pytest.fixture(scope="module")
def schema(tmp_path_factory, django_db_blocker) -> dict:
    path = tmp_path_factory.mktemp("schema") / "schema.yml"
    with django_db_blocker.unblock():
        # Raises on any warning or validation error.
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    return yaml.safe_load(path.read_text())


def operation_params(schema, path, method) -> set[str]:
    return {p["name"] for p in schema["paths"][path][method].get("parameters", [])}


def route_paths() -> set[str]:
    """Every route of the API v1 (analytics and partners), in the schema's `{name}` notation."""
    paths = set()
    for pattern in api_v1[0]:
        text = str(pattern.pattern)
        if "(?P<format>" in text or pattern.name == "api-root":
            continue  # `.json` suffix variants and the browsable index are not operations
        text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", text.strip("^$"))
        text = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", text)
        paths.add(f"/api/v1/{text}".replace("{pk}", "{id}"))  # the schema names primary keys `id`
    return paths


def test_the_schema_lists_every_route_of_the_api(schema):
    assert route_paths() == set(ROUTES)
    for path, methods in ROUTES.items():
        assert set(schema["paths"][path]) - {"parameters"} == methods, path


def test_list_endpoints_document_their_filters_and_pagination(schema):
    assert {"sector", "coalition", "area", "form", "q", "ordering", "page", "page_size"} <= operation_params(
        schema, "/api/v1/organizations/", "get"
    )
    assert {"since", "until", "kind", "organization", "cursor", "pagination"} <= operation_params(
        schema, "/api/v1/meetings/", "get"
    )


def test_analytics_document_their_filters_and_responses(schema):
    for path in ROUTES:
        if "/analytics/" in path or path.endswith("/collaborators/"):
            assert {"coalition", "sector", "kind", "since", "until"} <= operation_params(schema, path, "get"), path
    assert {"ordering", "min_count"} <= operation_params(schema, "/api/v1/analytics/collaborations/", "get")
    network = schema["paths"]["/api/v1/analytics/network/"]["get"]["responses"]["200"]["content"]
    assert {"application/json", "application/graphml+xml", "application/gexf+xml"} <= set(network)


def test_writes_document_if_match_and_412(schema):
    for method in ("put", "patch", "delete"):
        operation = schema["paths"]["/api/v1/meetings/{id}/"][method]
        assert "If-Match" in operation_params(schema, "/api/v1/meetings/{id}/", method)
        assert "412" in operation["responses"]


def test_schema_and_docs_are_served(client):
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


def _uploads_a_file(schema: dict, body_schema: dict) -> bool:
    """Whether a request body (or a component it points to) has a binary field: a file."""
    if "$ref" in body_schema:
        body_schema = schema["components"]["schemas"][body_schema["$ref"].rsplit("/", 1)[-1]]
    fields = body_schema.get("properties", {}).values()
    return any(field.get("format") == "binary" for field in fields)


def test_every_write_advertises_only_the_content_types_it_reads(schema):
    """JSON for every write (nested lists such as participations cannot travel as form fields);
    multipart only, and alone, where a file is uploaded. Never urlencoded forms."""
    checked = 0
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method == "parameters" or "requestBody" not in operation:
                continue
            content = operation["requestBody"]["content"]
            uploads = any(_uploads_a_file(schema, media.get("schema", {})) for media in content.values())
            expected = {"multipart/form-data"} if uploads else {"application/json"}
            assert set(content) == expected, f"{method.upper()} {path}"
            assert "415" in operation["responses"], f"{method.upper()} {path}"
            checked += 1
    assert checked >= 19  # every create, update and partial update of the resources above


def test_operations_are_named_by_resource_so_generated_clients_group_them(schema):
    """Operation ids and tags drop the `/api/v1` prefix: `meetings_create`, tag `meetings`."""
    ids = [op["operationId"] for item in schema["paths"].values() for m, op in item.items() if m != "parameters"]
    assert len(ids) == len(set(ids))
    assert not [i for i in ids if i.startswith(("api_", "v1_"))]
    assert schema["paths"]["/api/v1/meetings/"]["post"]["operationId"] == "meetings_create"
    assert schema["paths"]["/api/v1/meetings/"]["post"]["tags"] == ["meetings"]
    # A filter taking a named enum's values takes that enum, in every operation.
    kinds = [p for p in schema["paths"]["/api/v1/meetings/"]["get"]["parameters"] if p["name"] == "kind"]
    assert kinds[0]["schema"]["items"] == {"$ref": "#/components/schemas/MeetingKindEnum"}
    # An extra action is named by what it does, not by its HTTP method (`..._reply_create`).
    assert schema["paths"]["/api/v1/planned-meetings/{id}/reply/"]["post"]["operationId"] == "planned_meetings_reply"
