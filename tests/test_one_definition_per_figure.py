"""One definition per figure: "the last 12 months", "current membership" and "quiet partnership"
read the same through every door (attention list, equity page and API, coalition page, coalition
report and its PDF), on the demo region and after edits."""

import datetime
import re
import shutil
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from health.selectors.partnership import with_joint_activity
from partners.choices import MeetingKind, MeetingVisibility, PartnershipStatus
from partners.figures import Period, last_12_months
from partners.models import Coalition, Membership, Partnership
from partners.services.coalitions import membership_update
from partners.services.meetings import ParticipationInput, meeting_create
from partners.services.partnerships import partnership_update
from tests.demo import conftest as demo

pytestmark = pytest.mark.django_db

# The demo region, seeded once for the module.
demo_region, seeded = demo.demo_region, demo.seeded

TASK_FORCE = "harbor-county-task-force"


# --- the period -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "today, since",
    [
        (datetime.date(2026, 11, 30), datetime.date(2025, 12, 1)),
        (datetime.date(2025, 3, 1), datetime.date(2024, 3, 2)),  # a 29 February inside: 366 days
        (datetime.date(2024, 2, 29), datetime.date(2023, 3, 1)),  # no 29 February a year before
        (datetime.date(2026, 1, 1), datetime.date(2025, 1, 2)),
    ],
)
def test_last_12_months_ends_today_and_starts_the_day_after_the_same_day_a_year_before(today, since):
    assert last_12_months(today) == Period(since=since, until=today)


def _user(name: str):
    return get_user_model().objects.get(username=name)


def _pdf_text(content: bytes, tmp_path) -> str:
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed"
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return "\n".join(re.sub(r"\s+", " ", line).strip() for line in text.splitlines())


def _pdf_period(text: str) -> Period:
    found = re.search(r"Period: (\d+ \w+ \d{4}) – (\d+ \w+ \d{4})", text)
    assert found, text[:500]
    since, until = (datetime.datetime.strptime(day, "%d %B %Y").date() for day in found.groups())
    return Period(since=since, until=until)


def _doors(client, slug: str, tmp_path) -> dict:
    """Every figure through every door, for the signed-in client."""
    report = client.get(reverse("reports:coalition_report", kwargs={"slug": slug}))
    equity = client.get(reverse("health:coalition_equity", kwargs={"slug": slug}))
    pdf = client.get(reverse("reports:coalition_report_pdf", kwargs={"slug": slug}))
    attention = client.get(reverse("health:coalition_attention", kwargs={"slug": slug}) + "?kind=quiet")
    coalition = client.get(reverse("partners:coalition_detail", kwargs={"slug": slug}))
    today = datetime.date.today()
    equity_today = client.get(
        reverse("health:coalition_equity", kwargs={"slug": slug}), {"since": today, "until": today}
    )
    for response in (report, equity, pdf, attention, coalition, equity_today):
        assert response.status_code == 200
    r, e = report.context["report"], equity.context["equity"]
    text = _pdf_text(pdf.content, tmp_path)
    form = equity.context["form"]
    return {
        "periods": {
            "report": r.period,
            "pdf": _pdf_period(text),
            "equity": Period(since=e["since"], until=e["until"]),
            "equity picker": Period(since=form.initial.get("since"), until=form.initial.get("until")),
        },
        "activities": {"report": r.headline["activities"], "equity": e["totals"]["meetings"]},
        "members": {
            "coalition page": coalition.context["member_count"],
            "report": r.headline["members"],
            "equity on one day": equity_today.context["equity"]["totals"]["members"],
        },
        "quiet": {
            "attention list": sorted(i.partnership.title for i in attention.context["items"]),
            "report": sorted(q["partnership"].title for q in r.partnerships["quiet"]),
        },
        "pdf quiet count": re.search(r"Gone quiet \((\d+)\)", text).group(1),
        "pdf text": text,
    }


