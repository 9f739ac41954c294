"""Partnership health: the restricted tension and repair log, partner check-ins, and the table of
complementary sector pairs behind suggested introductions. (The status history is part of the
partnership aggregate: partners.models.StatusChange.)"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history import register

from health.choices import AttentionAction, AttentionKind, AttentionState, RepairAction, RepairOutcome, TensionCause
from partners.models import Coalition, Organization, Partnership, Sector
from partners.models.base import NO_PERSONAL_DATA, Timestamped

SCORE = [MinValueValidator(1), MaxValueValidator(4)]
SCORE_HELP = _("1 = not at all, 2 = a small amount, 3 = a fair amount, 4 = very much.")


class RepairLogEntry(Timestamped):
    """A tension in a partnership and what was done about it.

    Restricted: only users of the partnership's organisations, the coalition's coordinators and
    admins may see these rows (health.permissions.repair_entries_visible_to).
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="repair_log")
    raised_on = models.DateField(_("raised on"), default=timezone.localdate)
    cause = models.CharField(_("what it was about"), max_length=20, choices=TensionCause.choices)
    action = models.CharField(_("what was done"), max_length=25, choices=RepairAction.choices)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=RepairOutcome.choices, default=RepairOutcome.ONGOING
    )
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=4000, help_text=NO_PERSONAL_DATA)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-raised_on", "-id"]
        verbose_name = _("tension and repair entry")
        verbose_name_plural = _("tension and repair log")
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=F("raised_on")),
                name="repair_resolved_not_before_raised",
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.get_cause_display()} ({self.raised_on:%Y-%m-%d})"

    def clean(self) -> None:
        if self.resolved_on and self.raised_on and self.resolved_on < self.raised_on:
            raise ValidationError({"resolved_on": _("The resolution date cannot be before the date it was raised.")})


class CheckIn(models.Model):
    """One partner organisation's rating of a partnership for one quarter (1–4 per item).

    Trust: reliability, openness, shared mission. Value: resources contributed, level of
    involvement, influence. One row per partnership, organisation and quarter; a second
    check-in in the same quarter replaces the first.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="check_ins")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="check_ins")
    period = models.DateField(_("quarter"), help_text=_("The first day of the quarter rated."))
    reliability = models.PositiveSmallIntegerField(_("reliability"), validators=SCORE, help_text=SCORE_HELP)
    openness = models.PositiveSmallIntegerField(_("openness"), validators=SCORE, help_text=SCORE_HELP)
    shared_mission = models.PositiveSmallIntegerField(_("shared mission"), validators=SCORE, help_text=SCORE_HELP)
    resources = models.PositiveSmallIntegerField(_("resources contributed"), validators=SCORE, help_text=SCORE_HELP)
    involvement = models.PositiveSmallIntegerField(_("level of involvement"), validators=SCORE, help_text=SCORE_HELP)
    influence = models.PositiveSmallIntegerField(_("influence"), validators=SCORE, help_text=SCORE_HELP)
    comment = models.TextField(_("comment"), blank=True, max_length=2000, help_text=NO_PERSONAL_DATA)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    TRUST_ITEMS = ("reliability", "openness", "shared_mission")
    VALUE_ITEMS = ("resources", "involvement", "influence")
    ITEMS = TRUST_ITEMS + VALUE_ITEMS

    class Meta:
        ordering = ["-period", "organization__name"]
        verbose_name = _("check-in")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organization", "period"], name="checkin_once_per_quarter"),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{item}__gte": 1, f"{item}__lte": 4}), name=f"checkin_{item}_1_to_4"
                )
                for item in ("reliability", "openness", "shared_mission", "resources", "involvement", "influence")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} on {self.partnership} ({self.period:%Y-%m})"

    @property
    def quarter_label(self) -> str:
        return f"{self.period.year} Q{(self.period.month - 1) // 3 + 1}"

    @property
    def trust(self) -> float:
        return sum(getattr(self, i) for i in self.TRUST_ITEMS) / 3

    @property
    def value(self) -> float:
        return sum(getattr(self, i) for i in self.VALUE_ITEMS) / 3

    @property
    def overall(self) -> float:
        return sum(getattr(self, i) for i in self.ITEMS) / 6


class ComplementarySectorPair(models.Model):
    """Two sectors whose organisations typically need each other (a police unit and a
    victim-service provider, a clinic and a shelter): the basis for suggested introductions.

    Kept as data so a coalition can edit it in the admin; seeded by a data migration.
    """

    sector_a = models.ForeignKey(Sector, on_delete=models.CASCADE, related_name="+")
    sector_b = models.ForeignKey(Sector, on_delete=models.CASCADE, related_name="+")
    why = models.CharField(_("why they complement each other"), max_length=300, blank=True)

    class Meta:
        ordering = ["sector_a__position", "sector_b__position"]
        verbose_name = _("complementary sector pair")
        constraints = [
            models.UniqueConstraint(fields=["sector_a", "sector_b"], name="complementary_pair_once"),
            models.CheckConstraint(condition=~Q(sector_a=F("sector_b")), name="complementary_pair_distinct"),
        ]

    def __str__(self) -> str:
        return f"{self.sector_a} ↔ {self.sector_b}"

    def clean(self) -> None:
        if self.sector_a_id and self.sector_a_id == self.sector_b_id:
            raise ValidationError({"sector_b": _("Pick two different sectors.")})
        if (
            self.sector_a_id
            and self.sector_b_id
            and ComplementarySectorPair.objects.filter(sector_a_id=self.sector_b_id, sector_b_id=self.sector_a_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError({"sector_b": _("This pair is already listed the other way round.")})


class AttentionWork(models.Model):
    """The work on one needs-attention item: who acknowledged it, who is on it, until when it is
    snoozed, and how it was resolved. Items are computed on read and found again by their key
    (health.selectors.attention.items.AttentionItem.key); a row exists once someone acts.

    The state shown is computed on read (health.selectors.attention.work): a snooze ends by
    itself on `snoozed_until`, and a resolved item comes back when its condition recurs, that is
    when the item's date differs from `resolved_condition_date` (a new renewal date, a new last
    activity, a new quarter of check-ins, a new date it was marked strained).
    """

    key = models.CharField(_("item"), max_length=500, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AttentionKind.choices)
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    state = models.CharField(_("state"), max_length=15, choices=AttentionState.choices, default=AttentionState.OPEN)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    snoozed_until = models.DateField(_("snoozed until"), null=True, blank=True)
    snooze_reason = models.CharField(_("why snoozed"), max_length=300, blank=True, help_text=NO_PERSONAL_DATA)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_note = models.TextField(
        _("how it was resolved"), max_length=2000, blank=True, help_text=NO_PERSONAL_DATA
    )
    resolved_condition_date = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("attention item work")

    def __str__(self) -> str:
        return f"{self.key}: {self.get_state_display()}"


class AttentionEvent(models.Model):
    """One change to the work on an attention item: who, when, what (the item's history)."""

    work = models.ForeignKey(AttentionWork, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("what"), max_length=15, choices=AttentionAction.choices)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    snoozed_until = models.DateField(null=True, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True, help_text=NO_PERSONAL_DATA)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("attention item change")

    def __str__(self) -> str:
        return f"{self.work.key}: {self.get_action_display()} ({self.at:%Y-%m-%d})"


# Field-by-field history of the repair log and check-ins. Their history tables belong to the
# audit app (named here by its label, not imported), where they have always been.
register(CheckIn, app="audit")
register(RepairLogEntry, app="audit")
