"""The attention and equity endpoints: parameters, errors naming the field, permissions, and a
query budget that does not grow with the data or the page size."""

import datetime

import pytest

from partners.choices import MeetingKind
from tests import factories as f
from tests.health.conftest import ago

pytestmark = pytest.mark.django_db

ATTENTION = "/api/v1/analytics/attention/"
EQUITY = "/api/v1/analytics/equity/"


def test_attention_api_lists_items_with_kind_reason_and_links(api, task_force):
    api.force_authenticate(task_force.coordinator)
    response = api.get(ATTENTION, {"coalition": task_force.coalition.slug})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 8
    kinds = [r["kind"] for r in body["results"]]
    assert kinds[0] == "strained" and set(kinds) >= {"absent_member", "introduction", "quiet"}
    quiet = next(r for r in body["results"] if r["kind"] == "quiet")
    assert quiet["partnership"]["title"] == "Quiet" and quiet["days"] == 120
    assert quiet["links"][0]["url"].endswith(f"/partnerships/{task_force.quiet.pk}/health/")
    assert {o["slug"] for o in quiet["organizations"]} == {"police", "shelter"}


def test_attention_api_filters_by_kind_and_by_organisation(api, task_force):
    api.force_authenticate(task_force.admin)
    response = api.get(ATTENTION, {"organization": "bank", "kind": "absent_member"})
    assert [r["organizations"][0]["slug"] for r in response.json()["results"]] == ["bank"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "coalition"),
        ({"coalition": "task-force", "organization": "bank"}, "organization"),
        ({"coalition": "no-such-coalition"}, "coalition"),
        ({"organization": "no-such-org"}, "organization"),
        ({"coalition": "task-force", "kind": "gossip"}, "kind"),
        ({"coalition": "task-force", "page_size": "many"}, "page_size"),
    ],
)
def test_attention_api_bad_input_is_a_400_naming_the_field(api, task_force, params, field):
    api.force_authenticate(task_force.coordinator)
    response = api.get(ATTENTION, params)
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "coalition"),
        ({"coalition": "nope"}, "coalition"),
        ({"coalition": "task-force", "since": "yesterday"}, "since"),
        ({"coalition": "task-force", "since": "2024-05-01", "until": "2024-01-01"}, "since"),
    ],
)
def test_equity_api_bad_input_is_a_400_naming_the_field(api, task_force, params, field):
    api.force_authenticate(task_force.coordinator)
    response = api.get(EQUITY, params)
    assert response.status_code == 400 and field in response.json()


def test_equity_api_returns_the_figures_with_their_explanations(api, task_force):
    api.force_authenticate(task_force.outsider)
    response = api.get(EQUITY, {"coalition": "task-force", "since": ago(100).isoformat(), "until": ago(0).isoformat()})
    assert response.status_code == 200
    body = response.json()
    assert body["totals"]["members"] == 6 and body["totals"]["leaders"] == 2
    assert body["since"] == ago(100).isoformat()
    assert set(body["explanations"]) >= {"gini", "top_five_share", "cross_sector_share", "composition"}


@pytest.mark.parametrize("url", [ATTENTION + "?coalition=task-force", EQUITY + "?coalition=task-force"])
def test_anonymous_callers_are_refused(api, task_force, url):
    assert api.get(url).status_code in (401, 403)


def test_pages_send_anonymous_visitors_to_sign_in_and_hide_unknown_coalitions(client, task_force):
    for url in (
        "/coalitions/task-force/attention/",
        "/coalitions/task-force/equity/",
        "/organizations/bank/attention/",
    ):
        assert client.get(url).status_code == 302
    client.force_login(task_force.outsider)
    assert client.get("/coalitions/nope/attention/").status_code == 404
    assert client.get("/coalitions/nope/equity/").status_code == 404
    assert client.get("/organizations/nope/attention/").status_code == 404
    page = client.get("/coalitions/task-force/equity/?since=2024-05-01&until=2024-01-01")
    assert page.status_code == 400 and "since" in page.context["form"].errors


