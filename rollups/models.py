"""Pre-aggregated collaboration counts that the analytics read instead of scanning participations.

Every table is keyed by the dimensions a viewer's visibility and the analytics filters need
(date, kind, coalition, visibility class), so a read sums a few index ranges instead of joining
every participation twice. Database triggers (see rollups/triggers.py) keep the tables in step
with every write to meetings and participations, in the writer's own transaction; the
`rebuild_rollups` command recomputes them from scratch after bulk loads.

`coalition` is 0 for activities without a coalition, so that the unique keys (and the
upserts that maintain them) never meet a NULL.
"""

from django.db import models

from partners.models import Organization

NO_COALITION = 0


class PairDay(models.Model):
    """How many activities of one day, kind, coalition and visibility two organisations shared."""

    org_a = models.ForeignKey(Organization, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    org_b = models.ForeignKey(Organization, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    date = models.DateField()
    kind = models.CharField(max_length=20)
    coalition = models.IntegerField()
    visibility = models.CharField(max_length=15)
    # 0 on the plain rows. On a participants-only activity, the id of a participant for whom
    # this row counts a pair among the *other* participants: what that participant, and
    # nobody else of their visibility class, may see.
    via = models.BigIntegerField(default=0)
    activities = models.PositiveIntegerField()

    class Meta:
        ordering = ["org_a", "org_b", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_a", "org_b", "date", "kind", "coalition", "visibility", "via"], name="pairday_key"
            ),
            models.CheckConstraint(condition=models.Q(org_a__lt=models.F("org_b")), name="pairday_ordered"),
        ]
        indexes = [
            models.Index(fields=["org_b", "date"], name="pairday_b_date"),
            # Covering: a date-range read (the last 90 days) never visits the table.
            models.Index(fields=["date", "via"], name="pairday_date_cover", include=["org_a", "org_b", "activities"]),
            models.Index(fields=["coalition", "date"], name="pairday_coalition_date"),
            models.Index(fields=["via", "date"], name="pairday_via_date", condition=models.Q(via__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.org_a_id}–{self.org_b_id} {self.date}: {self.activities}"


class OrgDay(models.Model):
    """How many collaborative activities of one day, kind, coalition and visibility an
    organisation took part in."""

    organization = models.ForeignKey(Organization, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    date = models.DateField()
    kind = models.CharField(max_length=20)
    coalition = models.IntegerField()
    visibility = models.CharField(max_length=15)
    activities = models.PositiveIntegerField()

    class Meta:
        ordering = ["organization", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "date", "kind", "coalition", "visibility"], name="orgday_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.date}: {self.activities}"


class ActivityDay(models.Model):
    """How many collaborative activities (two or more organisations) of one day, kind,
    coalition and visibility took place."""

    date = models.DateField()
    kind = models.CharField(max_length=20)
    coalition = models.IntegerField()
    visibility = models.CharField(max_length=15)
    activities = models.PositiveIntegerField()

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["date", "kind", "coalition", "visibility"], name="activityday_key")
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.activities}"


class ChangeStamp(models.Model):
    """A counter per coalition (0: activities without one) raised by every write that changes
    its collaboration figures; caches of derived results key on it."""

    coalition = models.IntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["coalition"]

    def __str__(self) -> str:
        return f"coalition {self.coalition}: v{self.version}"
