"""Partnership pages: filtered list, detail, create and edit through the services."""

from partners.models import Partnership
from tests import factories as f


def data(**changes):
    values = {
        "title": "Referral protocol A–B",
        "kind": "referral_protocol",
        "status": "active",
        "coalition": "coalition-a",
        "organization": ["org-a", "org-b"],
        "start_date": "2024-01-01",
        "renewal_date": "2025-01-01",
        "description": "",
    }
    values.update(changes)
    return values


def test_partnership_list_filters_by_status(world, client_as):
    f.partnership([world.org_a, world.org_b], title="Active one", status="active")
    f.partnership([world.org_a, world.org_c], title="Strained one", status="strained")
    html = client_as(world.member).get("/partnerships/?status=strained").content.decode()
    assert "Strained one" in html and "Active one" not in html
    assert client_as(None).get("/partnerships/").status_code == 302


def test_partnership_detail_is_404_for_anonymous(world, client_as):
    p = f.partnership([world.org_a, world.org_b])
    assert client_as(None).get(f"/partnerships/{p.pk}/").status_code == 404
    assert client_as(world.outsider).get(f"/partnerships/{p.pk}/").status_code == 200


def test_member_records_a_partnership_of_their_organisation(world, client_as):
    response = client_as(world.member).post("/partnerships/new/", data())
    p = Partnership.objects.get(title="Referral protocol A–B")
    assert response.status_code == 302 and response["Location"] == f"/partnerships/{p.pk}/"
    assert {o.slug for o in p.organizations.all()} == {"org-a", "org-b"}


def test_one_organisation_is_refused_beside_the_field(world, client_as):
    response = client_as(world.member).post("/partnerships/new/", data(organization=["org-a"]))
    assert response.status_code == 400
    assert "at least two distinct organisations" in response.content.decode()
    assert not Partnership.objects.exists()


def test_outsider_cannot_record_a_partnership_of_others(world, client_as):
    response = client_as(world.outsider).post("/partnerships/new/", data(coalition=""))
    assert response.status_code == 403
    assert not Partnership.objects.exists()


def test_edit_is_403_for_non_partners_and_changes_nothing(world, client_as):
    p = f.partnership([world.org_b, world.org_c], title="B–C")
    client = client_as(world.member)
    assert client.get(f"/partnerships/{p.pk}/edit/").status_code == 403
    assert client.post(f"/partnerships/{p.pk}/edit/", data(version=1)).status_code == 403
    p.refresh_from_db()
    assert p.title == "B–C"


def test_partner_edits_and_a_stale_copy_is_refused(world, client_as):
    p = f.partnership([world.org_a, world.org_b], title="A–B", coalition=world.coalition_a)
    client = client_as(world.member)
    assert 'name="organization" value="org-b"' in client.get(f"/partnerships/{p.pk}/edit/").content.decode()
    assert client.post(f"/partnerships/{p.pk}/edit/", data(title="A–B renamed", version=1)).status_code == 302
    response = client.post(f"/partnerships/{p.pk}/edit/", data(title="Stale", version=1))
    assert response.status_code == 409
    p.refresh_from_db()
    assert p.title == "A–B renamed"


def test_partnership_list_runs_a_constant_number_of_queries(world, client_as, django_assert_max_num_queries):
    for i in range(30):
        f.partnership([world.org_a, world.org_b, world.org_c], title=f"P{i:02d}", coalition=world.coalition_a)
    client = client_as(world.member)
    client.get("/partnerships/")
    # session, user, coordinator roles, organisation and coalition choices, count, page, organisations prefetch
    with django_assert_max_num_queries(9):
        client.get("/partnerships/?page_size=10")
    with django_assert_max_num_queries(9):
        client.get("/partnerships/?page_size=100")
