"""The pieces the FilterSets are built from: choice lists of what the request's user may see
(so a dropdown never lists the rest), the date-range form, semi-join filters for many-to-many
relations, and the readable sort box."""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from partners import permissions as perms


def visible_coalitions(request):
    return perms.coalitions_visible_to(getattr(request, "user", None)).order_by("name")


def visible_organizations(request):
    return perms.organizations_visible_to(getattr(request, "user", None)).order_by("name")


def visible_partnerships(request):
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
