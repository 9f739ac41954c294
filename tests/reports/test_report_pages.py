"""The coalition report through HTTP: the page, the PDF (read back with pdftotext) and bad input."""

import re
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f
from tests.conftest import as_user
from tests.reports.conftest import D

pytestmark = pytest.mark.django_db

PERIOD = {"since": "2024-01-01", "until": "2024-06-30"}
HEADINGS = [
    "At a glance",
    "Members by sector and role",
    "Joined and left",
    "Activities per month and kind",
    "Participation by sector",
    "Most frequent collaborating pairs",
    "Collaboration between sectors",
    "The collaboration network",
    "Partnerships",
    "Equity",
    "About this report",
]


def page_url(w, slug=None):
    return reverse("reports:coalition_report", kwargs={"slug": slug or w.coalition_a.slug})


def pdf_url(w, slug=None):
    return reverse("reports:coalition_report_pdf", kwargs={"slug": slug or w.coalition_a.slug})


def pdf_text(content: bytes, tmp_path) -> str:
    """The PDF's text with runs of white space squeezed, so table rows read as one line."""
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed"
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return "\n".join(re.sub(r"\s+", " ", line).strip() for line in text.splitlines())


def pdf_pages(content: bytes, tmp_path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def test_anonymous_visitor_is_sent_to_sign_in_for_page_and_pdf(client, history):
    for url in (page_url(history), pdf_url(history)):
        response = client.get(url, PERIOD)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_unknown_coalition_answers_404_for_page_and_pdf(client, history):
    as_user(client, history.member)
    assert client.get(page_url(history, "no-such-coalition"), PERIOD).status_code == 404
    assert client.get(pdf_url(history, "no-such-coalition"), PERIOD).status_code == 404


def test_page_shows_every_section_with_its_figures(client, history):
    as_user(client, history.coordinator)
    response = client.get(page_url(history), PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    for heading in HEADINGS:
        assert heading in html
    assert "Quiet data sharing" in html
    assert "36.4%" in html and "80.0%" in html
    assert "<svg" in html and "Collaboration network of 4 organisations" in html
    # Network files and the PDF keep the period.
    assert "format=graphml" in html and "format=gexf" in html
    assert f"{pdf_url(history)}?since=2024-01-01&amp;until=2024-06-30" in html


def test_page_defaults_to_the_last_twelve_months(client, history):
    as_user(client, history.member)
    response = client.get(page_url(history))
    assert response.status_code == 200
    assert response.context["report"].period.days in (365, 366)


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"since": "yesterday"}, "since", "Enter a date as YYYY-MM-DD"),
        ({"until": "2024-02-30"}, "until", "Enter a date as YYYY-MM-DD"),
        ({"since": "2024-07-01", "until": "2024-06-30"}, "since", "on or before its end"),
        ({"since": "1990-01-01", "until": "2024-06-30"}, "since", "at most 10 years"),
    ],
)
def test_bad_period_gives_400_with_the_message_beside_the_field(client, history, query, field, message):
    as_user(client, history.member)
    for url in (page_url(history), pdf_url(history)):
        response = client.get(url, query)
        assert response.status_code == 400
        assert message in " ".join(response.context["form"].errors[field])
        assert f'id="id_{field}-error"' in response.content.decode()


def test_pdf_holds_the_headings_and_hand_worked_figures(client, history, tmp_path):
    as_user(client, history.admin)
    response = client.get(pdf_url(history), PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="coalition-a-report-2024-01-01-to-2024-06-30.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content, tmp_path)
    for heading in HEADINGS:
        assert heading in text
    assert "Coalition A" in text and "1 January 2024 – 30 June 2024" in text
    lines = set(text.splitlines())
    # Members on 30 June 2024: lead, co-chair, member, observer, total.
    assert "Law enforcement 1 · · · 1" in lines
    assert "Health care · · · 1 1" in lines
    assert "All sectors 1 0 1 1 3" in lines
    # Participation: members, took part, attendances, share, hosted, share of hosting.
    assert "Law enforcement 1 1 4 36.4% 4 80.0%" in lines
    assert "Business and private sector 0 1 1 9.1% 0 0.0%" in lines
    assert "All sectors 3 4 11 100% 5 100%" in lines
    # Activities: five in the period, by month.
    assert any(line.startswith("Mar 2024") and line.endswith(" 2") for line in lines)
    assert any(line.startswith("Period ") and line.endswith(" 5") for line in lines)
    assert "Harbour joint operation" not in text  # counted, never named
    assert "Joint operation" in text
    assert "Quiet data sharing" in text and "102" in text
    assert "Referral MOU" in text and "OVERDUE" in text
    # Equity (members of any day in the period: A, B, C, D; A leads): members, leadership,
    # hosting and participation shares with counts.
    assert "Law enforcement 25% (1) 100% (1) 80% (4) 36% (4)" in lines
    assert "Prepared with administrator access" in text
    assert pdf_pages(response.content, tmp_path) >= 3


def test_outsiders_pdf_leaves_out_the_participants_only_activity(client, history, tmp_path):
    as_user(client, history.outsider)
    response = client.get(pdf_url(history), PERIOD)
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    assert "Joint operation" not in text
    assert any(line.startswith("Period ") and line.endswith(" 4") for line in text.splitlines())
    assert "Prepared for outsider" in text


def test_report_page_runs_the_same_number_of_queries_whatever_the_size(client, history):
    """No query per row: a bigger coalition (more members, activities, partnerships) costs the same."""
    w = history
    as_user(client, w.coordinator)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page_url(w), PERIOD).status_code == 200
        return len(queries)

    small = count()
    for n in range(6):
        org = f.organization(f"Extra {n}", sector_slug="legal-aid")
        f.membership(org, w.coalition_a, start=D(2024, 2, 1))
        f.meeting([org, w.org_a, w.org_b], date=D(2024, 4, n + 1), coalition=w.coalition_a, hosts=[org])
        f.partnership([org, w.org_c], f"Extra partnership {n}", coalition=w.coalition_a, start_date=D(2024, 1, 5))
    assert count() == small


def test_coalition_page_links_to_the_report_calendar_and_network_files(client, history):
    as_user(client, history.member)
    response = client.get(reverse("partners:coalition_detail", kwargs={"slug": "coalition-a"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert page_url(history) in html
    assert reverse("reports:calendar_feeds") in html
    assert "/api/v1/analytics/network/?coalition=coalition-a&amp;format=graphml" in html
    assert "/api/v1/analytics/network/?coalition=coalition-a&amp;format=gexf" in html


def test_network_files_linked_from_the_report_are_served(client, history):
    as_user(client, history.member)
    for fmt, marker in (("graphml", "<graphml"), ("gexf", "<gexf")):
        response = client.get("/api/v1/analytics/network/", {"coalition": "coalition-a", "format": fmt, **PERIOD})
        assert response.status_code == 200, fmt
        assert marker in response.content.decode()
