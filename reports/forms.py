"""Forms of the reports app: the report period (shared by the pages and the management command)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.dates import BoundedDateField
from reports.selectors import Period, default_period

MAX_PERIOD_YEARS = 10


class ReportPeriodForm(forms.Form):
    """`since` and `until` (ISO dates); either may be left out: the last twelve months by default."""

    since = BoundedDateField(
        label=_("From"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = BoundedDateField(
        label=_("Until"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        for name in ("since", "until"):
            self.fields[name].error_messages["invalid"] = _("Enter a date as YYYY-MM-DD, e.g. 2025-01-31.")

    def clean(self):
        data = super().clean()
        if not self.errors:
            self._check_period(data)
        for name in self.errors:
            if name in self.fields:  # screen readers announce the message with the field
                self.fields[name].widget.attrs.update({"aria-invalid": "true", "aria-describedby": f"id_{name}-error"})
        return data

    def _check_period(self, data: dict) -> None:
        default = default_period(self.today)
        until = data.get("until") or default.until
        since = data.get("since")
        if since is None:
            since = default_period(until).since
        if since > until:
            self.add_error("since", _("The start of the period must be on or before its end."))
        elif until.year - since.year > MAX_PERIOD_YEARS:
            self.add_error("since", _("A report covers at most %(years)d years.") % {"years": MAX_PERIOD_YEARS})
        data["since"], data["until"] = since, until

    @property
    def period(self) -> Period:
        return Period(since=self.cleaned_data["since"], until=self.cleaned_data["until"])
