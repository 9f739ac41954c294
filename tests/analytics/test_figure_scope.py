"""Figures say whose view they are: every page, API answer and PDF with counts states how many
activities it was computed from for the viewer and, for the coalition's insiders only, how many
were left out; a PDF names the account and the moment it was made for."""

import re
import shutil
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from partners import permissions as perms
from partners.figures import last_12_months
from partners.models import Coalition, Meeting, Membership, Organization, Profile
from tests.demo import conftest as demo

pytestmark = pytest.mark.django_db

# The demo region, seeded once for the module.
demo_region, seeded = demo.demo_region, demo.seeded

TASK_FORCE = "harbor-county-task-force"
# The demo's admin, member (whose organisation took part in every participants-only activity of the
# task force, so nothing is hidden from it), a member of another member organisation (from whom
# some are hidden) and outsider.
VIEWERS = ["admin", "member", "colleague", "outsider"]


@pytest.fixture
def colleague(seeded):
    """A user of the district attorney's office, a member that took part in no participants-only activity."""
    user = get_user_model().objects.create_user(username="colleague", password="x" * 20)
    Profile.objects.update_or_create(user=user, defaults={"organization": Organization.objects.get(slug="hc-da")})
    return user


def _user(name: str):
    return get_user_model().objects.get(username=name)


def _expected(username: str, period=None) -> tuple[int, int | None]:
    """(visible, hidden) worked out from meetings_visible_to, independently of the scope code."""
    user = _user(username)
    meetings = Meeting.objects.filter(coalition__slug=TASK_FORCE, date__lte=timezone.localdate())
    if period is not None:
        meetings = meetings.filter(date__gte=period.since, date__lte=period.until)
    visible = perms.meetings_visible_to(user).filter(pk__in=meetings.values("pk")).count()
    return visible, (meetings.count() - visible if username != "outsider" else None)


def test_the_demo_viewers_are_an_admin_two_members_and_an_outsider_of_the_task_force(seeded, colleague):
    coalition = Coalition.objects.get(slug=TASK_FORCE)
    current = Membership.objects.current(seeded).filter(coalition=coalition)
    assert perms.is_admin(_user("admin"))
    for member in ("member", "colleague"):
        assert current.filter(organization_id=perms.organization_id_of(_user(member))).exists()
    outsider = _user("outsider")
    assert not current.filter(organization_id=perms.organization_id_of(outsider)).exists()
    assert coalition.pk not in perms.coordinated_coalition_ids(outsider)
    assert _expected("member")[1] == 0
    visible, hidden = _expected("colleague")
    assert visible and hidden, "the task force has participants-only activities hidden from the colleague"


@pytest.mark.parametrize("username", VIEWERS)
@pytest.mark.parametrize(
    "route", ["collaborations", "sector-matrix", "network", "timeline"], ids=lambda route: route.replace("-", "_")
)
def test_analytics_answers_carry_the_scope(client, seeded, colleague, username, route):
    client.force_login(_user(username))
    response = client.get(f"/api/v1/analytics/{route}/", {"coalition": TASK_FORCE})
    assert response.status_code == 200
    scope = response.json()["scope"]
    visible, hidden = _expected(username)
    assert (scope["visible"], scope["hidden"]) == (visible, hidden)
    assert scope["viewer"] == username
    assert scope["complete"] is (hidden == 0)
    assert f"{visible} activities" in scope["statement"] or (visible == 0 and "none of the" in scope["statement"])
    if hidden:
        assert f"{hidden} more are visible only to their participants" in scope["statement"]
    if username == "outsider":
        assert "visible only to their participants" not in scope["statement"]


def test_the_scope_follows_the_period_and_the_organisation(client, seeded):
    today = seeded
    period = last_12_months(today)
    client.force_login(_user("member"))
    answer = client.get("/api/v1/analytics/timeline/", {"coalition": TASK_FORCE, "since": period.since})
    assert (answer.json()["scope"]["visible"], answer.json()["scope"]["hidden"]) == _expected("member", period=period)
    answer = client.get("/api/v1/organizations/beacon/collaborators/")
    member = _user("member")
    own = perms.meetings_visible_to(member).filter(participations__organization__slug="beacon", date__lte=today)
    own = own.distinct()
    assert answer.json()["scope"]["visible"] == own.count()
    assert answer.json()["scope"]["hidden"] is None  # no coalition asked for: nothing said of the rest


@pytest.mark.parametrize("username", VIEWERS)
def test_pages_state_the_scope_once_with_the_figures(client, seeded, colleague, username):
    client.force_login(_user(username))
    slug = {"slug": TASK_FORCE}
    visible, hidden = _expected(username)
    period_visible, period_hidden = _expected(username, period=last_12_months(seeded))
    pages = {
        reverse("partners:coalition_detail", kwargs=slug): (visible, hidden),
        reverse("reports:coalition_report", kwargs=slug): (period_visible, period_hidden),
        reverse("health:coalition_equity", kwargs=slug): (period_visible, period_hidden),
    }
    for url, (n, m) in pages.items():
        html = client.get(url).content.decode()
        lines = re.findall(
            r'<p class="figure-scope[^"]*" role="note" data-visible="(\d+)"( data-hidden="(\d+)")?', html
        )
        assert len(lines) == 1, url
        assert int(lines[0][0]) == n, url
        assert (int(lines[0][2]) if lines[0][1] else None) == m, url
        if username == "outsider":
            assert "visible only to their participants" not in html.split("figure-scope", 1)[1].split("</p>", 1)[0]
            assert "can see of Harbor County" in html or "can see none of the activities of Harbor County" in html


def _pdf_text(content: bytes, tmp_path) -> str:
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed"
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(text.split())


@pytest.mark.parametrize("username", VIEWERS)
def test_the_pdf_names_the_account_the_date_and_the_scope(client, seeded, colleague, username, tmp_path):
    client.force_login(_user(username))
    response = client.get(reverse("reports:coalition_report_pdf", kwargs={"slug": TASK_FORCE}))
    assert response.status_code == 200
    text = _pdf_text(response.content, tmp_path)
    day = timezone.localdate().strftime("%-d %B %Y")
    assert f"Prepared for {username} on {day}" in text
    assert "figures include only what this account may see" in text
    visible, hidden = _expected(username, period=last_12_months(seeded))
    if username == "admin":
        assert f"Computed from all {visible} activities (administrator access)." in text
    elif username == "member":
        assert f"Computed from the {visible} activities you can see; none is hidden from you." in text
    elif username == "colleague":
        assert f"Computed from the {visible} activities you can see; {hidden} more are visible only" in text
    elif visible:
        assert f"Computed from the {visible} activities you can see. It shows only what your account can see" in text
    else:
        assert "Your account can see none of the activities of Harbor County" in text
        assert "they do not show the coalition's real activity" in text
        assert "more are visible only to their participants" not in text