def _assert_one_definition(doors: dict, today: datetime.date) -> None:
    expected = last_12_months(today)
    assert doors["periods"] == dict.fromkeys(doors["periods"], expected)
    assert len(set(doors["activities"].values())) == 1, doors["activities"]
    assert len(set(doors["members"].values())) == 1, doors["members"]
    quiet = doors["quiet"]
    assert quiet["attention list"] == quiet["report"], quiet
    assert doors["pdf quiet count"] == str(len(quiet["report"]))
    flat = " ".join(doors["pdf text"].split())
    for title in quiet["report"]:
        assert title.split(" ")[0] in flat


@pytest.mark.parametrize("username", ["admin", "coordinator"])
def test_every_door_says_the_same_on_the_demo(client, seeded, username, tmp_path):
    client.force_login(_user(username))
    doors = _doors(client, TASK_FORCE, tmp_path)
    _assert_one_definition(doors, seeded)
    assert doors["quiet"]["report"], "the demo has quiet partnerships to compare"


def test_every_door_still_says_the_same_after_edits(client, seeded, tmp_path):
    """Log an activity (one for a quiet partnership, one just before the 12 months), end a
    membership and put a quiet partnership to sleep: every door moves together."""
    today = seeded
    admin = _user("admin")
    client.force_login(admin)
    coalition = Coalition.objects.get(slug=TASK_FORCE)
    before = _doors(client, TASK_FORCE, tmp_path)
    quiet = Partnership.objects.filter(coalition=coalition, title__in=before["quiet"]["report"]).order_by("title")
    woken, put_to_sleep = quiet[0], quiet[1]
    orgs = list(woken.organizations.all())

    def log(day: datetime.date, title: str, partnership=None):
        return meeting_create(
            actor=admin,
            participations=[ParticipationInput(organization=o) for o in orgs],
            title=title,
            date=day,
            kind=MeetingKind.CASE_COORDINATION,
            coalition=coalition,
            visibility=MeetingVisibility.COALITION,
            partnership=partnership,
        )

    log(today, "Joint case review", partnership=woken)
    log(last_12_months(today).since - datetime.timedelta(days=1), "A year and a day ago")
    partnership_update(actor=admin, partnership=put_to_sleep, status=PartnershipStatus.DORMANT)
    membership = Membership.objects.current(today).filter(coalition=coalition).order_by("pk").first()
    membership_update(actor=admin, membership=membership, end_date=today - datetime.timedelta(days=1))

    after = _doors(client, TASK_FORCE, tmp_path)
    _assert_one_definition(after, today)
    assert after["activities"]["report"] == before["activities"]["report"] + 1  # not the one a year and a day ago
    assert after["members"]["report"] == before["members"]["report"] - 1
    assert set(after["quiet"]["report"]) == set(before["quiet"]["report"]) - {woken.title, put_to_sleep.title}


def test_the_attention_lists_last_year_is_the_last_12_months(seeded):
    """The check-in flags count joint activities "in the last year" over the same 12 months:
    one on its first day counts, one the day before does not."""
    today = seeded
    admin = _user("admin")
    coalition = Coalition.objects.get(slug=TASK_FORCE)
    partnership = Partnership.objects.filter(coalition=coalition).order_by("pk").first()
    orgs = list(partnership.organizations.all())

    def joint_last_year() -> int:
        partnerships = Partnership.objects.filter(pk=partnership.pk)
        return with_joint_activity(partnerships, viewer=admin, today=today).get().joint_last_year

    def log(day: datetime.date) -> None:
        meeting_create(
            actor=admin,
            participations=[ParticipationInput(organization=o) for o in orgs],
            title=f"Joint review {day}",
            date=day,
            kind=MeetingKind.CASE_COORDINATION,
            coalition=coalition,
            visibility=MeetingVisibility.COALITION,
            partnership=partnership,
        )

    first_day = last_12_months(today).since
    start = joint_last_year()
    log(first_day - datetime.timedelta(days=1))
    assert joint_last_year() == start
    log(first_day)
    assert joint_last_year() == start + 1
