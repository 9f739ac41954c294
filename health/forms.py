"""Forms of the health pages: shape only; the rules live in health.services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from health.models import CheckIn, RepairLogEntry
from health.services import REPAIR_EDITABLE_FIELDS
from partners import permissions as perms
from partners.choices import PartnershipStatus
from partners.dates import BoundedDateField
from partners.filter_fields import DateRangeForm
from partners.models.base import NO_PERSONAL_DATA

SCORE_CHOICES = [(1, _("1 – not at all")), (2, _("2 – a little")), (3, _("3 – fairly")), (4, _("4 – very much"))]


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=PartnershipStatus.choices)
    reason = forms.CharField(
        label=_("Why"),
        max_length=300,
        help_text=NO_PERSONAL_DATA,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RepairEntryForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = RepairLogEntry
        fields = list(REPAIR_EDITABLE_FIELDS)
        widgets = {
            "raised_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "resolved_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class CheckInForm(forms.Form):
    """Six items rated 1–4, as in the PARTNER tool, plus an optional comment."""

    reliability = forms.TypedChoiceField(
        label=_("Reliability: they follow through on commitments"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    openness = forms.TypedChoiceField(
        label=_("Openness: they share information and discuss openly"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    shared_mission = forms.TypedChoiceField(
        label=_("Shared mission: they share the partnership's goals"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    resources = forms.TypedChoiceField(
        label=_("Resources contributed: staff, time, money, data or space"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    involvement = forms.TypedChoiceField(
        label=_("Level of involvement: they take part actively"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    influence = forms.TypedChoiceField(
        label=_("Influence: they can move things forward"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_PERSONAL_DATA,
    )

    def scores(self) -> dict[str, int]:
        return {item: self.cleaned_data[item] for item in CheckIn.ITEMS}


class EquityPeriodForm(DateRangeForm):
    since = BoundedDateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    until = BoundedDateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class CoalitionOrOrganizationForm(forms.Form):
    """The API's scope for the attention list: one coalition or one organisation, by slug."""

    coalition = forms.ModelChoiceField(queryset=None, to_field_name="slug", required=False)
    organization = forms.ModelChoiceField(queryset=None, to_field_name="slug", required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coalition"].queryset = perms.coalitions_visible_to(user)
        self.fields["organization"].queryset = perms.organizations_visible_to(user)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("coalition") and data.get("organization"):
            self.add_error("organization", _("Give either a coalition or an organisation, not both."))
        elif not data.get("coalition") and not data.get("organization"):
            self.add_error(
                "coalition", _("Give a coalition (?coalition=slug) or an organisation (?organization=slug).")
            )
        return data


class CoalitionPeriodForm(EquityPeriodForm):
    """The API's parameters for equity: a coalition by slug, and an optional period."""

    coalition = forms.ModelChoiceField(queryset=None, to_field_name="slug")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coalition"].queryset = perms.coalitions_visible_to(user)


# --- the work on needs-attention items ------------------------------------------------------------


class AttentionAssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Who is on it"),
        queryset=None,
        required=False,
        empty_label=_("Nobody"),
        help_text=_("A coordinator of the coalition or a member of an organisation concerned."),
    )

    def __init__(self, *args, assignees=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignees
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class AttentionSnoozeForm(forms.Form):
    until = BoundedDateField(
        label=_("Snooze until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The item comes back by itself on this day (at most a year ahead)."),
    )
    reason = forms.CharField(label=_("Why it can wait"), max_length=300, help_text=NO_PERSONAL_DATA)


class AttentionResolveForm(forms.Form):
    note = forms.CharField(
        label=_("What was done"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_PERSONAL_DATA,
    )
