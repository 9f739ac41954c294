"""/api/v1/contacts/: staff contacts are personal data, for signed-in users only."""

import pytest

from partners.models import Contact
from tests import factories as f
from tests.api.conftest import state

pytestmark = pytest.mark.django_db
URL = "/api/v1/contacts/"


@pytest.fixture
def contacts(world):
    world.alex = f.contact(world.org_a, "Alex Example", email="alex@example.org")
    world.sam = f.contact(world.org_c, "Sam Sample", visibility="signed_in")  # org C: another coalition
    return world


def test_anonymous_caller_gets_401_for_the_list_and_a_contact(contacts, client_as):
    assert client_as(None).get(URL).status_code == 401
    assert client_as(None).get(f"{URL}{contacts.alex.pk}/").status_code == 401


def test_member_lists_contacts_and_filters_by_organisation(contacts, client_as):
    client = client_as(contacts.member)
    assert [c["name"] for c in client.get(URL).json()["results"]] == ["Alex Example", "Sam Sample"]
    rows = client.get(URL, {"organization": "org-c"}).json()["results"]
    assert [(c["name"], c["organization"]) for c in rows] == [("Sam Sample", "org-c")]


def test_member_adds_a_contact_to_their_own_organisation(contacts, client_as):
    response = client_as(contacts.member).post(URL, {"organization": "org-a", "name": "Kim"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["organization_name"] == "Org A"


def test_member_cannot_add_or_change_contacts_of_another_organisation(contacts, client_as):
    client = client_as(contacts.member)
    assert client.post(URL, {"organization": "org-c", "name": "Kim"}, format="json").status_code == 403
    before = state(contacts.sam)
    assert client.patch(f"{URL}{contacts.sam.pk}/", {"title": "Boss"}, format="json").status_code == 403
    assert client.delete(f"{URL}{contacts.sam.pk}/").status_code == 403
    assert state(contacts.sam) == before
    assert Contact.objects.count() == 2


def test_a_contact_cannot_be_moved_to_another_organisation(contacts, client_as):
    before = state(contacts.alex)
    response = client_as(contacts.admin).patch(f"{URL}{contacts.alex.pk}/", {"organization": "org-b"}, format="json")
    assert response.status_code == 400
    assert "organization" in response.json()
    assert state(contacts.alex) == before


def test_unknown_organisation_and_bad_email_are_refused_naming_the_field(contacts, client_as):
    response = client_as(contacts.admin).post(
        URL, {"organization": "no-such-org", "name": "Kim", "email": "not-an-address"}, format="json"
    )
    assert response.status_code == 400
    assert {"organization", "email"} <= set(response.json())


def test_admin_deletes_a_contact(contacts, client_as):
    assert client_as(contacts.admin).delete(f"{URL}{contacts.sam.pk}/").status_code == 204
    assert not Contact.objects.filter(pk=contacts.sam.pk).exists()


def test_list_runs_a_constant_number_of_queries(contacts, client_as, django_assert_max_num_queries):
    for i in range(5):
        f.contact(contacts.org_b, f"Person {i}")
    client = client_as(contacts.member)
    # 1-2 the viewer's organisation and coordinated coalitions (for the contacts' visibility),
    # 3 count, 4 page of contacts with their organisations.
    for size in (2, 50):
        with django_assert_max_num_queries(4):
            assert client.get(URL, {"page_size": size}).status_code == 200
