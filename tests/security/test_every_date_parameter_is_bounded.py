"""Every date parameter of every page, API answer and report accepts only 1990-01-01 to five years
ahead: an absurd or out-of-range value gets a 400 naming the parameter (API) or a form message
(pages), never a server error."""

from __future__ import annotations

import pytest
from django.test import Client

from partners.dates import EARLIEST, latest
from tests.security.matrix import all_routes, build_url, declared_methods, matrix_objects

pytestmark = pytest.mark.django_db

EXTREMES = ("0001-06-01", "9999-12-31", "2024-02-30", "99999-01-01", "-1")
DATE_PARAMETERS = ("since", "until", "date", "renewal_before", "due_before")
MESSAGES = (
    "Enter a date between 1990 and five years from now.",
    "Enter a real date as YYYY-MM-DD",
    "Enter a date as YYYY-MM-DD",
)

# Every route that reads a date parameter: its name, the parameters, extra query it needs.
DATE_ROUTES: dict[str, tuple[tuple[str, ...], dict]] = {
    "partners:meeting_list": (("since", "until"), {}),
    "partners:partnership_list": (("renewal_before",), {}),
    "health:coalition_equity": (("since", "until"), {}),
    "reports:coalition_report": (("since", "until"), {}),
    "reports:coalition_report_pdf": (("since", "until"), {}),
    "imports:export": (("since", "until"), {"resource": "meetings"}),
    "api:meeting-list": (("since", "until"), {}),
    "api:planned-meeting-list": (("since", "until"), {}),
    "api:action-item-list": (("due_before",), {}),
    "partners:action_item_list": (("due_before",), {"whose": "all"}),
    "api:partnership-list": (("renewal_before",), {}),
    "api:organization-collaborators": (("since", "until"), {}),
    "api:analytics-collaborations": (("since", "until"), {}),
    "api:analytics-network": (("since", "until"), {}),
    "api:analytics-sector-matrix": (("since", "until"), {}),
    "api:analytics-timeline": (("since", "until"), {}),
    "health:equity_api": (("since", "until"), {"coalition": "coalition-a"}),
}


def _gets(route) -> bool:
    methods = declared_methods(route)
    return methods is None or "GET" in methods


@pytest.fixture
def admin_client(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.admin)
    return client


def _url(route, objects, extra: dict) -> str:
    url = build_url(route, objects)
    if route.name == "imports:export":
        url = url.replace("organizations.csv", f"{extra['resource']}.csv")
    return url


def test_the_bounds_are_1990_to_five_years_ahead():
    assert EARLIEST.isoformat() == "1990-01-01"
    assert (latest() - EARLIEST).days > 0


def test_every_route_answering_a_date_parameter_is_in_the_list(world, admin_client):
    """A route that reacts to an out-of-range date (a 400 or a message) must be in DATE_ROUTES, so
    its every parameter is checked below; and every listed route still exists."""
    objects = matrix_objects(world)
    names = {r.name for r in all_routes()}
    assert set(DATE_ROUTES) <= names
    for route in all_routes():
        if not _gets(route) or route.name in DATE_ROUTES:
            continue
        try:
            url = build_url(route, objects)
        except KeyError:
            continue
        for parameter in DATE_PARAMETERS:
            response = admin_client.get(url, {parameter: "9999-12-31"})
            assert response.status_code < 500, (route.name, parameter)
            body = b"" if response.streaming else response.content
            reacted = response.status_code == 400 or any(m.encode() in body for m in MESSAGES)
            plain = admin_client.get(url)
            assert not reacted or plain.status_code == 400, f"{route.name} reads {parameter}: add it to DATE_ROUTES"


@pytest.mark.parametrize("name", sorted(DATE_ROUTES))
def test_extreme_dates_get_a_400_or_a_form_message_never_a_server_error(world, admin_client, name):
    objects = matrix_objects(world)
    route = next(r for r in all_routes() if r.name == name)
    parameters, extra = DATE_ROUTES[name]
    url = _url(route, objects, extra)
    query = {k: v for k, v in extra.items() if k != "resource"}
    for parameter in parameters:
        for value in EXTREMES:
            response = admin_client.get(url, {**query, parameter: value})
            assert response.status_code < 500, (name, parameter, value)
            body = (b"".join(response.streaming_content) if response.streaming else response.content).decode()
            if url.startswith("/api/") or response.get("Content-Type", "").startswith("application/json"):
                assert response.status_code == 400, (name, parameter, value, response.status_code)
                assert parameter in response.json() or parameter in body, (name, parameter, value)
            else:
                assert response.status_code in (200, 400), (name, parameter, value)
                assert any(m in body for m in MESSAGES), (name, parameter, value)
        # A date inside the range is still accepted.
        response = admin_client.get(url, {**query, parameter: "2024-03-01"})
        assert response.status_code == 200, (name, parameter)
