"""The demo shows every needs-attention case in the task force and a visible imbalance in equity."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from health.models import CheckIn, RepairLogEntry
from health.selectors.attention import coalition_attention
from health.selectors.equity import coalition_equity
from partners.models import Coalition, StatusChange

pytestmark = pytest.mark.django_db


def test_demo_task_force_shows_every_attention_kind_and_an_imbalance(capsys):
    call_command("seed_demo", verbosity=0)
    coordinator = get_user_model().objects.get(username="coordinator")
    task_force = Coalition.objects.get(slug="harbor-county-task-force")
    items = coalition_attention(viewer=coordinator, coalition=task_force)
    kinds = {i.kind for i in items}
    assert kinds == {
        "quiet",
        "renewal_due",
        "strained",
        "checkins_falling",
        "checkins_disagree",
        "reported_vs_actual",
        "absent_member",
        "introduction",
    }
    absent = {o.slug for i in items if i.kind == "absent_member" for o in i.organizations}
    assert {"compass", "harbor-bank"} <= absent

    equity = coalition_equity(viewer=coordinator, coalition=task_force)
    law = next(r for r in equity["sectors"] if r["sector"]["slug"] == "law-enforcement")
    assert law["hosted_share"] > 2 * law["members_share"]  # a few big agencies host most meetings
    assert equity["large"]["budget_band"]["hosted"] > equity["large"]["budget_band"]["members"]

    counts = (StatusChange.objects.count(), RepairLogEntry.objects.count(), CheckIn.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (StatusChange.objects.count(), RepairLogEntry.objects.count(), CheckIn.objects.count()) == counts
