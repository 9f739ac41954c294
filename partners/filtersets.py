"""Every FilterSet, shared by the HTML pages, the API and the analytics, so both front doors take
the same query parameters: slugs for related objects, `q` for text search, `since`/`until` for
dates, `ordering` for sorting.

Choice lists for related objects come from a function of the request, so a dropdown never
lists what the user may not see.
"""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from partners import permissions as perms
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


def _visible_coalitions(request):
    return perms.coalitions_visible_to(getattr(request, "user", None)).order_by("name")


def _visible_organizations(request):
    return perms.organizations_visible_to(getattr(request, "user", None)).order_by("name")


def _visible_partnerships(request):
    return perms.partnerships_visible_to(getattr(request, "user", None)).order_by("title")


class DateRangeForm(forms.Form):
    """Adds the cross-field rule that `since` may not come after `until`."""

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("since", _("'since' must be on or before 'until'."))
        return data


class SemiJoinMixin:
    """Filters through a to-many relation with `pk IN (subquery)` instead of a join and
    DISTINCT: no duplicate rows to remove, so the page and its count stay index look-ups
    whatever the number of organisations."""

    def filter(self, qs, value):
        if value is None or value == "" or (isinstance(value, list | tuple | QuerySet) and not value):
            return qs
        values = list(value) if isinstance(value, list | tuple | QuerySet) else [value]
        return qs.filter(pk__in=self.matching(qs.model, values))

    def matching(self, model, values) -> QuerySet:
        """The ids of `model` rows related to any of `values`, read from the relation's own
        table (the many-to-many table, or the related model's) without joining `model`."""
        first, _, rest = self.field_name.partition("__")
        field = model._meta.get_field(first)
        if field.many_to_many and not field.auto_created:
            through = field.remote_field.through
            target = field.m2m_reverse_field_name() + (f"__{rest}" if rest else "")
            return through.objects.filter(**{f"{target}__in": values}).values(field.m2m_field_name())
        if field.one_to_many:
            target = rest or "pk"
            return field.related_model._base_manager.filter(**{f"{target}__in": values}).values(field.field.name)
        return model._base_manager.filter(**{f"{self.field_name}__in": values}).values("pk")


class SortFilter(filters.OrderingFilter):
    """The `ordering` parameter with a form people can read: the box is labelled "Sort by", its
    empty choice says "Default order", and each direction is named in words ("Name, A to Z";
    "Date, newest first") instead of "---------" and "Name (descending)".

    `orders` is a list of (model field, parameter value, ascending label, descending label).
    """

    def __init__(self, *, orders, **kwargs):
        self._orders = orders
        kwargs.setdefault("label", _("Sort by"))
        kwargs.setdefault("empty_label", _("Default order"))
        super().__init__(fields=[(field, param) for field, param, _asc, _desc in orders], **kwargs)

    def build_choices(self, fields, labels):
        choices = []
        for _field, param, ascending, descending in self._orders:
            choices += [(param, ascending), (f"-{param}", descending)]
        return choices


class RelatedChoiceFilter(SemiJoinMixin, filters.ModelChoiceFilter):
    """One related object, by slug, through a to-many relation."""


class SlugMultipleFilter(SemiJoinMixin, filters.ModelMultipleChoiceFilter):
    """Several values of one parameter (`?sector=a&sector=b`) by slug: any of them matches."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)


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
        queryset=_visible_coalitions,
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
        field_name="organization", to_field_name="slug", queryset=_visible_organizations, label=_("Organisation")
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
        field_name="coalition", to_field_name="slug", queryset=_visible_coalitions, label=_("Coalition")
    )
    organization = filters.ModelChoiceFilter(
        field_name="organization", to_field_name="slug", queryset=_visible_organizations, label=_("Organisation")
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
        queryset=_visible_organizations,
        label=_("Organisation"),
    )
    coalition = filters.ModelChoiceFilter(
        field_name="coalition", to_field_name="slug", queryset=_visible_coalitions, label=_("Coalition")
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
        field_name="coalition", to_field_name="slug", queryset=_visible_coalitions, label=_("Coalition")
    )
    partnership = filters.ModelChoiceFilter(
        field_name="partnership", queryset=_visible_partnerships, label=_("Partnership")
    )
    organization = filters.ModelChoiceFilter(
        method="filter_organization", to_field_name="slug", queryset=_visible_organizations, label=_("Organisation")
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
        field_name="coalition", to_field_name="slug", queryset=_visible_coalitions, label=_("Coalition")
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
        queryset=_visible_organizations,
        label=_("Owner organisation"),
    )
    coalition = filters.ModelChoiceFilter(
        method="filter_coalition", to_field_name="slug", queryset=_visible_coalitions, label=_("Coalition")
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
        field_name="coalition", to_field_name="slug", queryset=_visible_coalitions, label=_("Coalition")
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
