"""Uploading files: encodings, separators, limits and malformed rows are reported and write nothing."""

from __future__ import annotations

import io

import pytest
from django.test import override_settings
from openpyxl import Workbook

from imports.models import ImportJob, ImportStatus
from partners.models import Contact, Meeting, Membership, Organization
from tests.conftest import as_user
from tests.imports.helpers import check, confirm, errors_of, import_file, staged, upload

pytestmark = pytest.mark.django_db

ORG_HEADER = "slug,name,primary_sector,sectors,country,visibility"


def org_csv(*rows: str, header: str = ORG_HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def form_error(response) -> str:
    return " ".join(response.context["form"].errors.get("file", []))


def test_a_clean_csv_is_previewed_then_imported(client, world):
    client = as_user(client, world.admin)
    job = staged(client, "organizations", org_csv("shelter-one,Shelter One,shelters-housing,,US,public"))
    assert job.status == ImportStatus.UPLOADED
    assert not Organization.objects.filter(slug="shelter-one").exists()
    report = check(client, job)
    assert report["counts"] == {"new": 1, "update": 0, "unchanged": 0, "error": 0}
    assert not Organization.objects.filter(slug="shelter-one").exists()  # a preview writes nothing
    page = client.get(f"/imports/{job.pk}/")
    assert b"Import these rows" in page.content
    report = confirm(client, job)
    assert report["committed"]
    org = Organization.objects.get(slug="shelter-one")
    assert org.primary_sector.slug == "shelters-housing"
    assert [s.slug for s in org.sectors.all()] == ["shelters-housing"]
    assert org.history.first().history_user == world.admin  # written through the services, audited


def test_reimporting_the_same_file_changes_nothing(client, world):
    client = as_user(client, world.admin)
    content = org_csv("org-a,Org A,law-enforcement,law-enforcement,US,public")
    before = Organization.objects.get(slug="org-a")
    history = before.history.count()
    job = staged(client, "organizations", content)
    report = check(client, job)
    assert report["counts"] == {"new": 0, "update": 0, "unchanged": 1, "error": 0}
    assert b"nothing to import" in client.get(f"/imports/{job.pk}/").content
    after = Organization.objects.get(slug="org-a")
    assert after.version == before.version and after.history.count() == history


def test_a_changed_row_is_an_update_naming_the_fields(client, world):
    client = as_user(client, world.admin)
    report = import_file(client, "organizations", org_csv("org-a,Org A renamed,law-enforcement,,US,public"))
    assert report["rows"][0]["status"] == "update"
    assert report["rows"][0]["changes"] == ["name"]
    assert Organization.objects.get(slug="org-a").name == "Org A renamed"


def test_windows_1252_with_semicolons_is_understood(client, world):
    client = as_user(client, world.admin)
    content = "slug;name;primary_sector;country\r\nfundacion-ninos;Fundación Niños Ñ;shelters-housing;MX\r\n"
    import_file(client, "organizations", content.encode("cp1252"))
    assert Organization.objects.get(slug="fundacion-ninos").name == "Fundación Niños Ñ"


def test_utf8_with_a_byte_order_mark_is_understood(client, world):
    client = as_user(client, world.admin)
    import_file(client, "organizations", b"\xef\xbb\xbf" + org_csv("bom-org,Café Sûr,health-care,,FR,public"))
    assert Organization.objects.get(slug="bom-org").name == "Café Sûr"


def test_an_xlsx_workbook_is_understood(client, world):
    client = as_user(client, world.admin)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["date", "title", "kind", "coalition", "participants"])
    import datetime

    sheet.append([datetime.datetime(2024, 5, 6), "Spring meeting", "coalition_meeting", "coalition-a", "org-a; org-b"])
    out = io.BytesIO()
    workbook.save(out)
    import_file(client, "meetings", out.getvalue(), "meetings.xlsx")
    meeting = Meeting.objects.get(title="Spring meeting")
    assert meeting.date.isoformat() == "2024-05-06"
    assert {p.organization.slug for p in meeting.participations.all()} == {"org-a", "org-b"}


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        ("slug,name\r\n".encode("utf-16"), "orgs.csv", "UTF-16"),
        (b"slug,name,primary_sector,country\nx,X\x00\x01,health-care,US\n", "orgs.csv", "NUL bytes"),
        (b"slug,name,primary_sector,country\nx,X\x81\x9d,health-care,US\n", "orgs.csv", "neither UTF-8 nor Windows"),
        (b"slug,name,primary_sector,country\nx,X\x02,health-care,US\n", "orgs.csv", "control characters"),
        (b"slug\tname\tprimary_sector\tcountry\nx\tX\thealth-care\tUS\n", "orgs.csv", "separated by tabs"),
        (b"slug|name|primary_sector|country\nx|X|health-care|US\n", "orgs.csv", "separated by '|'"),
        (b"slug,name,country\nx,X,US\n", "orgs.csv", "Missing column(s): primary_sector"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "orgs.xls", "old Excel"),
        (b"PK\x03\x04 not really a zip", "orgs.xlsx", "not a readable .xlsx"),
        (b"", "orgs.csv", "empty"),
        (b"slug,name,primary_sector,country\n", "orgs.csv", "no rows"),
        (b"name,name,primary_sector,country\nx,X,health-care,US\n", "orgs.csv", "more than once"),
        (b"slug,name,primary_sector,country\nx,X,health-care,US\n", "orgs.pdf", "Upload a .csv or .xlsx"),
    ],
)
def test_unreadable_files_are_rejected_beside_the_field_and_nothing_is_staged(
    client, world, content, filename, message
):
    client = as_user(client, world.admin)
    response = upload(client, "organizations", content, filename)
    assert response.status_code == 400
    assert message in form_error(response)
    assert b'class="field-error"' in response.content
    assert ImportJob.objects.count() == 0


