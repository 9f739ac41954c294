"""Standing relationships between two or more organisations (MOUs, referral protocols, ...) and
the history of their status."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partners.choices import PartnershipKind, PartnershipStatus
from partners.models.base import NO_PERSONAL_DATA, Timestamped
from partners.models.coalitions import Coalition
from partners.models.organizations import Organization


class Partnership(Timestamped):
    """An agreement or working relationship between two or more distinct organisations."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnershipKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=PartnershipStatus.choices, default=PartnershipStatus.ACTIVE, db_index=True
    )
    organizations = models.ManyToManyField(Organization, related_name="partnerships", verbose_name=_("organisations"))
    coalition = models.ForeignKey(
        Coalition, on_delete=models.SET_NULL, null=True, blank=True, related_name="partnerships"
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    renewal_date = models.DateField(_("renewal due"), null=True, blank=True, db_index=True)
    description = models.TextField(_("description"), blank=True, help_text=NO_PERSONAL_DATA)

    history = HistoricalRecords(m2m_fields=[organizations])

    class Meta:
        ordering = ["title"]
        verbose_name = _("partnership")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="partnership_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(renewal_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(renewal_date__gte=F("start_date")),
                name="partnership_renewal_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partners:partnership_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.start_date and self.renewal_date and self.renewal_date < self.start_date:
            errors["renewal_date"] = _("The renewal date cannot be before the start date.")
        if errors:
            raise ValidationError(errors)


class StatusChange(models.Model):
    """One step in a partnership's lifecycle: from which status to which, who, when and why.

    Written by the partnership services (partners.services.partnerships), never by a signal.
    The table keeps the name it had when the health app held this model.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(
        _("from"), max_length=10, choices=PartnershipStatus.choices, blank=True, help_text=_("Empty when created.")
    )
    to_status = models.CharField(_("to"), max_length=10, choices=PartnershipStatus.choices)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True, help_text=NO_PERSONAL_DATA)

    class Meta:
        db_table = "health_statuschange"
        ordering = ["-changed_at", "-id"]
        verbose_name = _("status change")
        indexes = [models.Index(fields=["partnership", "changed_at"], name="health_stat_partner_fe1090_idx")]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.from_status or '—'} → {self.to_status}"
