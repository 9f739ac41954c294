"""List exports: CSV and XLSX hold exactly what the requester may see, filtered, and safe to open."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.test import RequestFactory
from openpyxl import load_workbook

from partners.choices import MeetingVisibility
from partners.exports import columns, writers
from partners.exports.cells import as_text, neutralise
from partners.exports.columns import MEETINGS
from partners.exports.response import export_response
from partners.selectors.directory import meeting_list, organization_list
from tests import factories as f
from tests.conftest import as_user

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def read_xlsx(response) -> tuple[list[str], list[list]]:
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    return list(rows[0]), [list(r) for r in rows[1:]]


def export(client, resource: str, fmt: str = "csv", query: str = ""):
    return client.get(f"/imports/exports/{resource}.{fmt}{'?' + query if query else ''}")


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1 555", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_neutralise_prefixes_every_formula_trigger(text):
    assert neutralise(text) == "'" + text


def test_neutralise_leaves_ordinary_text_alone():
    assert neutralise("Beacon Victim Services") == "Beacon Victim Services"
    assert neutralise("") == ""


def test_csv_export_neutralises_formula_cells(client, world):
    world.org_a.description = '=HYPERLINK("http://evil.example","click")'
    world.org_a.phone = "+1 555 0100"
    world.org_a.acronym = "@A"
    world.org_a.save()
    rows = read_csv(export(as_user(client, world.admin), "organizations"))
    row = next(r for r in rows if r["slug"] == "org-a")
    assert row["description"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["phone"] == "'+1 555 0100"
    assert row["acronym"] == "'@A"


def test_xlsx_export_stores_formula_text_as_plain_neutralised_strings(client, world):
    world.org_a.description = "=1+1"
    world.org_a.save()
    response = export(as_user(client, world.admin), "organizations", "xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.worksheets[0]
    headers = [c.value for c in sheet[1]]
    cell = next(row[headers.index("description")] for row in sheet.iter_rows(min_row=2) if row[0].value == "org-a")
    assert cell.value == "'=1+1"
    assert cell.data_type == "s"


def test_xlsx_export_opens_with_the_right_header_and_row_count(client, world):
    response = export(as_user(client, world.admin), "memberships", "xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    headers, rows = read_xlsx(response)
    assert headers == ["coalition", "organization", "role", "start_date", "end_date"]
    assert len(rows) == 3
    assert ["coalition-a", "org-a", "lead", datetime.datetime(2020, 1, 1), None] in rows


def test_csv_export_streams_and_iterates_the_queryset(world, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(writers, "LINES_PER_CHUNK", 3)
    calls = []
    original = QuerySet.iterator

    def spy(self, *args, **kwargs):
        calls.append(kwargs.get("chunk_size"))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "iterator", spy)
    request = RequestFactory().get("/")
    request.user = world.admin
    queryset = organization_list(viewer=world.admin)
    with django_assert_num_queries(1) as captured:  # nothing is read before the body is consumed
        response = export_response(request=request, queryset=queryset, resource="organizations", fmt="csv")
    assert captured.captured_queries[0]["sql"].startswith("INSERT")  # the export's audit record
    assert isinstance(response, StreamingHttpResponse)
    chunks = list(response.streaming_content)
    # The header leaves on its own, then the four rows in chunks of at most three lines.
    assert [chunk.count(b"\r\n") for chunk in chunks] == [1, 3, 1]
    assert chunks[0].decode("utf-8-sig").startswith("slug,name,")
    assert calls and calls[0] is not None
    assert queryset._result_cache is None  # never loaded whole into a list


def test_export_applies_the_list_filters(client, world):
    rows = read_csv(export(as_user(client, world.admin), "organizations", query="sector=law-enforcement"))
    assert [r["slug"] for r in rows] == ["org-a"]
    rows = read_csv(export(client, "memberships", query="coalition=coalition-b"))
    assert [(r["coalition"], r["organization"]) for r in rows] == [("coalition-b", "org-c")]


def test_export_with_an_invalid_filter_answers_400_naming_it(client, world):
    response = export(as_user(client, world.admin), "meetings", query="since=not-a-date")
    assert response.status_code == 400
    assert "since" in response.json()["errors"]


def test_anonymous_organisation_export_holds_public_profiles_only(client, world):
    rows = read_csv(export(client, "organizations"))
    assert sorted(r["slug"] for r in rows) == ["org-a", "org-c", "org-d"]


def test_anonymous_gets_no_contacts(client, world):
    f.contact(world.org_a, "Alex Example", email="alex@example.org")
    response = export(client, "contacts")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_coordinator_exports_contacts(client, world):
    f.contact(world.org_a, "Alex Example", email="alex@example.org")
    rows = read_csv(export(as_user(client, world.coordinator), "contacts"))
    assert rows == [
        {
            "organization": "org-a",
            "name": "Alex Example",
            "title": "",
            "email": "alex@example.org",
            "phone": "",
            "visibility": "coalitions",
        }
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_outsider_meetings_export_never_holds_a_participants_only_meeting(client, world, fmt):
    f.meeting(
        [world.org_a, world.org_b],
        title="Joint operation debrief",
        coalition=world.coalition_a,
        visibility=MeetingVisibility.PARTICIPANTS,
        kind="joint_operation",
    )
    f.meeting([world.org_a, world.org_d], title="Open training", kind="training")

    def titles(user) -> set[str]:
        response = export(as_user(client, user), "meetings", fmt)
        if fmt == "csv":
            return {r["title"] for r in read_csv(response)}
        headers, rows = read_xlsx(response)
        return {r[headers.index("title")] for r in rows}

    assert titles(world.outsider) == {"Open training"}
    assert titles(world.member) == {"Open training", "Joint operation debrief"}


def test_meetings_export_lists_participants_with_roles(client, world):
    meeting = f.meeting(
        [world.org_a, world.org_b], hosts=[world.org_a], title="Task force meeting", coalition=world.coalition_a
    )
    meeting.participations.filter(organization=world.org_b).update(attendees=3)
    rows = read_csv(export(as_user(client, world.admin), "meetings"))
    assert rows[0]["participants"] == "org-a:host; org-b:participant:3"
    assert rows[0]["coalition"] == "coalition-a"


def test_meetings_csv_fast_path_writes_exactly_what_the_columns_would(world):
    """The meetings' CSV reads flat rows instead of model instances; every cell must equal what
    the column definitions (used by XLSX) give, tricky values included."""
    tricky = f.meeting(
        [world.org_c, world.org_b, world.org_a],
        hosts=[world.org_b],
        title="=HYPERLINK(1)",
        coalition=world.coalition_a,
        visibility=MeetingVisibility.PARTICIPANTS,
    )
    tricky.outcomes = '-agreed, "quoted"\nsecond line'
    tricky.duration_minutes = 90
    tricky.partnership = f.partnership([world.org_a, world.org_b], title="+Shelter referral pact")
    tricky.save()
    tricky.participations.filter(organization=world.org_c).update(attendees=4)
    f.meeting([world.org_a, world.org_b], date=datetime.date(2023, 5, 1), title="Plain")
    f.meeting([world.org_a], title="Alone")  # one participant
    request = RequestFactory().get("/")
    request.user = world.admin
    queryset = meeting_list(viewer=world.admin)
    expected = [[as_text(v) for v in MEETINGS.values(m)] for m in queryset]
    assert MEETINGS.text_rows is not None
    assert [list(r) for r in MEETINGS.iter_text_rows(queryset, request)] == expected
    tricky_row = next(r for r in expected if r[1] == "'=HYPERLINK(1)")
    assert tricky_row[8] == "org-b:host; org-a:participant; org-c:participant:4"
    assert tricky_row[4] == "'+Shelter referral pact"


def test_meetings_csv_fast_path_reads_in_chunks(world, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(columns, "TEXT_CHUNK_SIZE", 2)
    for n in range(5):
        f.meeting([world.org_a, world.org_b], title=f"Meeting {n}")
    request = RequestFactory().get("/")
    request.user = world.admin
    queryset = meeting_list(viewer=world.admin)
    # The meetings in one read, then one participations query per chunk of two (three chunks).
    with django_assert_num_queries(1 + 3):
        rows = list(MEETINGS.iter_text_rows(queryset, request))
    assert [r[1] for r in rows] == [m.title for m in queryset]
    assert all(r[8] for r in rows)


def test_pairs_export_counts_collaborations(client, world):
    # By hand: A-B meet twice, A-B-C once more; so A-B 3, A-C 1, B-C 1.
    f.meeting([world.org_a, world.org_b], date=datetime.date(2024, 1, 10))
    f.meeting([world.org_a, world.org_b], date=datetime.date(2024, 2, 10))
    f.meeting([world.org_a, world.org_b, world.org_c], date=datetime.date(2024, 3, 10), kind="training")
    rows = read_csv(export(as_user(client, world.admin), "pairs"))
    got = {(r["organization_a"], r["organization_b"]): (r["count"], r["first_date"], r["last_date"]) for r in rows}
    assert got == {
        ("org-a", "org-b"): ("3", "2024-01-10", "2024-03-10"),
        ("org-a", "org-c"): ("1", "2024-03-10", "2024-03-10"),
        ("org-b", "org-c"): ("1", "2024-03-10", "2024-03-10"),
    }
    ab = next(r for r in rows if r["organization_b"] == "org-b")
    assert ab["kinds"] == "coalition_meeting:2; training:1"


def test_anonymous_gets_no_pairs(client, world):
    assert export(client, "pairs").status_code == 302


def test_unknown_export_list_is_404(client, world):
    assert export(as_user(client, world.admin), "users").status_code == 404


@pytest.mark.parametrize("resource", ["organizations", "contacts", "memberships", "partnerships", "meetings"])
def test_export_queries_do_not_grow_with_the_rows(client, world, resource, django_assert_max_num_queries):
    """Per chunk of 500 rows: the rows, then one query per prefetched relation; plus the session,
    the user and the viewer's roles. The same budget holds for 1 and for 12 of each."""

    def add(n: int) -> None:
        for _ in range(n):
            org = f.organization(sector_slug="health-care")
            f.contact(org, "Sam Example")
            f.membership(org, world.coalition_a)
            f.partnership([org, world.org_a])
            f.meeting([org, world.org_a], coalition=world.coalition_a)

    # The contacts in bulk are for coordinators and admins.
    client = as_user(client, world.coordinator if resource == "contacts" else world.member)
    budget = 12
    add(1)
    with django_assert_max_num_queries(budget):
        small = len(read_csv(export(client, resource)))
    add(11)
    with django_assert_max_num_queries(budget):
        large = len(read_csv(export(client, resource)))
    assert large > small
