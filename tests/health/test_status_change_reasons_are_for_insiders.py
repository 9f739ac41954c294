"""A partnership's status-change reasons are for its insiders only, as its repair log is."""

import pytest

from partners.models import StatusChange
from tests import factories as f

pytestmark = pytest.mark.django_db

REASON = "interviews scheduled without an advocate present"


@pytest.fixture
def reasoned(task_force):
    StatusChange.objects.create(
        partnership=task_force.strained, from_status="active", to_status="strained", reason=REASON
    )
    return task_force


@pytest.mark.parametrize("who", ["ngo_staff", "coordinator", "admin"])
def test_insiders_read_the_reason_on_the_health_page(client, reasoned, who):
    client.force_login(getattr(reasoned, who))
    response = client.get(f"/partnerships/{reasoned.strained.pk}/health/")
    assert response.status_code == 200
    assert REASON in response.content.decode()


def test_outsiders_see_the_status_history_without_its_reasons(client, reasoned):
    other_coordinator = f.user("other-coordinator", coordinates=[f.coalition("Elsewhere")])
    for user in (reasoned.outsider, reasoned.bank_staff, other_coordinator):
        client.force_login(user)
        response = client.get(f"/partnerships/{reasoned.strained.pk}/health/")
        assert response.status_code == 200
        body = response.content.decode()
        assert "Strained" in body  # the change itself is shown
        assert REASON not in body
        assert "The reasons for each change are shown to the partner organisations" in body


def test_no_api_answer_carries_a_status_change_reason(api, reasoned):
    for user in (reasoned.outsider, reasoned.bank_staff):
        api.force_authenticate(user)
        for url in (
            f"/api/v1/partnerships/{reasoned.strained.pk}/",
            "/api/v1/partnerships/",
            f"/api/v1/analytics/attention/?coalition={reasoned.coalition.slug}",
        ):
            response = api.get(url)
            assert response.status_code == 200, url
            assert REASON not in response.content.decode(), url
