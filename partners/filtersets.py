"""Every FilterSet, shared by the HTML pages, the API and the analytics, so both front doors take
the same query parameters: slugs for related objects, `q` for text search, `since`/`until` for
dates, `ordering` for sorting.

Choice lists for related objects come from a function of the request, so a dropdown never
lists what the user may not see.
"""

from __future__ import annotations

import django_filters as filters
from django.core.validators import MaxLengthValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partners.choices import (
    ActionItemStatus,
    BudgetBand,
    MeetingKind,
    MeetingVisibility,
    MembershipRole,
    PartnershipKind,
    PartnershipStatus,
    StaffSize,
)
from partners.dates import BoundedDateFilter
from partners.filter_fields import (
    DateRangeForm,
    RelatedChoiceFilter,
    SlugMultipleFilter,
    SortFilter,
    visible_coalitions,
    visible_organizations,
    visible_partnerships,
)
from partners.models import (
    ActionItem,
    AreaOfWork,
    Contact,
    Meeting,
    Membership,
    Organization,
    Partnership,
    Sector,
    TraffickingForm,
)
from partners.models.coalitions import membership_current_q
from partners.selectors.search import SEARCH_MAX_LENGTH, organizations_matching


class OrganizationFilterSet(filters.FilterSet):
    q = filters.CharFilter(
        method="search",
        label=_("Search"),
        help_text=_("Words of the name, acronym, description, city or sector. Accents and capitals do not matter."),
        validators=[
            MaxLengthValidator(
                SEARCH_MAX_LENGTH,
                message=_("Search with at most %(limit_value)d characters (this has %(show_value)d)."),
            )
        ],
    )
    sector = SlugMultipleFilter(field_name="sectors", queryset=Sector.objects.all(), label=_("Sector"))
    country = filters.CharFilter(method="filter_country", label=_("Country (ISO code)"))
    region = filters.CharFilter(field_name="region", lookup_expr="iexact", label=_("Region"))
    coalition = RelatedChoiceFilter(
        field_name="memberships__coalition",
        to_field_name="slug",
        queryset=visible_coalitions,
        label=_("Coalition"),
    )
    area = SlugMultipleFilter(field_name="areas_of_work", queryset=AreaOfWork.objects.all(), label=_("Area of work"))
    form = SlugMultipleFilter(
        field_name="trafficking_forms", queryset=TraffickingForm.objects.all(), label=_("Form of trafficking")
    )
    survivor_led = filters.BooleanFilter(field_name="survivor_led", label=_("Survivor-led"))
    staff_size = filters.MultipleChoiceFilter(choices=StaffSize.choices, label=_("Staff size"))
    budget_band = filters.MultipleChoiceFilter(choices=BudgetBand.choices, label=_("Annual budget"))
    is_active = filters.BooleanFilter(field_name="is_active", label=_("Active"))
    ordering = SortFilter(
        orders=[
            ("name", "name", _("Name, A to Z"), _("Name, Z to A")),
            ("country", "country", _("Country, A to Z"), _("Country, Z to A")),
            ("updated_at", "updated", _("Updated, oldest first"), _("Updated, newest first")),
            ("founded_year", "founded", _("Founded, oldest first"), _("Founded, newest first")),
        ]
    )

    class Meta:
        model = Organization
        fields = [
            "q",
            "sector",
            "country",
            "region",
            "coalition",
            "area",
            "form",
            "survivor_led",
            "staff_size",
            "budget_band",
            "is_active",
        ]

    def search(self, queryset, name, value):
        # Ranked best first; a chosen `ordering` (applied after this filter) replaces the ranking.
        return organizations_matching(queryset=queryset, text=value)

    def filter_country(self, queryset, name, value):
        # Codes are stored upper-case: an exact match uses the index, where `iexact` would not.
        value = value.strip().upper()
        return queryset.filter(country=value) if value else queryset


class ContactFilterSet(filters.FilterSet):
    q = filters.CharFilter(method="search", label=_("Search"))
    organization = filters.ModelChoiceFilter(
        field_name="organization", to_field_name="slug", queryset=visible_organizations, label=_("Organisation")
    )
    ordering = SortFilter(
        orders=[
            ("name", "name", _("Name, A to Z"), _("Name, Z to A")),
            ("organization__name", "organization", _("Organisation, A to Z"), _("Organisation, Z to A")),
        ]
    )

    class Meta:
        model = Contact
        fields = ["q", "organization"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(title__icontains=value) | Q(email__icontains=value))


