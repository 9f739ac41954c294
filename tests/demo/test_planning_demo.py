"""The planning demo: upcoming meetings with agendas and replies, a cancelled one, minutes with
open and overdue action items, all dated from today; a second seed adds nothing."""

import pytest
from django.utils import timezone

from demo.planning import MARKER, build_planning_demo
from partners.choices import ActionItemStatus, InvitationReply
from partners.models import ActionItem, Invitation, Meeting
from partners.selectors.planning import action_items_overdue, upcoming_invitations

pytestmark = pytest.mark.django_db


def test_upcoming_meetings_have_agendas_invitations_and_replies(seeded):
    ahead = Meeting.objects.filter(starts_at__gt=timezone.now(), cancelled_at__isnull=True)
    assert ahead.count() >= 2
    monthly = Meeting.objects.get(title=MARKER)
    assert monthly.agenda_items.count() == 4
    replies = set(monthly.invitations.values_list("reply", flat=True))
    assert {
        InvitationReply.ATTENDING,
        InvitationReply.MAYBE,
        InvitationReply.NOT_ATTENDING,
        InvitationReply.PENDING,
    } <= replies
    assert Meeting.objects.filter(cancelled_at__isnull=False).exists()
    assert not Meeting.objects.filter(starts_at__gt=timezone.now()).filter(participations__isnull=False).exists()


def test_minutes_have_open_and_overdue_action_items_a_coordinator_sees(seeded):
    from django.contrib.auth import get_user_model

    coordinator = get_user_model().objects.get(username="coordinator")
    assert Meeting.objects.exclude(decisions="").exists()
    assert action_items_overdue(viewer=coordinator).count() >= 2
    assert ActionItem.objects.filter(status=ActionItemStatus.OPEN, due_on__gte=seeded).exists()
    member = get_user_model().objects.get(username="member")
    assert upcoming_invitations(viewer=member)  # the member's organisation is invited


def test_a_second_build_adds_nothing(seeded):
    before = (Meeting.objects.count(), Invitation.objects.count(), ActionItem.objects.count())
    assert build_planning_demo() is False
    assert (Meeting.objects.count(), Invitation.objects.count(), ActionItem.objects.count()) == before
