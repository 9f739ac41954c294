"""Attention items become work: acknowledge, assign, snooze (it comes back by itself), resolve
(it comes back only if the condition recurs), with history, on the pages and the API."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from health.models import AttentionEvent, AttentionWork
from health.selectors.attention import (
    attach_work,
    attention_active,
    attention_for_dashboard,
    attention_for_digest,
    coalition_attention,
)
from tests import factories as f
from tests.conftest import as_user

pytestmark = pytest.mark.django_db

ACT = "/attention/item/act/"
API = "/api/v1/attention/"
LIST_API = "/api/v1/analytics/attention/"


def _today():
    return timezone.localdate()


@pytest.fixture
def renewal(world):
    """A partnership of org A and org B in coalition A whose renewal is due in 20 days."""
    return f.partnership(
        [world.org_a, world.org_b],
        coalition=world.coalition_a,
        title="Referral MOU",
        start_date=_today() - datetime.timedelta(days=30),
        renewal_date=_today() + datetime.timedelta(days=20),
    )


def _key(world, partnership, kind="renewal_due"):
    orgs = "-".join(str(pk) for pk in sorted([world.org_a.pk, world.org_b.pk]))
    return f"{kind}:{world.coalition_a.pk}:{partnership.pk}:{orgs}"


def _list_page(client, world, **params):
    return client.get(f"/coalitions/{world.coalition_a.slug}/attention/", params)


def test_the_key_names_kind_coalition_partnership_and_organisations(world, renewal):
    items = [i for i in coalition_attention(viewer=world.coordinator, coalition=world.coalition_a) if i.partnership]
    assert _key(world, renewal) in {i.key for i in items}


def test_a_coordinator_acknowledges_an_item_and_the_list_says_so(client, world, renewal):
    as_user(client, world.coordinator)
    response = client.post(ACT, {"key": _key(world, renewal), "action": "acknowledge", "next": "/dashboard-x/"})
    assert response.status_code == 302 and response["Location"] == "/dashboard-x/"
    work = AttentionWork.objects.get(key=_key(world, renewal))
    assert (work.state, work.acknowledged_by) == ("acknowledged", world.coordinator)
    event = AttentionEvent.objects.get(work=work)
    assert (event.actor, event.action) == (world.coordinator, "acknowledge")
    page = _list_page(client, world).content.decode()
    assert "Acknowledged" in page


def test_assigning_shows_who_is_on_it_to_insiders_only(client, world, renewal):
    as_user(client, world.coordinator)
    response = client.post(ACT, {"key": _key(world, renewal), "action": "assign", "assignee": world.member.pk})
    assert response.status_code == 302
    assert AttentionWork.objects.get().assignee == world.member
    assert "On it: member" in _list_page(client, world).content.decode()
    as_user(client, world.outsider)  # sees the coalition's list, not who works on it
    page = _list_page(client, world).content.decode()
    assert "Referral MOU" in page and "On it: member" not in page


def test_an_item_cannot_be_assigned_to_someone_outside_it(client, world, renewal):
    as_user(client, world.coordinator)
    response = client.post(ACT, {"key": _key(world, renewal), "action": "assign", "assignee": world.outsider.pk})
    assert response.status_code == 400
    assert 'class="field field-assignee"' in response.content.decode()
    assert not AttentionWork.objects.exists()


def test_a_snoozed_item_is_hidden_and_comes_back_by_itself(client, world, renewal):
    until = _today() + datetime.timedelta(days=7)
    as_user(client, world.member)
    response = client.post(
        ACT, {"key": _key(world, renewal), "action": "snooze", "until": until.isoformat(), "reason": "Board meets"}
    )
    assert response.status_code == 302
    assert "Referral MOU" not in _list_page(client, world).content.decode()
    assert "Board meets" in _list_page(client, world, state="snoozed").content.decode()
    later = until
    items = attach_work(
        coalition_attention(viewer=world.member, coalition=world.coalition_a, today=later),
        viewer=world.member,
        today=later,
    )
    back = next(i for i in items if i.key == _key(world, renewal))
    assert back.state == "open" and "snooze that ended" in back.state_note
    assert back in attention_active(items)


@pytest.mark.parametrize(
    ("until", "reason", "field"),
    [
        ("2020-01-01", "Too late", "until"),
        ("9999-01-01", "Far", "until"),
        ("", "No date", "until"),
        (None, "", "reason"),
    ],
)
def test_a_bad_snooze_gets_a_message_beside_the_field_and_changes_nothing(client, world, renewal, until, reason, field):
    as_user(client, world.coordinator)
    data = {"key": _key(world, renewal), "action": "snooze", "reason": reason}
    data["until"] = (_today() + datetime.timedelta(days=3)).isoformat() if until is None else until
    response = client.post(ACT, data)
    assert response.status_code == 400
    assert f'class="field field-{field}"' in response.content.decode()
    assert f'id="id_{field}_helptext"' in response.content.decode()
    assert not AttentionWork.objects.exists() and not AttentionEvent.objects.exists()


def test_a_resolved_item_stays_hidden_until_its_condition_recurs(client, world, renewal):
    as_user(client, world.coordinator)
    assert client.post(ACT, {"key": _key(world, renewal), "action": "resolve", "note": "Renewed"}).status_code == 302
    assert "Referral MOU" not in _list_page(client, world).content.decode()
    assert "Referral MOU" in _list_page(client, world, state="resolved").content.decode()
    # The same renewal date another day: still resolved.
    items = attach_work(
        coalition_attention(viewer=world.coordinator, coalition=world.coalition_a), viewer=world.coordinator
    )
    assert next(i for i in items if i.key == _key(world, renewal)).state == "resolved"
    # A new renewal date that falls due again: the item recurs.
    renewal.renewal_date = _today() + datetime.timedelta(days=40)
    renewal.save()
    page = _list_page(client, world).content.decode()
    assert "Referral MOU" in page and "Came back after it was resolved" in page


def test_resolving_needs_a_note(client, world, renewal):
    as_user(client, world.coordinator)
    response = client.post(ACT, {"key": _key(world, renewal), "action": "resolve", "note": "  "})
    assert response.status_code == 400 and 'class="field field-note"' in response.content.decode()
    assert not AttentionWork.objects.exists()


@pytest.mark.parametrize("persona", ["outsider", "other_coordinator"])
def test_those_outside_the_item_cannot_work_on_it_and_nothing_changes(client, world, renewal, persona):
    as_user(client, getattr(world, persona))
    response = client.post(ACT, {"key": _key(world, renewal), "action": "acknowledge"})
    assert response.status_code == 403
    assert not AttentionWork.objects.exists() and not AttentionEvent.objects.exists()


def test_anonymous_visitors_sign_in_and_unknown_keys_are_404(client, world, renewal):
    response = client.post(ACT, {"key": _key(world, renewal), "action": "acknowledge"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    as_user(client, world.admin)
    for key in ("quiet:1:2:3", "nonsense", "renewal_due:x:y:z", _key(world, renewal, kind="strained")):
        assert client.post(ACT, {"key": key, "action": "acknowledge"}).status_code == 404
    assert not AttentionWork.objects.exists()


def test_the_item_page_shows_the_history(client, world, renewal):
    as_user(client, world.coordinator)
    key = _key(world, renewal)
    client.post(ACT, {"key": key, "action": "acknowledge"})
    client.post(ACT, {"key": key, "action": "assign_me"})
    client.post(ACT, {"key": key, "action": "reopen"})
    page = client.get("/attention/item/", {"key": key}).content.decode()
    for word in ("Acknowledged", "Assigned", "Reopened", "coordinator"):
        assert word in page
    assert AttentionEvent.objects.count() == 3


def test_the_dashboard_and_the_digest_leave_out_snoozed_and_resolved_items(client, world, renewal):
    other = f.partnership(
        [world.org_a, world.org_b],
        coalition=world.coalition_a,
        title="Data sharing",
        start_date=_today() - datetime.timedelta(days=30),
        renewal_date=_today() + datetime.timedelta(days=10),
    )
    as_user(client, world.coordinator)
    client.post(ACT, {"key": _key(world, renewal), "action": "resolve", "note": "Renewed"})
    titles = [row["partnership"].title for row in attention_for_dashboard(viewer=world.coordinator)]
    assert "Referral MOU" not in titles and "Data sharing" in titles
    digest = attention_for_digest(viewer=world.coordinator)
    assert _key(world, other) in {i.key for i in digest} and _key(world, renewal) not in {i.key for i in digest}


# --- API -----------------------------------------------------------------------------------------


def test_the_api_acknowledges_snoozes_and_lists_by_state(api, world, renewal):
    api.force_authenticate(world.coordinator)
    key = _key(world, renewal)
    response = api.post(API, {"key": key, "action": "acknowledge"}, format="json")
    assert response.status_code == 200 and response.json()["work"]["state"] == "acknowledged"
    until = (_today() + datetime.timedelta(days=5)).isoformat()
    response = api.post(API, {"key": key, "action": "snooze", "until": until, "reason": "Waiting"}, format="json")
    assert response.status_code == 200 and response.json()["work"]["snoozed_until"] == until
    listed = api.get(LIST_API, {"coalition": world.coalition_a.slug}).json()["results"]
    assert key not in {r["key"] for r in listed}
    snoozed = api.get(LIST_API, {"coalition": world.coalition_a.slug, "state": "snoozed"}).json()["results"]
    assert [r["key"] for r in snoozed] == [key]
    history = api.get("/api/v1/attention/history/", {"key": key}).json()["history"]
    assert [h["action"] for h in history] == ["snooze", "acknowledge"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"action": "snooze", "until": "2001-01-01", "reason": "x"}, "until"),
        ({"action": "snooze", "until": "9999-12-31", "reason": "x"}, "until"),
        ({"action": "snooze", "until": "tomorrow", "reason": "x"}, "until"),
        ({"action": "resolve", "note": ""}, "note"),
        ({"action": "assign"}, "assignee"),
        ({"action": "dance"}, "action"),
    ],
)
def test_api_bad_input_is_a_400_naming_the_field(api, world, renewal, body, field):
    api.force_authenticate(world.coordinator)
    response = api.post(API, {"key": _key(world, renewal), **body}, format="json")
    assert response.status_code == 400 and field in response.json()
    assert not AttentionWork.objects.exists()


def test_api_outsiders_get_403_and_unknown_items_404(api, world, renewal):
    api.force_authenticate(world.outsider)
    assert api.post(API, {"key": _key(world, renewal), "action": "acknowledge"}, format="json").status_code == 403
    assert api.get("/api/v1/attention/history/", {"key": _key(world, renewal)}).status_code == 403
    assert api.post(API, {"key": "quiet:9:9:9", "action": "acknowledge"}, format="json").status_code == 404
    assert not AttentionWork.objects.exists()


def test_api_writes_take_json_only(api, world, renewal):
    api.force_authenticate(world.coordinator)
    response = api.post(API, {"key": _key(world, renewal), "action": "acknowledge"}, format="multipart")
    assert response.status_code == 415
    assert not AttentionWork.objects.exists()


def _renewals(world, n, start=0):
    return [
        f.partnership(
            [world.org_a, world.org_b],
            coalition=world.coalition_a,
            title=f"Agreement {i}",
            start_date=_today() - datetime.timedelta(days=30),
            renewal_date=_today() + datetime.timedelta(days=5 + i),
        )
        for i in range(start, start + n)
    ]


def _work_on_all(client, world, partnerships):
    for n, p in enumerate(partnerships):
        key = _key(world, p)
        client.post(ACT, {"key": key, "action": "assign", "assignee": world.member.pk})
        if n % 2:
            client.post(ACT, {"key": key, "action": "resolve", "note": "Done"})


def test_the_list_reads_the_work_of_all_its_items_in_constant_queries(client, world, django_assert_max_num_queries):
    as_user(client, world.coordinator)
    _work_on_all(client, world, _renewals(world, 2))
    url = f"/coalitions/{world.coalition_a.slug}/attention/"
    # The attention list's own budget (tests/health/test_api_and_queries.py: 18) plus the session
    # and user, and one query for the work of every item with its assignee.
    with django_assert_max_num_queries(21):
        assert "On it: member" in client.get(url).content.decode()
    _work_on_all(client, world, _renewals(world, 8, start=2))
    with django_assert_max_num_queries(21):
        assert client.get(url, {"state": "resolved"}).content.decode().count("Agreement ") >= 5


def test_the_dashboard_shows_who_is_on_an_item(client, world, renewal):
    as_user(client, world.coordinator)
    client.post(ACT, {"key": _key(world, renewal), "action": "assign_me"})
    page = client.get("/").content.decode()
    assert "Referral MOU" in page and "On it: coordinator" in page


@pytest.mark.parametrize(
    "key",
    [
        "introduction:1:-:99999999999999999999999-1",
        "strained:99999999999999999999:1:1-2",
        "strained:1:-5:1-2",
        "quiet:1:1:" + "-".join(["1"] * 600),
    ],
)
def test_a_key_naming_ids_out_of_range_is_no_item(world, key):
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(world.member)
    assert client.get("/attention/item/", {"key": key}).status_code == 404
    assert client.get("/api/v1/attention/history/", {"key": key}).status_code == 404
    response = client.post("/api/v1/attention/", {"key": key, "action": "acknowledge"}, content_type="application/json")
    if len(key) > 500:  # longer than any key: refused as a field before it is looked up
        assert response.status_code == 400 and "key" in response.json()
    else:
        assert response.status_code == 404
