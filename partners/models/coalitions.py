"""Coalitions (task forces, networks, referral mechanisms) and their dated memberships."""

from __future__ import annotations

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from partners.choices import CoalitionKind, CoalitionScope, MembershipRole
from partners.models.base import NO_PERSONAL_DATA, Timestamped
from partners.models.organizations import Organization


def default_time_zone() -> str:
    """New coalitions start in the site's zone (settings.TIME_ZONE)."""
    return settings.TIME_ZONE


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("Enter a time zone name such as Europe/Brussels or America/New_York."), code="time_zone"
        ) from None


class Coalition(Timestamped):
    """A task force, coalition, network, working group or referral mechanism."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CoalitionKind.choices)
    scope = models.CharField(_("scope"), max_length=20, choices=CoalitionScope.choices)
    countries = CountryField(_("countries"), multiple=True, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=NO_PERSONAL_DATA)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    quiet_after_days = models.PositiveSmallIntegerField(
        _("quiet after (days)"),
        default=90,
        validators=[MinValueValidator(7), MaxValueValidator(3650)],
        help_text=_("A partnership with no joint activity for this many days needs attention."),
    )
    absent_after_meetings = models.PositiveSmallIntegerField(
        _("absent after (meetings)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("A member missing this many coalition meetings in a row needs attention."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("Meeting times are entered and shown in this zone, e.g. Europe/Brussels."),
    )
    members = models.ManyToManyField(Organization, through="Membership", related_name="coalitions")

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("coalition")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:coalition_detail", kwargs={"slug": self.slug})

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zone_of(self)


def membership_during_q(since: datetime.date, until: datetime.date, *, via: str = "") -> Q:
    """THE rule for a membership held on at least one day from `since` to `until`: started on
    or before the last day and not ended before the first (an open end means still current).

    `via` names the path to the membership from the model being filtered or annotated, for
    example "memberships" on a coalition or an organisation.
    """
    prefix = f"{via}__" if via else ""
    return Q(**{f"{prefix}start_date__lte": until}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": since})
    )


def membership_current_q(on: datetime.date | None = None, *, via: str = "") -> Q:
    """A membership current on the day `on` (today by default): started on or before it and not
    ended before it. One ending later, or on that very day, is still current; one starting later
    is not yet."""
    day = on or timezone.localdate()
    return membership_during_q(day, day, via=via)


class MembershipQuerySet(models.QuerySet):
    """Memberships, with the one definition of "current" that every page, figure and list uses."""

    def current(self, on: datetime.date | None = None) -> MembershipQuerySet:
        """Memberships current on the day `on` (today by default); see membership_current_q."""
        return self.filter(membership_current_q(on))

    def during(self, since: datetime.date, until: datetime.date) -> MembershipQuerySet:
        """Memberships held on at least one day of the period; see membership_during_q."""
        return self.filter(membership_during_q(since, until))


class Membership(Timestamped):
    """An organisation's role in a coalition over a span of dates (an open end means current)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True, help_text=_("Leave empty while current."))

    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["coalition__name", "organization__name", "start_date"]
        verbose_name = _("membership")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="membership_end_not_before_start",
            )
        ]
        indexes = [models.Index(fields=["coalition", "role"])]

    def __str__(self) -> str:
        return f"{self.organization} in {self.coalition} ({self.get_role_display()})"

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


def zone_of(coalition: Coalition | None) -> zoneinfo.ZoneInfo:
    """The zone a meeting's times are entered and shown in: its coalition's, else the site's."""
    name = (coalition.time_zone if coalition is not None else "") or settings.TIME_ZONE
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)
