"""The tension and repair log: only the partners, the coalition's coordinators and admins see it;
for everyone else it does not exist (404), in pages and API alike, and forbidden writes change nothing."""

import pytest

from health.models import RepairLogEntry
from health.permissions import repair_entries_visible_to
from tests import factories as f

pytestmark = pytest.mark.django_db

SECRET = "Secret mediation notes"


def urls(tf):
    pk, entry = tf.strained.pk, tf.repair.pk
    return {
        "health": f"/partnerships/{pk}/health/",
        "log": f"/partnerships/{pk}/repair-log/",
        "edit": f"/partnerships/{pk}/repair-log/{entry}/edit/",
        "delete": f"/partnerships/{pk}/repair-log/{entry}/delete/",
    }


@pytest.mark.parametrize("who", ["ngo_staff", "coordinator", "admin"])
def test_insiders_read_the_log(client, task_force, who):
    client.force_login(getattr(task_force, who))
    response = client.get(urls(task_force)["log"])
    assert response.status_code == 200
    assert SECRET in response.content.decode()
    assert "Victim-centred versus prosecution priorities" in client.get(urls(task_force)["health"]).content.decode()


def test_outsiders_get_404_for_the_log_and_never_see_it_on_the_health_page(client, task_force):
    other_coordinator = f.user("other-coordinator", coordinates=[f.coalition("Elsewhere")])
    for user in (task_force.outsider, task_force.bank_staff, other_coordinator):
        client.force_login(user)
        u = urls(task_force)
        assert client.get(u["log"]).status_code == 404
        assert client.get(u["edit"]).status_code == 404
        page = client.get(u["health"])
        assert page.status_code == 200  # the partnership itself is visible to signed-in users
        body = page.content.decode()
        assert SECRET not in body and "repair-log" not in body
        assert "Tension and repair log" not in body
        assert "Victim-centred versus prosecution priorities" not in body


def test_outsiders_cannot_write_delete_or_edit_and_nothing_changes(client, task_force):
    client.force_login(task_force.outsider)
    u = urls(task_force)
    before = list(RepairLogEntry.objects.values())
    data = {"raised_on": "2024-01-01", "cause": "funding", "action": "mediation", "outcome": "ongoing", "notes": "x"}
    assert client.post(u["log"], data).status_code == 404
    assert client.post(u["edit"], {**data, "version": 1}).status_code == 404
    assert client.post(u["delete"]).status_code == 404
    assert list(RepairLogEntry.objects.values()) == before


def test_anonymous_is_sent_to_sign_in_and_nothing_changes(client, task_force):
    u = urls(task_force)
    for name in ("health", "log", "edit"):
        response = client.get(u[name])
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(u["delete"]).status_code == 302
    assert RepairLogEntry.objects.filter(pk=task_force.repair.pk).exists()


def test_a_partner_adds_edits_and_deletes_an_entry(client, task_force):
    client.force_login(task_force.ngo_staff)
    u = urls(task_force)
    data = {"raised_on": "2024-02-01", "cause": "credit", "action": "leadership_meeting", "outcome": "ongoing"}
    response = client.post(u["log"], {**data, "notes": "Annual report credit"})
    assert response.status_code == 302
    entry = RepairLogEntry.objects.get(notes="Annual report credit")
    assert entry.logged_by == task_force.ngo_staff and entry.partnership == task_force.strained
    edit = f"/partnerships/{task_force.strained.pk}/repair-log/{entry.pk}/edit/"
    response = client.post(edit, {**data, "outcome": "resolved", "resolved_on": "2024-03-01", "version": 1})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.outcome, entry.version) == ("resolved", 2)
    assert client.post(f"/partnerships/{task_force.strained.pk}/repair-log/{entry.pk}/delete/").status_code == 302
    assert not RepairLogEntry.objects.filter(pk=entry.pk).exists()


def test_bad_input_is_shown_beside_the_field_and_saves_nothing(client, task_force):
    client.force_login(task_force.ngo_staff)
    count = RepairLogEntry.objects.count()
    response = client.post(
        urls(task_force)["log"],
        {
            "raised_on": "2024-05-01",
            "resolved_on": "2024-01-01",
            "cause": "nonsense",
            "action": "mediation",
            "outcome": "resolved",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "cause" in form.errors and "resolved_on" in form.errors
    assert RepairLogEntry.objects.count() == count


def test_a_stale_edit_is_refused_and_changes_nothing(client, task_force):
    client.force_login(task_force.coordinator)
    entry = task_force.repair
    data = {"raised_on": "2024-02-01", "cause": "credit", "action": "mediation", "outcome": "ongoing", "version": 99}
    response = client.post(urls(task_force)["edit"], data)
    assert response.status_code == 400
    entry.refresh_from_db()
    assert entry.cause == "priorities" and entry.version == 1


def test_visibility_queryset_counts_nothing_for_outsiders(task_force):
    assert repair_entries_visible_to(task_force.outsider).count() == 0
    assert repair_entries_visible_to(task_force.bank_staff).count() == 0
    assert repair_entries_visible_to(task_force.ngo_staff).count() == 1
    assert repair_entries_visible_to(task_force.coordinator).count() == 1
    assert repair_entries_visible_to(None).count() == 0


def test_the_api_never_carries_repair_log_content(api, task_force):
    api.force_authenticate(task_force.outsider)
    for url in (
        f"/api/v1/analytics/attention/?coalition={task_force.coalition.slug}",
        f"/api/v1/analytics/attention/?organization={task_force.ngo.slug}",
        f"/api/v1/analytics/equity/?coalition={task_force.coalition.slug}",
    ):
        response = api.get(url)
        assert response.status_code == 200
        assert SECRET not in response.content.decode() and "mediation" not in response.content.decode()
