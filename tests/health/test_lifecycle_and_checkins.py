"""Status changes are recorded with who, when and why; check-ins come only from partner staff."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from health.models import CheckIn
from health.selectors.partnership import checkin_health
from health.services import checkin_submit, partnership_status_change, quarter_start
from partners.models import Partnership, StatusChange
from partners.services.partnerships import partnership_create, partnership_update
from tests import factories as f

pytestmark = pytest.mark.django_db

SCORES = {"reliability": 3, "openness": 3, "shared_mission": 4, "resources": 2, "involvement": 3, "influence": 3}


def test_creating_and_updating_through_the_service_records_each_status_with_actor_and_reason(world):
    p = partnership_create(
        actor=world.member,
        organizations=[world.org_a, world.org_b],
        title="New MOU",
        kind="mou",
        status="forming",
        status_reason="Drafting",
        coalition=world.coalition_a,
    )
    partnership_update(actor=world.coordinator, partnership=p, status="active", status_reason="Signed")
    partnership_update(actor=world.coordinator, partnership=p, title="Renamed")  # no status change: no row
    rows = list(p.status_changes.order_by("changed_at", "id").values_list("from_status", "to_status", "reason"))
    assert rows == [("", "forming", "Drafting"), ("forming", "active", "Signed")]
    assert p.status_changes.order_by("-changed_at").first().changed_by == world.coordinator


def test_a_too_long_reason_is_refused_before_anything_is_saved(world):
    p = f.partnership([world.org_a, world.org_b], title="MOU")
    with pytest.raises(ValidationError) as exc:
        partnership_update(actor=world.admin, partnership=p, status="strained", status_reason="x" * 301)
    assert "status_reason" in exc.value.message_dict
    p.refresh_from_db()
    assert p.status == "active" and not p.status_changes.exists()  # the factory records no creation


def test_the_status_form_requires_a_reason_and_a_real_change(world):
    p = f.partnership([world.org_a, world.org_b], title="MOU")
    with pytest.raises(ValidationError) as exc:
        partnership_status_change(actor=world.member, partnership=p, status="strained", reason=" ")
    assert "status_reason" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        partnership_status_change(actor=world.member, partnership=p, status="active", reason="Same")
    assert "status" in exc.value.message_dict


def test_a_partner_changes_the_status_on_the_page_and_the_timeline_shows_it(client, world):
    p = f.partnership([world.org_a, world.org_b], title="MOU", coalition=world.coalition_a)
    client.force_login(world.member)
    response = client.post(
        f"/partnerships/{p.pk}/health/status/", {"status": "strained", "reason": "Missed handovers", "version": 1}
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == "strained"
    change = p.status_changes.order_by("-changed_at", "-id").first()
    assert (change.from_status, change.to_status, change.changed_by, change.reason) == (
        "active",
        "strained",
        world.member,
        "Missed handovers",
    )
    page = client.get(f"/partnerships/{p.pk}/health/").content.decode()
    assert "Missed handovers" in page and "Strained" in page


def test_a_non_partner_gets_403_and_the_status_is_unchanged(client, world):
    p = f.partnership([world.org_b, world.org_c], title="B and C")
    client.force_login(world.outsider)
    response = client.post(f"/partnerships/{p.pk}/health/status/", {"status": "ended", "reason": "x", "version": 1})
    assert response.status_code == 403
    p.refresh_from_db()
    assert p.status == "active" and not p.status_changes.exists()


def test_a_missing_reason_is_shown_beside_the_field(client, world):
    p = f.partnership([world.org_a, world.org_b], title="MOU")
    client.force_login(world.member)
    response = client.post(f"/partnerships/{p.pk}/health/status/", {"status": "dormant", "reason": "", "version": 1})
    assert response.status_code == 400
    assert "reason" in response.context["status_form"].errors
    assert Partnership.objects.get(pk=p.pk).status == "active"


def test_a_stale_status_change_is_refused(client, world):
    p = f.partnership([world.org_a, world.org_b], title="MOU")
    client.force_login(world.member)
    response = client.post(f"/partnerships/{p.pk}/health/status/", {"status": "dormant", "reason": "x", "version": 7})
    assert response.status_code == 400
    assert Partnership.objects.get(pk=p.pk).status == "active"


# --- check-ins -----------------------------------------------------------------------------------------


def test_a_partner_rates_for_its_own_organisation_once_a_quarter(world):
    p = f.partnership([world.org_a, world.org_b], title="MOU")
    first = checkin_submit(actor=world.member, partnership=p, scores=SCORES, comment="Fine")
    again = checkin_submit(actor=world.member, partnership=p, scores={**SCORES, "openness": 1})
    assert first.pk == again.pk and CheckIn.objects.count() == 1
    again.refresh_from_db()
    assert (again.organization, again.openness, again.comment) == (world.org_a, 1, "")
    assert again.period == quarter_start(datetime.date.today())


def test_a_coordinator_does_not_rate_on_a_partners_behalf(world):
    p = f.partnership([world.org_a, world.org_b], title="MOU", coalition=world.coalition_a)
    with pytest.raises(PermissionDenied):
        checkin_submit(actor=world.coordinator, partnership=p, scores=SCORES)
    assert CheckIn.objects.count() == 0


def test_check_in_pages_answer_404_403_and_400_and_change_nothing_on_refusal(client, world):
    p = f.partnership([world.org_a, world.org_b], title="MOU", coalition=world.coalition_a)
    url = f"/partnerships/{p.pk}/health/check-in/"
    client.force_login(world.outsider)
    assert client.post(url, SCORES).status_code == 404
    client.force_login(world.coordinator)
    assert client.post(url, SCORES).status_code == 403
    client.force_login(world.member)
    response = client.post(url, {**SCORES, "influence": 5})
    assert response.status_code == 400 and "influence" in response.context["checkin_form"].errors
    assert CheckIn.objects.count() == 0
    assert client.post(url, SCORES).status_code == 302
    assert CheckIn.objects.get().organization == world.org_a


def test_an_ended_partnership_is_not_rated(world):
    p = f.partnership([world.org_a, world.org_b], title="MOU", status="ended")
    with pytest.raises(ValidationError):
        checkin_submit(actor=world.member, partnership=p, scores=SCORES)


def test_outsiders_see_no_check_ins_on_the_health_page(client, world):
    p = f.partnership([world.org_a, world.org_b], title="MOU")
    checkin_submit(actor=world.member, partnership=p, scores=SCORES, comment="Private comment")
    client.force_login(world.outsider)
    body = client.get(f"/partnerships/{p.pk}/health/").content.decode()
    assert "Private comment" not in body and "Check-ins" not in body
    client.force_login(world.member)
    assert "Private comment" in client.get(f"/partnerships/{p.pk}/health/").content.decode()


def quarter(period, score, lowest=None, highest=None, n=2):
    lowest = score if lowest is None else lowest
    highest = score if highest is None else highest
    return {
        "period": period,
        "organizations": n,
        "score": score,
        "lowest": lowest,
        "highest": highest,
        "spread": round(highest - lowest, 2),
    }


@pytest.mark.parametrize(
    ("before", "now", "falling"), [(3.5, 3.0, True), (3.5, 3.01, False), (2.0, 1.0, True), (2.0, 2.5, False)]
)
def test_falling_means_half_a_point_or_more(before, now, falling):
    today = datetime.date(2024, 8, 15)
    health = checkin_health(
        [quarter(datetime.date(2024, 4, 1), before), quarter(datetime.date(2024, 7, 1), now)],
        last_joint=today,
        joint_last_year=3,
        today=today,
    )
    assert health.falling is falling


def test_disagreement_reported_vs_actual_and_stale_ratings():
    today = datetime.date(2024, 8, 15)
    q = datetime.date(2024, 7, 1)
    assert checkin_health([quarter(q, 3.0, 2.5, 3.5)], last_joint=today, joint_last_year=1, today=today).disagree
    assert not checkin_health([quarter(q, 3.0, 2.55, 3.5)], last_joint=today, joint_last_year=1, today=today).disagree
    old = today - datetime.timedelta(days=366)
    assert checkin_health([quarter(q, 3.0)], last_joint=old, joint_last_year=0, today=today).high_but_inactive
    assert not checkin_health([quarter(q, 2.9)], last_joint=None, joint_last_year=0, today=today).high_but_inactive
    assert checkin_health([quarter(q, 2.0)], last_joint=today, joint_last_year=6, today=today).low_but_busy
    assert not checkin_health([quarter(q, 2.0)], last_joint=today, joint_last_year=5, today=today).low_but_busy
    stale = checkin_health([quarter(datetime.date(2023, 1, 1), 3.5)], last_joint=None, joint_last_year=0, today=today)
    assert not stale.flagged


def test_status_changes_made_in_the_admin_are_recorded_too(client, world):
    p = f.partnership([world.org_a, world.org_b], title="MOU")
    client.force_login(world.admin)
    page = client.get(f"/admin/partners/partnership/{p.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) for name in ("title", "kind", "start_date", "end_date", "renewal_date")}
    data |= {"status": "dormant", "organizations": [world.org_a.pk, world.org_b.pk], "opened_version": p.version}
    data |= {"description": "", "coalition": ""}
    response = client.post(f"/admin/partners/partnership/{p.pk}/change/", {k: v or "" for k, v in data.items()})
    assert response.status_code == 302
    change = StatusChange.objects.get(partnership=p)
    assert (change.from_status, change.to_status, change.changed_by) == ("active", "dormant", world.admin)


def test_a_shell_save_goes_through_the_service_to_be_recorded(world):
    p = f.partnership([world.org_a, world.org_b], title="MOU")
    partnership_update(actor=world.admin, partnership=p, status="dormant")
    assert StatusChange.objects.filter(partnership=p, from_status="active", to_status="dormant").exists()