class MembershipFilterSet(filters.FilterSet):
    coalition = filters.ModelChoiceFilter(
        field_name="coalition", to_field_name="slug", queryset=visible_coalitions, label=_("Coalition")
    )
    organization = filters.ModelChoiceFilter(
        field_name="organization", to_field_name="slug", queryset=visible_organizations, label=_("Organisation")
    )
    role = filters.MultipleChoiceFilter(choices=MembershipRole.choices, label=_("Role"))
    current = filters.BooleanFilter(method="filter_current", label=_("Current only"))
    ordering = SortFilter(
        orders=[
            ("start_date", "start_date", _("Start, oldest first"), _("Start, newest first")),
            ("organization__name", "organization", _("Organisation, A to Z"), _("Organisation, Z to A")),
            ("role", "role", _("Role, A to Z"), _("Role, Z to A")),
        ]
    )

    class Meta:
        model = Membership
        fields = ["coalition", "organization", "role", "current"]

    def filter_current(self, queryset, name, value):
        current = membership_current_q()
        return queryset.filter(current) if value else queryset.exclude(current)


class PartnershipFilterSet(filters.FilterSet):
    q = filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Search"))
    kind = filters.MultipleChoiceFilter(choices=PartnershipKind.choices, label=_("Kind"))
    status = filters.MultipleChoiceFilter(choices=PartnershipStatus.choices, label=_("Status"))
    organization = RelatedChoiceFilter(
        field_name="organizations",
        to_field_name="slug",
        queryset=visible_organizations,
        label=_("Organisation"),
    )
    coalition = filters.ModelChoiceFilter(
        field_name="coalition", to_field_name="slug", queryset=visible_coalitions, label=_("Coalition")
    )
    renewal_before = BoundedDateFilter(
        field_name="renewal_date", lookup_expr="lte", label=_("Renewal due on or before")
    )
    ordering = SortFilter(
        orders=[
            ("title", "title", _("Title, A to Z"), _("Title, Z to A")),
            ("start_date", "start_date", _("Start, oldest first"), _("Start, newest first")),
            ("renewal_date", "renewal_date", _("Renewal, soonest first"), _("Renewal, latest first")),
            ("status", "status", _("Status, A to Z"), _("Status, Z to A")),
        ]
    )

    class Meta:
        model = Partnership
        fields = ["q", "kind", "status", "organization", "coalition", "renewal_before"]


class MeetingFilterSet(filters.FilterSet):
    q = filters.CharFilter(method="search", label=_("Search"), help_text=_("Title or outcomes."))
    since = BoundedDateFilter(field_name="date", lookup_expr="gte", label=_("From"))
    until = BoundedDateFilter(field_name="date", lookup_expr="lte", label=_("Until"))
    kind = filters.MultipleChoiceFilter(choices=MeetingKind.choices, label=_("Kind"))
    coalition = filters.ModelChoiceFilter(
        field_name="coalition", to_field_name="slug", queryset=visible_coalitions, label=_("Coalition")
    )
    partnership = filters.ModelChoiceFilter(
        field_name="partnership", queryset=visible_partnerships, label=_("Partnership")
    )
    organization = filters.ModelChoiceFilter(
        method="filter_organization", to_field_name="slug", queryset=visible_organizations, label=_("Organisation")
    )
    sector = filters.ModelChoiceFilter(
        method="filter_sector", to_field_name="slug", queryset=Sector.objects.all(), label=_("Sector")
    )
    visibility = filters.ChoiceFilter(choices=MeetingVisibility.choices, label=_("Visibility"))
    ordering = SortFilter(
        orders=[
            ("date", "date", _("Date, oldest first"), _("Date, newest first")),
            ("title", "title", _("Title, A to Z"), _("Title, Z to A")),
            ("kind", "kind", _("Kind, A to Z"), _("Kind, Z to A")),
        ]
    )

    class Meta:
        model = Meeting
        form = DateRangeForm
        fields = ["q", "since", "until", "kind", "coalition", "partnership", "organization", "sector", "visibility"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(outcomes__icontains=value))

    def filter_organization(self, queryset, name, value):
        # A subquery rather than a join, so a meeting is listed once however many rows match.
        return queryset.filter(pk__in=value.participations.values("meeting_id")) if value else queryset

    def filter_sector(self, queryset, name, value):
        if not value:
            return queryset
        from partners.models import Participation

        return queryset.filter(pk__in=Participation.objects.filter(organization__sectors=value).values("meeting_id"))


