"""Moving a partnership between coalitions hands its check-ins and repair log to other
coordinators: an admin, or a coordinator of both the old and the new coalition, may do it."""

import pytest

from partners.models import Partnership
from tests import factories as f

pytestmark = pytest.mark.django_db
URL = "/api/v1/partnerships/"
MESSAGE = "coordinator of both coalitions"


@pytest.fixture
def partnership(world):
    return f.partnership([world.org_a, world.org_b], title="A–B", coalition=world.coalition_a)


def test_a_partner_member_cannot_move_the_partnership_api(world, partnership, client_as):
    for coalition in ("coalition-b", None):
        response = client_as(world.member).patch(f"{URL}{partnership.pk}/", {"coalition": coalition}, format="json")
        assert response.status_code == 403, response.content
        assert MESSAGE in response.json()["detail"]
    p = Partnership.objects.get(pk=partnership.pk)
    assert p.coalition == world.coalition_a and p.version == 1


def test_a_coordinator_of_one_side_only_cannot_move_it(world, partnership, client_as):
    response = client_as(world.coordinator).patch(
        f"{URL}{partnership.pk}/", {"coalition": "coalition-b"}, format="json"
    )
    assert response.status_code == 403
    assert Partnership.objects.get(pk=partnership.pk).coalition == world.coalition_a


def test_a_coordinator_of_both_and_an_admin_may_move_it(world, partnership, client_as):
    both = f.user("both", coordinates=[world.coalition_a, world.coalition_b])
    response = client_as(both).patch(f"{URL}{partnership.pk}/", {"coalition": "coalition-b"}, format="json")
    assert response.status_code == 200
    response = client_as(world.admin).patch(f"{URL}{partnership.pk}/", {"coalition": "coalition-a"}, format="json")
    assert response.status_code == 200
    assert Partnership.objects.get(pk=partnership.pk).coalition == world.coalition_a


def test_a_partner_member_cannot_move_the_partnership_page(world, partnership, client):
    client.force_login(world.member)
    data = {
        "title": "A–B",
        "kind": "mou",
        "status": "active",
        "coalition": "coalition-b",
        "organization": ["org-a", "org-b"],
        "description": "",
        "version": 1,
    }
    response = client.post(f"/partnerships/{partnership.pk}/edit/", data)
    assert response.status_code == 403
    assert MESSAGE in response.content.decode()
    p = Partnership.objects.get(pk=partnership.pk)
    assert p.coalition == world.coalition_a and p.version == 1
    data["title"] = "A–B renamed"
    data["coalition"] = "coalition-a"
    assert client.post(f"/partnerships/{partnership.pk}/edit/", data).status_code == 302
