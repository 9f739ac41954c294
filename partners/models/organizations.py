"""Partner organisations and their staff contacts (contacts are personal data: members only)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from partners.choices import BudgetBand, ContactVisibility, ProfileVisibility, StaffSize
from partners.models.base import NO_PERSONAL_DATA, Timestamped
from partners.models.sectors import AreaOfWork, Population, Sector, TraffickingForm

percent = [MinValueValidator(0), MaxValueValidator(100)]


class Organization(Timestamped):
    """A partner organisation's profile."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    primary_sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="primary_organizations", verbose_name=_("primary sector")
    )
    sectors = models.ManyToManyField(
        Sector,
        related_name="organizations",
        blank=True,
        verbose_name=_("sectors"),
        help_text=_("Every sector the organisation belongs to; the primary sector is always included."),
    )
    description = models.TextField(_("description"), blank=True, help_text=NO_PERSONAL_DATA)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("general e-mail"), blank=True, help_text=_("An office address, not a person's."))
    phone = models.CharField(_("general phone"), max_length=40, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    region = models.CharField(_("region"), max_length=120, blank=True, db_index=True)
    country = CountryField(_("country"), db_index=True)
    areas_of_work = models.ManyToManyField(AreaOfWork, blank=True, related_name="organizations")
    trafficking_forms = models.ManyToManyField(
        TraffickingForm, blank=True, related_name="organizations", verbose_name=_("forms of trafficking addressed")
    )
    populations = models.ManyToManyField(
        Population, blank=True, related_name="organizations", verbose_name=_("populations served")
    )
    founded_year = models.PositiveSmallIntegerField(_("founded in"), null=True, blank=True)
    staff_size = models.CharField(_("staff size"), max_length=10, choices=StaffSize.choices, blank=True, db_index=True)
    budget_band = models.CharField(
        _("annual budget"), max_length=10, choices=BudgetBand.choices, blank=True, db_index=True
    )
    survivor_led = models.BooleanField(_("survivor-led"), default=False, db_index=True)
    visibility = models.CharField(
        _("profile visibility"),
        max_length=10,
        choices=ProfileVisibility.choices,
        default=ProfileVisibility.MEMBERS,
        db_index=True,
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Optional, self-reported, organisation-level figures; shown only aggregated over five or
    # more organisations. No individual's gender or ethnicity is ever stored.
    leadership_women_pct = models.PositiveSmallIntegerField(
        _("women in leadership (%)"), null=True, blank=True, validators=percent
    )
    leadership_minority_pct = models.PositiveSmallIntegerField(
        _("minority groups in leadership (%)"), null=True, blank=True, validators=percent
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        indexes = [models.Index(fields=["name"]), models.Index(fields=["updated_at"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:organization_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.founded_year is not None and not 1800 <= self.founded_year <= timezone.now().year:
            raise ValidationError({"founded_year": _("Enter a year between 1800 and this year.")})


class Contact(Timestamped):
    """A staff contact of a partner organisation: personal data, seen as its `visibility` says."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    visibility = models.CharField(
        _("visible to"),
        max_length=12,
        choices=ContactVisibility.choices,
        default=ContactVisibility.COALITIONS,
        help_text=_(
            "Besides admins and your own organisation: the members and coordinators of the coalitions "
            "your organisation belongs to, or every signed-in user."
        ),
    )
    last_confirmed_on = models.DateField(
        _("last confirmed"),
        null=True,
        blank=True,
        help_text=_(
            "The day someone of the organisation last said these details are current. Set when a contact "
            "is added, edited or confirmed; empty when no one has confirmed it yet."
        ),
    )

    history = HistoricalRecords()

    # Staff turn over: a contact nobody has confirmed for this long is shown as possibly out of date,
    # and its organisation's members are asked to confirm or update it.
    CONFIRM_EVERY = datetime.timedelta(days=365)

    class Meta:
        ordering = ["organization__name", "name"]
        verbose_name = _("contact")

    def __str__(self) -> str:
        return f"{self.name} ({self.organization})"

    @classmethod
    def confirmation_due_before(cls, today: datetime.date | None = None) -> datetime.date:
        """Contacts last confirmed before this day (or never) are due for confirmation."""
        return (today or timezone.localdate()) - cls.CONFIRM_EVERY

    @classmethod
    def confirmation_due_q(cls, today: datetime.date | None = None) -> models.Q:
        return models.Q(last_confirmed_on__isnull=True) | models.Q(
            last_confirmed_on__lt=cls.confirmation_due_before(today)
        )

    @property
    def confirmation_due(self) -> bool:
        """Not confirmed for over a year, or never."""
        return self.last_confirmed_on is None or self.last_confirmed_on < self.confirmation_due_before()