class PlannedMeetingFilterSet(filters.FilterSet):
    """Planned meetings: by coalition, dates, and whether still ahead or cancelled."""

    coalition = filters.ModelChoiceFilter(
        field_name="coalition", to_field_name="slug", queryset=visible_coalitions, label=_("Coalition")
    )
    since = BoundedDateFilter(field_name="date", lookup_expr="gte", label=_("From"))
    until = BoundedDateFilter(field_name="date", lookup_expr="lte", label=_("Until"))
    upcoming = filters.BooleanFilter(method="filter_upcoming", label=_("Still ahead"))
    cancelled = filters.BooleanFilter(
        field_name="cancelled_at", lookup_expr="isnull", exclude=True, label=_("Cancelled")
    )

    class Meta:
        model = Meeting
        form = DateRangeForm
        fields = ["coalition", "since", "until", "upcoming", "cancelled"]

    def filter_upcoming(self, queryset, name, value):
        from django.utils import timezone

        if value is None:
            return queryset
        ahead = Q(starts_at__gte=timezone.now(), cancelled_at__isnull=True)
        return queryset.filter(ahead) if value else queryset.exclude(ahead)


class ActionItemFilterSet(filters.FilterSet):
    """Action items: by status, overdue (open and past due), owner organisation, coalition, meeting."""

    q = filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Search"))
    status = filters.MultipleChoiceFilter(choices=ActionItemStatus.choices, label=_("Status"))
    overdue = filters.BooleanFilter(method="filter_overdue", label=_("Overdue"))
    owner_organization = filters.ModelChoiceFilter(
        field_name="owner_organization",
        to_field_name="slug",
        queryset=visible_organizations,
        label=_("Owner organisation"),
    )
    coalition = filters.ModelChoiceFilter(
        method="filter_coalition", to_field_name="slug", queryset=visible_coalitions, label=_("Coalition")
    )
    # A meeting's number: whole and within the id range, or the filter answers 400 naming it.
    meeting = filters.NumberFilter(
        field_name="meeting_id", label=_("Meeting"), min_value=1, max_value=2**31 - 1, decimal_places=0
    )
    due_before = BoundedDateFilter(field_name="due_on", lookup_expr="lte", label=_("Due on or before"))
    ordering = SortFilter(
        orders=[
            ("due_on", "due_on", _("Due, soonest first"), _("Due, latest first")),
            ("status", "status", _("Status, A to Z"), _("Status, Z to A")),
            ("title", "title", _("Title, A to Z"), _("Title, Z to A")),
        ]
    )

    class Meta:
        model = ActionItem
        form = DateRangeForm
        fields = ["q", "status", "overdue", "owner_organization", "coalition", "meeting", "due_before"]

    def filter_overdue(self, queryset, name, value):
        from django.utils import timezone

        if value is None:
            return queryset
        overdue = Q(status=ActionItemStatus.OPEN, due_on__lt=timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_coalition(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Q(coalition=value) | Q(meeting__coalition=value))


class AnalyticsFilterSet(filters.FilterSet):
    """The filters every analytics read takes: coalition, sector, kind, since, until.

    `sector` keeps collaborations in which at least one of the two organisations belongs to it.
    """

    coalition = filters.ModelChoiceFilter(
        field_name="coalition", to_field_name="slug", queryset=visible_coalitions, label=_("Coalition")
    )
    sector = filters.ModelChoiceFilter(
        method="keep", to_field_name="slug", queryset=Sector.objects.all(), label=_("Sector")
    )
    kind = filters.MultipleChoiceFilter(choices=MeetingKind.choices, label=_("Kind of activity"))
    since = BoundedDateFilter(field_name="date", lookup_expr="gte", label=_("From"))
    until = BoundedDateFilter(field_name="date", lookup_expr="lte", label=_("Until"))

    class Meta:
        model = Meeting
        form = DateRangeForm
        fields = ["coalition", "sector", "kind", "since", "until"]

    def keep(self, queryset, name, value):
        return queryset  # applied by the analytics selectors, which know which side of a pair to test
