"""The HTML form of a planned meeting: times, place, agenda rows and invitees. Shape only:
partners.services.planning decides the rules. (After the meeting: partners.forms_minutes.)"""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners import permissions as perms
from partners.choices import MeetingKind, MeetingVisibility
from partners.dates import BoundedDateField
from partners.forms import NO_COALITION_CHOICE, DateInput, OrganizationPickerMixin, VersionedForm
from partners.models import Meeting, Membership, Organization
from partners.models.coalitions import membership_current_q, zone_of
from partners.services.planning import AgendaItemInput, InvitationInput

AGENDA_BLANK_ROWS = 3
MAX_AGENDA_ROWS = 50


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%H:%M")
        super().__init__(**kwargs)


class MeetingPlanForm(OrganizationPickerMixin, VersionedForm):
    """Plan a meeting: when (day, start, end in the coalition's time zone), where (place or
    link), the agenda (one row per item, optional presenter) and the invited organisations."""

    picker_name = "invitee"

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices)
    coalition = forms.ChoiceField(
        label=_("Coalition"),
        required=False,
        help_text=_("Times are in this coalition's time zone; without a coalition, in the site's."),
    )
    visibility = forms.ChoiceField(
        label=_("Who can see it"),
        choices=MeetingVisibility.choices,
        help_text=_("Invited organisations always see a planned meeting; participants only keeps it from the others."),
    )
    day = BoundedDateField(label=_("Day"), widget=DateInput())
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput(), input_formats=["%H:%M", "%H:%M:%S"])
    end_time = forms.TimeField(
        label=_("Ends at"),
        required=False,
        widget=TimeInput(),
        input_formats=["%H:%M", "%H:%M:%S"],
        help_text=_("Optional; on the same day."),
    )
    place = forms.CharField(
        label=_("Place"), max_length=300, required=False, help_text=_("Address or room, e.g. 'City Hall, room 2.14'.")
    )
    online_link = forms.URLField(
        label=_("Online link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("The video-call address, if the meeting is online or hybrid."),
    )
    invitations = forms.CharField(required=False, widget=forms.HiddenInput)  # errors only
    agenda = forms.CharField(required=False, widget=forms.HiddenInput)  # errors only

    def __init__(self, *args, user, meeting: Meeting | None = None, **kwargs):
        self.user = user
        self.meeting = meeting
        self.initial_picked: list[str] = []
        super().__init__(*args, **kwargs)
        coalitions = perms.coalitions_loggable_by(user)
        if meeting is not None and meeting.coalition_id:
            coalitions = coalitions | perms.coalitions_visible_to(user).filter(pk=meeting.coalition_id)
        self._coalitions = {c.slug: c for c in coalitions.distinct().order_by("name")}
        self.fields["coalition"].choices = [
            ("", _("Choose a coalition…")),
            (NO_COALITION_CHOICE, _("No coalition")),
            *((slug, f"{c.name} ({c.time_zone})") for slug, c in self._coalitions.items()),
        ]
        self.fields["coalition"].help_text = _(
            "Times are in the coalition's time zone (shown beside its name); without a coalition, in %(zone)s."
        ) % {"zone": settings.TIME_ZONE}
        self._presenters = self._presenter_choices()
        if meeting is not None:
            local_start, local_end = meeting.local_starts_at, meeting.local_ends_at
            self.initial.update(
                {
                    "title": meeting.title,
                    "kind": meeting.kind,
                    "coalition": meeting.coalition.slug if meeting.coalition else NO_COALITION_CHOICE,
                    "visibility": meeting.visibility,
                    "day": local_start.date() if local_start else None,
                    "start_time": local_start.strftime("%H:%M") if local_start else None,
                    "end_time": local_end.strftime("%H:%M") if local_end else None,
                    "place": meeting.place,
                    "online_link": meeting.online_link,
                    "version": meeting.version,
                }
            )
            self.initial_picked = [i.organization.slug for i in meeting.invitations.all()]
        else:
            self.initial.setdefault("kind", MeetingKind.COALITION_MEETING)
            self.initial.setdefault("visibility", MeetingVisibility.COALITION)
            if len(self._coalitions) == 1 and not self.initial.get("coalition"):
                self.initial["coalition"] = next(iter(self._coalitions))
            own = perms.organization_id_of(user)
            if own is not None:
                self.initial_picked = list(
                    perms.organizations_visible_to(user).filter(pk=own).values_list("slug", flat=True)
                )

    def _presenter_choices(self) -> dict[str, Organization]:
        """Who may present: current members of the coalitions the user plans in, their own
        organisation and the organisations already invited (a short list, never the whole directory)."""
        members = Membership.objects.filter(membership_current_q(), coalition__in=list(self._coalitions.values()))
        condition = Q(pk__in=members.values("organization_id"))
        own = perms.organization_id_of(self.user)
        if own is not None:
            condition |= Q(pk=own)
        if self.meeting is not None:
            condition |= Q(invitations__meeting=self.meeting)
        orgs = perms.organizations_visible_to(self.user).filter(condition).distinct().order_by("name")[:500]
        return {o.slug: o for o in orgs}

    # --- agenda rows ----------------------------------------------------------------------

    def agenda_rows(self) -> list[dict]:
        """The agenda rows to render: what was sent (or saved), then a few blank ones."""
        if self.is_bound:
            rows = self._bound_agenda()
        elif self.meeting is not None:
            rows = [
                {"title": a.title, "presenter": a.presenter.slug if a.presenter else ""}
                for a in self.meeting.agenda_items.all()
            ]
        else:
            rows = []
        rows = rows + [{"title": "", "presenter": ""} for _row in range(AGENDA_BLANK_ROWS)]
        choices = [("", _("Nobody in particular")), *((s, o.name) for s, o in self._presenters.items())]
        return [
            {"n": n, "title": r["title"], "presenter": r["presenter"], "choices": choices}
            for n, r in enumerate(rows, 1)
        ]

    def _bound_agenda(self) -> list[dict]:
        try:
            count = min(int(self.data.get("agenda-rows") or 0), MAX_AGENDA_ROWS + AGENDA_BLANK_ROWS)
        except ValueError:
            count = 0
        rows = []
        for n in range(1, count + 1):
            title = (self.data.get(f"agenda-{n}-title") or "").strip()
            presenter = (self.data.get(f"agenda-{n}-presenter") or "").strip()
            if title or presenter:
                rows.append({"title": title, "presenter": presenter})
        return rows

    def clean_coalition(self):
        value = self.cleaned_data.get("coalition") or ""
        if value == NO_COALITION_CHOICE:
            return None
        if not value:
            raise ValidationError(_("Choose a coalition, or “No coalition”."))
        if value not in self._coalitions:
            raise ValidationError(_("Select a valid choice. That choice is not one of the available choices."))
        return self._coalitions[value]

    def clean(self):
        data = super().clean()
        agenda = []
        for row in self._bound_agenda():
            if not row["title"]:
                self.add_error("agenda", _("Give each agenda item a title (or clear its presenter)."))
                break
            if len(row["title"]) > 300:
                self.add_error("agenda", _("Keep each agenda item under 300 characters."))
                break
            presenter = self._presenters.get(row["presenter"]) if row["presenter"] else None
            if row["presenter"] and presenter is None:
                self.add_error("agenda", _("Choose a presenter from the list."))
                break
            agenda.append(AgendaItemInput(title=row["title"], presenter=presenter))
        data["agenda_inputs"] = agenda
        orgs = self.picked_organizations()
        if self._unknown_picked:
            self.add_error("invitations", _("Some picked organisations could not be found; pick them again."))
        elif not orgs:
            self.add_error("invitations", _("Invite at least one organisation."))
        data["invitation_inputs"] = [InvitationInput(organization=o, contacts=self._kept_contacts(o)) for o in orgs]
        day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
        if day and start:
            zone = zone_of(data.get("coalition"))
            data["starts_at"] = timezone.make_aware(datetime.datetime.combine(day, start), zone)
            data["ends_at"] = timezone.make_aware(datetime.datetime.combine(day, end), zone) if end else None
            if end and end <= start:
                self.add_error("end_time", _("The end must come after the start."))
        return data

    def contact_choices(self) -> list[dict]:
        """The staff contacts the user may see of the organisations already invited, to name on
        the invitation (offered once an organisation is invited: on a change of the plan)."""
        if not hasattr(self, "_contact_choices"):
            self._contact_choices = []
            if self.meeting is not None:
                invitations = list(self.meeting.invitations.all())
                named = {c.pk for i in invitations for c in i.contacts.all()}
                contacts = (
                    perms.contacts_visible_to(self.user)
                    .filter(organization_id__in=[i.organization_id for i in invitations])
                    .select_related("organization")
                    .order_by("organization__name", "name")
                )
                posted = set(self.data.getlist("contact")) if self.is_bound else None
                for c in contacts:
                    checked = str(c.pk) in posted if posted is not None else c.pk in named
                    self._contact_choices.append({"contact": c, "checked": checked})
        return self._contact_choices

    def _kept_contacts(self, org: Organization):
        """The contacts named for `org`: those ticked on the page; hidden ones named through the
        API stay named."""
        if self.meeting is None:
            return ()
        shown = {row["contact"].pk for row in self.contact_choices()}
        ticked = [row["contact"] for row in self.contact_choices() if row["checked"]]
        kept = []
        for invitation in self.meeting.invitations.all():
            if invitation.organization_id == org.pk:
                kept = [c for c in invitation.contacts.all() if c.pk not in shown]
        return kept + [c for c in ticked if c.organization_id == org.pk]

    def picked_rows(self) -> list[dict]:
        return [{"organization": o} for o in self.picked_organizations()]

    def service_data(self) -> dict:
        d = self.cleaned_data
        return {
            "title": d["title"],
            "kind": d["kind"],
            "coalition": d.get("coalition"),
            "visibility": d["visibility"],
            "starts_at": d["starts_at"],
            "ends_at": d.get("ends_at"),
            "place": d.get("place") or "",
            "online_link": d.get("online_link") or "",
        }

    def add_service_errors(self, error: ValidationError) -> None:
        renamed = {"starts_at": "start_time", "ends_at": "end_time", "date": "day", "duration_minutes": "end_time"}
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                name = renamed.get(name, name)
                self.add_error(name if name in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)
