"""The demo region goes in through the importer, and its figures are those its data files hold."""

import datetime
import itertools

import pytest
from django.contrib.auth import get_user_model

from demo.region import IMPORT_FILES, dated_rows, read_rows
from imports.models import ImportJob, ImportStatus
from partners.choices import PartnershipStatus
from partners.models import Coalition, Meeting, Participation
from reports.selectors import coalition_report, default_period

pytestmark = pytest.mark.django_db


def _participants(row: dict) -> list[tuple[str, str]]:
    """(organisation slug, role) of each participant written in a meetings.csv row."""
    return [tuple(item.strip().split(":")[:2]) for item in row["participants"].split(";")]


def test_each_demo_file_is_one_import_by_the_demo_admin_with_every_row_new(seeded):
    admin = get_user_model().objects.get(username="admin")
    jobs = {job.kind: job for job in ImportJob.objects.all()}
    assert set(jobs) == {kind for kind, _dates in IMPORT_FILES}
    for kind, _dates in IMPORT_FILES:
        job = jobs[kind]
        rows = len(read_rows(kind))
        assert (job.created_by, job.status, job.row_count) == (admin, ImportStatus.IMPORTED, rows)
        assert job.report["committed"] is True
        assert job.report["counts"] == {"new": rows, "update": 0, "unchanged": 0, "error": 0}


def test_the_database_holds_what_the_demo_files_hold(seeded):
    meetings = read_rows("meetings")
    assert Coalition.objects.count() == len(read_rows("coalitions"))
    # The planning demo (demo.planning) adds meetings planned with a start time; the files hold the rest.
    from_files = Meeting.objects.filter(starts_at__isnull=True)
    assert from_files.count() == len(meetings)
    assert Participation.objects.filter(meeting__in=from_files).count() == sum(
        len(_participants(row)) for row in meetings
    )
    logged_by = {(m.title, m.date): m.logged_by.username for m in from_files.select_related("logged_by")}
    today = seeded
    expected = {
        (row["title"], datetime.date.fromisoformat(row["date"])): row["logged_by"]
        for row in dated_rows("meetings", ("date",), today)
    }
    assert logged_by == expected


def test_demo_dates_end_today_whatever_the_day(seeded):
    """The files' dates are moved to today, so the last monthly meeting is always recent."""
    today = seeded
    latest_held = Meeting.objects.filter(date__lte=today).latest("date").date
    assert (today - latest_held).days < 31
    assert Meeting.objects.filter(date__gt=today).exists()  # a few planned ones, for the calendar


def _expected_headline(coalition: str, since: datetime.date, until: datetime.date, today: datetime.date) -> dict:
    """The report's headline figures, worked out from the data files alone."""
    memberships = [
        r for r in dated_rows("memberships", ("start_date", "end_date"), today) if r["coalition"] == coalition
    ]
    meetings = [r for r in dated_rows("meetings", ("date",), today) if r["coalition"] == coalition]
    partnerships = [
        r
        for r in dated_rows("partnerships", ("start_date", "end_date", "renewal_date"), today)
        if r["coalition"] == coalition
    ]
    day = datetime.date.fromisoformat

    def within(value: str, last: datetime.date = until) -> bool:
        return bool(value) and since <= day(value) <= last

    held = [r for r in meetings if within(r["date"], min(until, today))]
    open_partnerships = [
        r
        for r in partnerships
        if r["status"] != PartnershipStatus.ENDED
        and (not r["end_date"] or day(r["end_date"]) > min(until, today))
        and (not r["start_date"] or day(r["start_date"]) <= min(until, today))
    ]
    return {
        "members": len(
            {
                r["organization"]
                for r in memberships
                if day(r["start_date"]) <= until and (not r["end_date"] or day(r["end_date"]) >= until)
            }
        ),
        "joined": sum(within(r["start_date"]) for r in memberships),
        "left": sum(within(r["end_date"]) for r in memberships),
        "activities": len(held),
        "planned": sum(until >= day(r["date"]) > today for r in meetings if day(r["date"]) >= since),
        "organisations_taking_part": len({slug for r in held for slug, _role in _participants(r)}),
        "partnerships_active": len(open_partnerships),
    }


def test_demo_headline_figures_are_those_of_the_data_files(seeded):
    today = seeded
    admin = get_user_model().objects.get(username="admin")
    period = default_period(today)
    for coalition in Coalition.objects.all():
        headline = coalition_report(viewer=admin, coalition=coalition, period=period).headline
        expected = _expected_headline(coalition.slug, period.since, period.until, today)
        # Plus the planning demo's meeting held (with its attendance recorded) in the period.
        expected["activities"] += Meeting.objects.filter(
            coalition=coalition,
            attendance_recorded_at__isnull=False,
            date__gte=period.since,
            date__lte=min(period.until, today),
        ).count()
        assert {key: headline[key] for key in expected} == expected, coalition.slug
        assert headline["activities"] > 0  # the last twelve months are never empty


def test_demo_pairs_who_met_are_those_of_the_data_files(seeded):
    expected = set()
    for row in read_rows("meetings"):
        slugs = sorted(slug for slug, _role in _participants(row))
        expected.update(itertools.combinations(slugs, 2))
    met = set()
    for meeting in Meeting.objects.prefetch_related("participations__organization"):
        slugs = sorted(p.organization.slug for p in meeting.participations.all())
        met.update(itertools.combinations(slugs, 2))
    assert met == expected
