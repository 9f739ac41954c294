"""The demo shows contacts confirmed at various dates (some over a year ago, the demo member's
organisation among them) and one pending invitation; a second run changes nothing."""

import pytest
from django.contrib.auth import get_user_model

from audit.models import PersonInvitation
from demo.people import build_people_demo
from partners.models import Contact
from partners.selectors.contacts import contacts_due_for
from tests.demo.conftest import demo_region, seeded  # noqa: F401  (the seeded demo region)

pytestmark = pytest.mark.django_db


def test_demo_has_current_stale_and_unconfirmed_contacts_and_one_pending_invitation(seeded):  # noqa: F811
    due = Contact.objects.filter(Contact.confirmation_due_q()).count()
    assert 0 < due < Contact.objects.count()
    assert Contact.objects.filter(last_confirmed_on__isnull=True).exists()
    member = get_user_model().objects.get(username="member")
    prompt = contacts_due_for(viewer=member)
    assert prompt is not None and prompt.organization.slug == "beacon" and prompt.due == 1
    invitation = PersonInvitation.objects.get()
    assert invitation.is_open and not invitation.is_expired()
    before = list(Contact.objects.order_by("pk").values_list("pk", "last_confirmed_on"))
    assert build_people_demo() is False
    assert list(Contact.objects.order_by("pk").values_list("pk", "last_confirmed_on")) == before
    assert PersonInvitation.objects.count() == 1
