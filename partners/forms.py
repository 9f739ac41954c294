"""HTML forms for the pages. They check shape only; the services in partners.services decide
the rules and raise the errors that the views put back beside the fields."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners import permissions as perms
from partners.choices import ParticipationRole
from partners.models import Organization, Partnership
from partners.models.base import NO_PERSONAL_DATA
from partners.services.meetings import MEETING_FIELDS, ParticipationInput
from partners.services.organizations import ORGANIZATION_EDITABLE_FIELDS
from partners.services.partnerships import PARTNERSHIP_FIELDS

MAX_PARTICIPANTS = 200
# The log form's explicit "no coalition (a bilateral activity)" choice; never a valid slug.
NO_COALITION_CHOICE = "(none)"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


class VersionedForm(forms.Form):
    """Carries the version the user started from, so a save on a stale copy is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's ValidationError beside the fields it names (or on top of the form)."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


class OrganizationForm(forms.ModelForm):
    """The profile fields a member or admin edits; the service validates and saves them."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organization
        fields = list(ORGANIZATION_EDITABLE_FIELDS)
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "areas_of_work": forms.CheckboxSelectMultiple,
            "trafficking_forms": forms.CheckboxSelectMultiple,
            "populations": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def _post_clean(self):
        # Shape only: the service runs full_clean() on the model and raises field errors.
        pass

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data

    add_service_errors = VersionedForm.add_service_errors


def _visible_organizations_by_slug(user, slugs: list[str]) -> dict[str, Organization]:
    return {
        o.slug: o for o in perms.organizations_visible_to(user).filter(slug__in=slugs).select_related("primary_sector")
    }


class OrganizationPickerMixin:
    """Reads organisations picked in the type-ahead (`<picker_name>=<slug>` repeated) and keeps
    them in order, so the page can render the picked rows again after an error."""

    picker_name = "participant"

    def picked_slugs(self) -> list[str]:
        if not self.is_bound:
            return list(self.initial_picked)
        seen: list[str] = []
        for slug in self.data.getlist(self.picker_name):
            slug = slug.strip()
            if slug and slug not in seen:
                seen.append(slug)
        return seen[:MAX_PARTICIPANTS]

    def picked_organizations(self) -> list[Organization]:
        if not hasattr(self, "_picked"):
            slugs = self.picked_slugs()
            found = _visible_organizations_by_slug(self.user, slugs) if slugs else {}
            self._picked = [found[s] for s in slugs if s in found]
            self._unknown_picked = [s for s in slugs if s not in found]
        return self._picked


class MeetingForm(OrganizationPickerMixin, VersionedForm):
    """The fast activity log: date, kind, title, coalition, participants (picked by type-ahead),
    hosts, optional attendee counts and outcomes."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Kind of activity"))
    title = forms.CharField(label=_("Title"), max_length=200)
    coalition = forms.ChoiceField(
        label=_("Coalition"),
        required=False,
        help_text=_(
            "The activity counts in this coalition's figures. An activity without a coalition "
            "counts in no coalition's figures."
        ),
    )
    partnership = forms.ModelChoiceField(
        label=_("Partnership"),
        queryset=None,
        required=False,
        empty_label=_("None"),
        help_text=_("Link the activity to a standing partnership (optional)."),
    )
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), required=False, min_value=1, max_value=20160)
    outcomes = forms.CharField(
        label=_("Outcomes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=NO_PERSONAL_DATA,
    )
    visibility = forms.ChoiceField(label=_("Who can see it"))
    participations = forms.CharField(required=False, widget=forms.HiddenInput)  # errors only

    def __init__(self, *args, user, meeting=None, **kwargs):
        from partners.choices import MeetingKind, MeetingVisibility

        self.user = user
        self.meeting = meeting
        self.initial_picked: list[str] = []
        self._initial_roles: dict[str, tuple[bool, int | None]] = {}
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = MeetingKind.choices
        self.fields["visibility"].choices = MeetingVisibility.choices
        self.fields["visibility"].help_text = _(
            "Participants only: visible to the participating organisations and the coalition's coordinators."
        )
        # Only where the user may log; an activity being edited keeps its own coalition and partnership.
        coalitions = perms.coalitions_loggable_by(user)
        partnerships = perms.partnerships_linkable_by(user)
        if meeting is not None and meeting.coalition_id:
            coalitions = coalitions | perms.coalitions_visible_to(user).filter(pk=meeting.coalition_id)
        if meeting is not None and meeting.partnership_id:
            partnerships = partnerships | perms.partnerships_visible_to(user).filter(pk=meeting.partnership_id)
        self._coalitions = {c.slug: c for c in coalitions.distinct().order_by("name")}
        self.fields["coalition"].choices = [
            ("", _("Choose a coalition…")),
            (NO_COALITION_CHOICE, _("No coalition (a bilateral activity)")),
            *((slug, c.name) for slug, c in self._coalitions.items()),
        ]
        self.fields["partnership"].queryset = partnerships.distinct().order_by("title")
        if meeting is not None:
            self.initial.update(
                {
                    "date": meeting.date,
                    "kind": meeting.kind,
                    "title": meeting.title,
                    "coalition": meeting.coalition.slug if meeting.coalition else NO_COALITION_CHOICE,
                    "partnership": meeting.partnership_id,
                    "duration_minutes": meeting.duration_minutes,
                    "outcomes": meeting.outcomes,
                    "visibility": meeting.visibility,
                    "version": meeting.version,
                }
            )
            for p in meeting.participations.all():
                self.initial_picked.append(p.organization.slug)
                self._initial_roles[p.organization.slug] = (p.role == ParticipationRole.HOST, p.attendees)
        else:
            self.initial.setdefault("date", timezone.localdate())
            self.initial.setdefault("visibility", MeetingVisibility.COALITION)
            if not self.initial.get("coalition") and not perms.is_admin(user):
                # One coalition: start from it. None: the activity can only be bilateral. Several:
                # no preselection, so "no coalition" is a choice the user makes.
                own = perms.coalitions_loggable_by(user).filter(perms.coalitions_involving_q(user))
                own = list(own.values_list("slug", flat=True).distinct()[:2])
                if len(own) == 1:
                    self.initial["coalition"] = own[0]
                elif not self._coalitions:
                    self.initial["coalition"] = NO_COALITION_CHOICE

    def clean_coalition(self):
        value = self.cleaned_data.get("coalition") or ""
        if value == NO_COALITION_CHOICE:
            return None
        if not value:
            raise ValidationError(
                _(
                    "Choose a coalition, or “No coalition” for a bilateral activity "
                    "(it then counts in no coalition's figures)."
                )
            )
        if value not in self._coalitions:
            raise ValidationError(_("Select a valid choice. That choice is not one of the available choices."))
        return self._coalitions[value]

    def _role_of(self, slug: str) -> tuple[bool, int | None, str]:
        """(is host, attendees, raw attendees text) for one picked organisation."""
        if not self.is_bound:
            host, attendees = self._initial_roles.get(slug, (False, None))
            return host, attendees, "" if attendees is None else str(attendees)
        host = slug in self.data.getlist("host")
        raw = (self.data.get(f"attendees-{slug}") or "").strip()
        try:
            attendees = int(raw) if raw else None
        except ValueError:
            attendees = None
        return host, attendees, raw

    def picked_rows(self) -> list[dict]:
        """The picked organisations with their role and head count, for the template."""
        rows = []
        for org in self.picked_organizations():
            host, _attendees, raw = self._role_of(org.slug)
            rows.append({"organization": org, "host": host, "attendees": raw})
        return rows

    def clean(self):
        data = super().clean()
        orgs = self.picked_organizations()
        if self._unknown_picked:
            self.add_error("participations", _("Some picked organisations could not be found; pick them again."))
        inputs = []
        for org in orgs:
            host, attendees, raw = self._role_of(org.slug)
            if raw and (attendees is None or not 0 <= attendees <= 10000):
                self.add_error("participations", _("Attendees must be a whole number between 0 and 10,000."))
                continue
            role = ParticipationRole.HOST if host else ParticipationRole.PARTICIPANT
            inputs.append(ParticipationInput(organization=org, role=role, attendees=attendees))
        if not orgs and not self._unknown_picked:
            self.add_error("participations", _("Add at least one participating organisation."))
        data["participation_inputs"] = inputs
        return data

    def service_data(self) -> dict:
        """The fields the service applies (the participations go apart, as `participation_inputs`)."""
        data = {name: self.cleaned_data.get(name) for name in MEETING_FIELDS}
        data["outcomes"] = data["outcomes"] or ""
        return data


class PartnershipForm(OrganizationPickerMixin, VersionedForm):
    """A partnership's fields and its organisations (picked by type-ahead)."""

    picker_name = "organization"

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"))
    status = forms.ChoiceField(label=_("Status"))
    coalition = forms.ModelChoiceField(
        label=_("Coalition"), queryset=None, required=False, to_field_name="slug", empty_label=_("No coalition")
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("End date"), required=False, widget=DateInput())
    renewal_date = forms.DateField(label=_("Renewal due"), required=False, widget=DateInput())
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text=NO_PERSONAL_DATA
    )
    organizations = forms.CharField(required=False, widget=forms.HiddenInput)  # errors only

    def __init__(self, *args, user, partnership: Partnership | None = None, **kwargs):
        from partners.choices import PartnershipKind, PartnershipStatus

        self.user = user
        self.initial_picked: list[str] = []
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = PartnershipKind.choices
        self.fields["status"].choices = PartnershipStatus.choices
        self.fields["coalition"].queryset = perms.coalitions_visible_to(user).order_by("name")
        if partnership is not None:
            self.initial.update(
                {
                    "title": partnership.title,
                    "kind": partnership.kind,
                    "status": partnership.status,
                    "coalition": partnership.coalition.slug if partnership.coalition else None,
                    "start_date": partnership.start_date,
                    "end_date": partnership.end_date,
                    "renewal_date": partnership.renewal_date,
                    "description": partnership.description,
                    "version": partnership.version,
                }
            )
            self.initial_picked = [o.slug for o in partnership.organizations.all()]
        else:
            self.initial.setdefault("status", PartnershipStatus.ACTIVE)
            org_id = perms.organization_id_of(user)
            if org_id is not None:
                own = perms.organizations_visible_to(user).filter(pk=org_id).values_list("slug", flat=True).first()
                if own:
                    self.initial_picked = [own]

    def picked_rows(self) -> list[dict]:
        return [{"organization": org} for org in self.picked_organizations()]

    def clean(self):
        data = super().clean()
        self.picked_organizations()
        if self._unknown_picked:
            self.add_error("organizations", _("Some picked organisations could not be found; pick them again."))
        return data

    def service_data(self) -> dict:
        """The fields the service applies (the organisations go apart, as `picked_organizations`)."""
        data = {name: self.cleaned_data.get(name) for name in PARTNERSHIP_FIELDS}
        data["description"] = data["description"] or ""
        return data


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What the token is for, e.g. 'dashboard sync'."),
    )


# --- filter forms ----------------------------------------------------------------------------

YES_NO_ANY = [("", _("Any")), ("true", _("Yes")), ("false", _("No"))]


def prepare_filter_form(form: forms.Form, *, choices: dict[str, list[tuple[str, str]]] | None = None) -> forms.Form:
    """Make a FilterSet's form friendlier on a page: checkbox groups instead of multi-selects,
    Any/Yes/No for booleans, and select lists for free-text fields whose values are known
    (`choices`, computed from what the viewer may see)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.SelectMultiple):
            field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
        elif isinstance(widget, forms.NullBooleanSelect):
            field.widget = forms.Select(choices=YES_NO_ANY)
        elif isinstance(widget, forms.DateInput):
            field.widget = DateInput()
        single_select = isinstance(field.widget, forms.Select) and not isinstance(field.widget, forms.SelectMultiple)
        if single_select and getattr(field, "empty_label", None) is not None:
            field.empty_label = _("Any")
    for name, options in (choices or {}).items():
        if name in form.fields:
            form.fields[name].widget = forms.Select(choices=[("", _("Any")), *options])
    if "country" in (choices or {}) and "country" in form.fields:
        form.fields["country"].label = _("Country")
    return form