@override_settings(IMPORT_MAX_UPLOAD_BYTES=200)
def test_a_file_over_the_size_limit_is_rejected(client, world):
    client = as_user(client, world.admin)
    response = upload(client, "organizations", org_csv(*[f"o{i},O {i},health-care,,US,public" for i in range(20)]))
    assert response.status_code == 400
    assert "the limit is 200" in form_error(response)
    assert ImportJob.objects.count() == 0


@override_settings(IMPORT_MAX_ROWS=3)
def test_a_file_over_the_row_limit_is_rejected(client, world):
    client = as_user(client, world.admin)
    response = upload(client, "organizations", org_csv(*[f"o{i},O {i},health-care,,US,public" for i in range(4)]))
    assert response.status_code == 400
    assert "more than 3 rows" in form_error(response)
    assert ImportJob.objects.count() == 0


def test_row_errors_name_the_row_the_column_and_the_problem_and_nothing_is_written(client, world):
    client = as_user(client, world.admin)
    content = org_csv(
        "good-org,Good Org,health-care,,US,public",
        "bad-sector,Bad Sector,helth-care,,US,public",
        "no-name,,health-care,,US,public",
        "bad-country,Bad Country,health-care,,Atlantis,public",
        "bad-visibility,Bad Visibility,health-care,,US,secret",
    )
    job = staged(client, "organizations", content)
    report = check(client, job)
    assert report["counts"] == {"new": 1, "update": 0, "unchanged": 0, "error": 4}
    errors = errors_of(report)
    assert (3, "primary_sector", "Unknown sector 'helth-care'. Did you mean 'health-care'?") in errors
    assert (4, "name", "A value is required.") in errors
    assert any(line == 5 and column == "country" and "not a country" in message for line, column, message in errors)
    assert any(
        line == 6 and column == "visibility" and "public, members" in message for line, column, message in errors
    )
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert "Import these rows" not in page
    assert "Did you mean &#x27;health-care&#x27;?" in page
    # Confirming anyway re-checks the file and still writes nothing: all or nothing.
    report = confirm(client, job)
    assert not report["committed"]
    assert not Organization.objects.filter(slug="good-org").exists()


