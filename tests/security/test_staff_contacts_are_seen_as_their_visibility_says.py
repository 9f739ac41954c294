"""Staff contacts are personal data: each is seen as its visibility says, and only coordinators and
admins download them in bulk."""

import pytest
from django.test import Client

from partners.models import Contact
from tests import factories as f
from tests.imports.helpers import import_file

pytestmark = pytest.mark.django_db

EMAIL = "casey@example.org"


@pytest.fixture
def contacts(world):
    """Casey (org B, coalition A) keeps the default; Robin (org C, coalition B) is open to everyone."""
    world.casey = f.contact(world.org_b, "Casey Contact", email=EMAIL)
    world.robin = f.contact(world.org_c, "Robin Open", email="robin@example.org", visibility="signed_in")
    return world


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_new_contact_is_seen_by_its_coalitions_only_by_default(contacts):
    assert Contact._meta.get_field("visibility").default == "coalitions"
    assert contacts.casey.visibility == "coalitions"


@pytest.mark.parametrize(
    ("persona", "sees_casey"),
    [("member", True), ("coordinator", True), ("admin", True), ("outsider", False), ("other_coordinator", False)],
)
def test_the_contacts_api_and_the_profile_page_follow_the_contacts_visibility(contacts, persona, sees_casey):
    client = signed_in(getattr(contacts, persona))
    listed = client.get("/api/v1/contacts/", {"page_size": 100}).json()["results"]
    assert ("Casey Contact" in [c["name"] for c in listed]) is sees_casey
    assert "Robin Open" in [c["name"] for c in listed]  # every signed-in user
    detail = client.get(f"/api/v1/contacts/{contacts.casey.pk}/")
    assert detail.status_code == (200 if sees_casey else 404)
    page = client.get(f"/organizations/{contacts.org_b.slug}/")
    assert page.status_code == 200
    assert (EMAIL in page.content.decode()) is sees_casey


def test_a_member_of_the_organisation_sees_its_contacts_outside_any_coalition(contacts):
    dana = f.contact(contacts.org_d, "Dana Own", email="dana@example.org")
    client = signed_in(contacts.outsider)  # of org D, in no coalition
    assert client.get(f"/api/v1/contacts/{dana.pk}/").status_code == 200
    assert client.get(f"/api/v1/contacts/{contacts.casey.pk}/").status_code == 404


def test_a_former_member_coalition_no_longer_opens_the_contacts(contacts):
    import datetime

    membership = contacts.org_b.memberships.get()
    membership.end_date = datetime.date(2021, 1, 1)
    membership.save()
    assert signed_in(contacts.member).get(f"/api/v1/contacts/{contacts.casey.pk}/").status_code == 404


def test_the_visibility_is_set_through_the_api_and_a_bad_value_is_refused(contacts):
    client = signed_in(contacts.member)
    response = client.post(
        "/api/v1/contacts/", {"organization": "org-a", "name": "Kim", "visibility": "signed_in"}, "application/json"
    )
    assert response.status_code == 201, response.content
    assert Contact.objects.get(name="Kim").visibility == "signed_in"
    response = client.post(
        "/api/v1/contacts/", {"organization": "org-a", "name": "Lee", "visibility": "everyone"}, "application/json"
    )
    assert response.status_code == 400
    assert "visibility" in response.json()
    assert not Contact.objects.filter(name="Lee").exists()


@pytest.mark.parametrize(
    "url",
    [
        "/imports/exports/contacts.csv",
        "/imports/exports/contacts.xlsx",
        "/api/v1/contacts/?format=csv",
        "/api/v1/contacts/?format=xlsx",
    ],
)
def test_a_member_is_refused_the_bulk_contacts_download_and_sees_no_address(contacts, url):
    for persona in ("member", "outsider"):
        response = signed_in(getattr(contacts, persona)).get(url)
        assert response.status_code == 403, (persona, url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert EMAIL.encode() not in body and b"robin@" not in body


@pytest.mark.parametrize("url", ["/imports/exports/contacts.csv", "/api/v1/contacts/?format=csv"])
def test_coordinators_and_admins_download_the_contacts_they_may_see(contacts, url):
    for persona, expected in (("coordinator", True), ("other_coordinator", False), ("admin", True)):
        response = signed_in(getattr(contacts, persona)).get(url)
        assert response.status_code == 200, (persona, url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert (EMAIL.encode() in body) is expected, persona
        assert b"robin@example.org" in body


def test_the_contacts_import_reads_the_visibility_column_and_defaults_to_the_narrower(client, contacts):
    client.force_login(contacts.admin)
    content = b"organization,name,visibility\norg-b,Open Person,signed_in\norg-b,Quiet Person,\n"
    report = import_file(client, "contacts", content)
    assert report["counts"]["new"] == 2, report
    assert Contact.objects.get(name="Open Person").visibility == "signed_in"
    assert Contact.objects.get(name="Quiet Person").visibility == "coalitions"
