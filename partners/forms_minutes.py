"""HTML forms for after a meeting: who came (attendance), the minutes, and action items.
Shape only: partners.services.planning and partners.services.action_items decide the rules."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from partners.choices import InvitationReply, ParticipationRole
from partners.dates import BoundedDateField
from partners.forms import DateInput, OrganizationPickerMixin, VersionedForm
from partners.models import Meeting
from partners.models.base import NO_PERSONAL_DATA
from partners.services.meetings import ParticipationInput


class AttendanceForm(OrganizationPickerMixin, forms.Form):
    """Who came: the invitees as ticked boxes (untick who did not come), hosts and head counts,
    and any other organisation added with the picker."""

    picker_name = "participant"
    participations = forms.CharField(required=False, widget=forms.HiddenInput)  # errors only

    def __init__(self, *args, user, meeting: Meeting, **kwargs):
        self.user = user
        self.meeting = meeting
        self.initial_picked: list[str] = []
        super().__init__(*args, **kwargs)
        self.invitations = list(meeting.invitations.all())  # attending and maybe first (selector)
        self._invited = {i.organization.slug: i.organization for i in self.invitations}
        self._existing = {p.organization.slug: p for p in meeting.participations.all()}

    def invitee_rows(self) -> list[dict]:
        rows = []
        for invitation in self.invitations:
            slug = invitation.organization.slug
            if self.is_bound:
                came = slug in self.data.getlist("came")
                host = slug in self.data.getlist("host")
                attendees = self.data.get(f"attendees-{slug}") or ""
            elif self._existing:
                p = self._existing.get(slug)
                came, host = p is not None, p is not None and p.role == ParticipationRole.HOST
                attendees = "" if p is None or p.attendees is None else str(p.attendees)
            else:
                came, host, attendees = invitation.reply != InvitationReply.NOT_ATTENDING, False, ""
            rows.append({"invitation": invitation, "came": came, "host": host, "attendees": attendees})
        return rows

    def picked_rows(self) -> list[dict]:
        rows = []
        for org in self.picked_organizations():
            if org.slug in self._invited:
                continue
            if self.is_bound:
                host = org.slug in self.data.getlist("host")
                attendees = self.data.get(f"attendees-{org.slug}") or ""
            else:
                p = self._existing.get(org.slug)
                host = p is not None and p.role == ParticipationRole.HOST
                attendees = "" if p is None or p.attendees is None else str(p.attendees)
            rows.append({"organization": org, "host": host, "attendees": attendees})
        return rows

    def clean(self):
        data = super().clean()
        if not self.is_bound:
            return data
        inputs = []
        came = [s for s in self.data.getlist("came") if s in self._invited]
        others = [o for o in self.picked_organizations() if o.slug not in self._invited]
        for org in [self._invited[s] for s in came] + others:
            raw = (self.data.get(f"attendees-{org.slug}") or "").strip()
            try:
                attendees = int(raw) if raw else None
            except ValueError:
                attendees = -1
            if attendees is not None and not 0 <= attendees <= 10000:
                self.add_error("participations", _("Attendees must be a whole number between 0 and 10,000."))
                break
            role = ParticipationRole.HOST if org.slug in self.data.getlist("host") else ParticipationRole.PARTICIPANT
            inputs.append(ParticipationInput(organization=org, role=role, attendees=attendees))
        if not inputs:
            self.add_error("participations", _("Tick at least one organisation that came."))
        data["participation_inputs"] = inputs
        return data

    def initial_others(self) -> None:
        self.initial_picked = [s for s in self._existing if s not in self._invited]


class MinutesForm(VersionedForm):
    decisions = forms.CharField(
        label=_("Decisions"),
        required=False,
        max_length=20000,  # as the API
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the meeting decided. ") + NO_PERSONAL_DATA,
    )
    outcomes = forms.CharField(
        label=_("Outcomes"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=NO_PERSONAL_DATA,
    )


class ActionItemForm(forms.Form):
    """A new action item of a meeting: what, owner organisation (a participant or invitee),
    optionally a person of it, and a due date."""

    title = forms.CharField(label=_("What is to be done"), max_length=300, help_text=NO_PERSONAL_DATA)
    owner_organization = forms.ChoiceField(label=_("Owner organisation"))
    owner_user = forms.ChoiceField(
        label=_("Owner (person)"),
        required=False,
        help_text=_("Optional: someone who works for the owner organisation."),
    )
    due_on = BoundedDateField(label=_("Due on"), required=False, widget=DateInput())

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = {p.organization.slug: p.organization for p in meeting.participations.all()}
        for invitation in meeting.invitations.all():
            orgs.setdefault(invitation.organization.slug, invitation.organization)
        self._orgs = orgs
        self.fields["owner_organization"].choices = [("", _("Choose…"))] + [
            (s, o.name) for s, o in sorted(orgs.items(), key=lambda kv: kv[1].name)
        ]
        users = (
            get_user_model()
            .objects.filter(is_active=True, profile__organization__in=list(orgs.values()))
            .select_related("profile__organization")
            .order_by("profile__organization__name", "username")
        )
        self._users = {u.username: u for u in users}
        self.fields["owner_user"].choices = [("", _("Nobody in particular"))] + [
            (u.username, f"{u.get_full_name() or u.username} ({u.profile.organization.name})") for u in users
        ]

    def service_data(self) -> dict:
        d = self.cleaned_data
        return {
            "title": d["title"],
            "owner_organization": self._orgs.get(d["owner_organization"]),
            "owner_user": self._users.get(d.get("owner_user") or ""),
            "due_on": d.get("due_on"),
        }

    add_service_errors = VersionedForm.add_service_errors