def test_attention_page_filters_by_kind(client, task_force):
    client.force_login(task_force.coordinator)
    response = client.get("/coalitions/task-force/attention/", {"kind": "quiet"})
    assert response.status_code == 200
    assert [i.kind for i in response.context["items"]] == ["quiet"] and response.context["total"] == 8


def _grow(task_force, n):
    """Add n more members, partnerships and activities to the task force."""
    c = task_force.coalition
    for i in range(n):
        org = f.organization(f"Extra {i}", sector_slug="faith-based")
        f.membership(org, c, start=ago(400))
        p = f.partnership([org, task_force.ngo], f"Extra partnership {i}", coalition=c, start_date=ago(400))
        f.meeting([org, task_force.ngo], date=ago(10 + i), kind=MeetingKind.TRAINING, coalition=c, partnership=p)


# Attention for a coalition, as a coordinator (15 measured): user (1), role lookups (2), the
# partnerships with their joint activity (1) and organisations (1), check-in quarters (1),
# the last K meetings (1), members (1), who came (1), when absentees last came (1), complementary
# pairs (1), current members (1), neighbours (1), partnerships of the candidates (1), shared
# partner names (1); three spare for a role lookup or a count.
ATTENTION_BUDGET = 18


@pytest.mark.parametrize("page_size", [1, 50])
def test_attention_api_queries_do_not_grow_with_page_size_or_data(
    api, task_force, django_assert_max_num_queries, page_size
):
    api.force_authenticate(task_force.coordinator)
    with django_assert_max_num_queries(ATTENTION_BUDGET):
        assert api.get(ATTENTION, {"coalition": "task-force", "page_size": page_size}).status_code == 200
    _grow(task_force, 6)
    with django_assert_max_num_queries(ATTENTION_BUDGET):
        assert api.get(ATTENTION, {"coalition": "task-force", "page_size": page_size}).status_code == 200


@pytest.mark.parametrize("grow", [0, 8])
def test_attention_page_queries_stay_within_budget(client, task_force, django_assert_max_num_queries, grow):
    _grow(task_force, grow)
    client.force_login(task_force.coordinator)
    with django_assert_max_num_queries(ATTENTION_BUDGET + 2):  # + session
        assert client.get("/coalitions/task-force/attention/").status_code == 200


# Equity (29 measured): user and role lookups (3), then a fixed set per figure: members and
# leaders by sector (2), activity by sector (1), meetings (1), sectors (1), bands (2 x 4),
# participation per organisation (1), member ids (1), top five names and slugs (2), pairs (1),
# survivor-led (4), composition by sector (2) and by role and overall (4).
EQUITY_BUDGET = 31


@pytest.mark.parametrize("grow", [0, 8])
def test_equity_api_and_page_queries_do_not_grow_with_data(
    api, client, task_force, django_assert_max_num_queries, grow
):
    _grow(task_force, grow)
    api.force_authenticate(task_force.coordinator)
    with django_assert_max_num_queries(EQUITY_BUDGET):
        assert api.get(EQUITY, {"coalition": "task-force"}).status_code == 200
    client.force_login(task_force.coordinator)
    with django_assert_max_num_queries(EQUITY_BUDGET + 4):  # + session and the form's coalition
        assert client.get("/coalitions/task-force/equity/").status_code == 200


@pytest.mark.parametrize("grow", [0, 8])
def test_health_page_queries_do_not_grow_with_history(client, task_force, django_assert_max_num_queries, grow):
    from health.services import repair_entry_create

    for i in range(grow):
        repair_entry_create(
            actor=task_force.coordinator,
            partnership=task_force.strained,
            cause="funding",
            action="mediation",
            raised_on=datetime.date(2024, 1, i + 1),
        )
        task_force.strained.status = "active" if i % 2 else "strained"
        task_force.strained.save()
    client.force_login(task_force.ngo_staff)
    # 11 measured: session, user, partnership and organisations, roles (2), joint activity,
    # check-in quarters, timeline, check-in periods, repair log.
    with django_assert_max_num_queries(13):
        assert client.get(f"/partnerships/{task_force.strained.pk}/health/").status_code == 200