def test_a_bad_date_is_reported_with_the_expected_form(client, world):
    client = as_user(client, world.admin)
    content = (
        b"coalition,organization,role,start_date\n"
        b"coalition-a,org-c,member,31/12/2024\n"
        b"coalition-a,org-d,member,2024-02-30\n"
    )
    report = check(client, staged(client, "memberships", content))
    assert errors_of(report) == [
        (2, "start_date", "'31/12/2024' is not a date; write dates as YYYY-MM-DD, e.g. 2025-03-31."),
        (3, "start_date", "'2024-02-30' is not a real date."),
    ]
    assert Membership.objects.count() == 3


def test_an_unknown_organisation_suggests_the_closest_matches(client, world):
    client = as_user(client, world.admin)
    content = (
        b"date,title,kind,coalition,participants\n2024-05-01,Meeting,coalition_meeting,coalition-a,org-a; org-bb:host\n"
    )
    report = check(client, staged(client, "meetings", content))
    [(line, column, message)] = errors_of(report)
    assert (line, column) == (2, "participants")
    assert message.startswith("No organisation 'org-bb'. Did you mean 'org-b'")
    assert Meeting.objects.count() == 0


def test_service_rules_are_reported_on_their_column(client, world):
    client = as_user(client, world.admin)
    # A coalition meeting needs two organisations (a rule of the meeting services).
    content = b"date,title,kind,coalition,participants\n2024-05-01,Alone,coalition_meeting,coalition-a,org-a\n"
    report = check(client, staged(client, "meetings", content))
    [(line, column, message)] = errors_of(report)
    assert (line, column) == (2, "participants")
    assert "at least two" in message


def test_the_same_record_twice_in_a_file_is_an_error(client, world):
    client = as_user(client, world.admin)
    content = org_csv("twin,Twin,health-care,,US,public", "twin,Twin again,health-care,,US,public")
    report = check(client, staged(client, "organizations", content))
    assert errors_of(report) == [(3, "slug", "Row 2 already describes this record.")]


def test_confirm_rechecks_the_file_against_the_current_data(client, world):
    client = as_user(client, world.admin)
    content = b"organization,name,email\norg-c,Casey Example,casey@example.org\n"
    job = staged(client, "contacts", content)
    assert check(client, job)["counts"]["new"] == 1
    world.org_c.delete()  # removed by someone else between preview and confirm
    report = confirm(client, job)
    assert not report["committed"]
    assert errors_of(report)[0][:2] == (2, "organization")
    assert Contact.objects.count() == 0


def test_contacts_round_trip_into_their_organisation(client, world):
    client = as_user(client, world.admin)
    import_file(client, "contacts", b"organization,name,title\norg-b,Sam Example,Coordinator\n")
    contact = Contact.objects.get(name="Sam Example")
    assert (contact.organization, contact.title) == (world.org_b, "Coordinator")
    report = import_file(client, "contacts", b"organization,name,title\norg-b,Sam Example,Coordinator\n")
    assert report["counts"]["unchanged"] == 1


def test_progress_endpoint_reports_rows_done(client, world):
    client = as_user(client, world.admin)
    job = staged(client, "organizations", org_csv("p1,P1,health-care,,US,public", "p2,P2,health-care,,US,public"))
    assert client.get(f"/imports/{job.pk}/progress/").json()["phase"] == "waiting"
    check(client, job)
    state = client.get(f"/imports/{job.pk}/progress/").json()
    assert (state["phase"], state["done"], state["total"], state["status"]) == ("done", 2, 2, "checked")


def test_templates_download_with_the_export_columns(client, world):
    client = as_user(client, world.admin)
    response = client.get("/imports/templates/meetings.csv")
    assert response.status_code == 200
    header = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[0]
    assert header == "date,title,kind,coalition,partnership,duration_minutes,visibility,outcomes,participants"
    assert client.get("/imports/templates/organizations.xlsx").status_code == 200
    assert client.get("/imports/templates/users.csv").status_code == 404


def test_the_upload_page_labels_every_control(client, world):
    page = as_user(client, world.admin).get("/imports/").content.decode()
    assert '<label for="id_kind">' in page and '<label for="id_file">' in page
