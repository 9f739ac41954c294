"""Standing relationships between two or more organisations (MOUs, referral protocols, ...)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
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
