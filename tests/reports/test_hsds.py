"""The Open Referral HSDS 3.0 export: valid against the schema, and nothing private in it."""

import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse

from partners.models import Contact, Organization
from reports.hsds import export as hsds
from reports.hsds import validation
from tests import factories as f
from tests.conftest import as_user

pytestmark = pytest.mark.django_db

TABLES_WITH_ROWS = {"organization", "location", "contact", "phone", "taxonomy", "taxonomy_term", "attribute"}


def test_demo_directory_exports_as_valid_hsds_with_nothing_members_only(tmp_path):
    call_command("seed_demo", verbosity=0)
    export = hsds.build_export()
    document = hsds.json_document(export)
    assert validation.json_errors(document) == []

    # Only active public profiles go out; every members-only one stays in.
    public = set(Organization.objects.filter(visibility="public", is_active=True).values_list("name", flat=True))
    members_only = set(Organization.objects.filter(visibility="members").values_list("name", flat=True))
    assert members_only, "the demo has members-only profiles"
    exported = {o["name"] for o in document["contents"]}
    assert exported == public
    assert document["total_items"] == len(public)

    # No staff contact (personal data) appears anywhere, by name, e-mail or phone.
    text = json.dumps(document, ensure_ascii=False)
    for name, email, phone in Contact.objects.values_list("name", "email", "phone"):
        assert name not in text
        assert email not in text
        assert phone not in text
    assert {c["name"] for o in document["contents"] for c in o["contacts"]} == {"General enquiries"}

    # The CSV data package: every table of the HSDS descriptor, official headers, valid rows.
    hsds.write_csv_package(export, tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    official = hsds.official_datapackage()
    assert [r["name"] for r in descriptor["resources"]] == [r["name"] for r in official["resources"]]
    files = {r["path"]: (tmp_path / r["path"]).read_text(encoding="utf-8") for r in descriptor["resources"]}
    assert validation.csv_errors(descriptor, files) == []
    for resource in official["resources"]:
        rows = list(csv.reader(io.StringIO(files[resource["path"]])))
        assert rows[0] == [field["name"] for field in resource["schema"]["fields"]]
        assert (len(rows) > 1) == (resource["name"] in TABLES_WITH_ROWS), resource["name"]
    organisations = list(csv.DictReader(io.StringIO(files["organizations.csv"])))
    assert {r["name"] for r in organisations} == public
    contacts_csv = files["contacts.csv"]
    for name in Contact.objects.values_list("name", flat=True):
        assert name not in contacts_csv


def test_validator_reports_a_broken_record():
    broken = {"contents": [{"id": "not-a-uuid", "name": "X", "description": "", "phones": [{"id": "x"}]}]}
    errors = validation.json_errors(broken)
    assert any("contents[0].id" in e and "uuid" in e for e in errors)
    assert any("phones.0" in e and "'number' is a required property" in e for e in errors)


def test_identifiers_are_stable_between_exports(world):
    first = hsds.json_document(hsds.build_export())
    second = hsds.json_document(hsds.build_export())
    assert [o["id"] for o in first["contents"]] == [o["id"] for o in second["contents"]]


def test_inactive_and_members_only_profiles_stay_out(world):
    f.organization("Closed Shelter", visibility="public", is_active=False)
    f.contact(world.org_a, "Jamie Private", email="jamie@private.example.org")
    names = {o["name"] for o in hsds.json_document(hsds.build_export())["contents"]}
    assert names == {"Org A", "Org C", "Org D"}  # Org B is members-only
    assert "Jamie Private" not in json.dumps(hsds.json_document(hsds.build_export()))


def test_admin_downloads_json_and_csv_package(client, world):
    as_user(client, world.admin)
    report = client.get(reverse("reports:coalition_report", kwargs={"slug": "coalition-a"}))
    assert reverse("reports:hsds_export") in report.content.decode()  # where admins find it
    page = client.get(reverse("reports:hsds_export"))
    assert page.status_code == 200
    assert "Members-only profiles are left out" in page.content.decode()

    response = client.get(reverse("reports:hsds_json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert validation.json_errors(json.loads(response.content)) == []

    response = client.get(reverse("reports:hsds_csv_zip"))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = set(archive.namelist())
        assert {"datapackage.json", "organizations.csv", "contacts.csv", "phones.csv", "locations.csv"} <= names
        organisations = list(csv.DictReader(io.StringIO(archive.read("organizations.csv").decode())))
    assert {r["name"] for r in organisations} == {"Org A", "Org C", "Org D"}


@pytest.mark.parametrize("name", ["hsds_export", "hsds_json", "hsds_csv_zip"])
def test_non_admins_get_403_and_anonymous_visitors_sign_in(client, world, name):
    url = reverse(f"reports:{name}")
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    for user in (world.coordinator, world.member):
        as_user(client, user)
        assert client.get(url).status_code == 403
    report = client.get(reverse("reports:coalition_report", kwargs={"slug": "coalition-a"}))
    assert reverse("reports:hsds_export") not in report.content.decode()
