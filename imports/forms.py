"""The upload form: what the file holds and the file itself, checked before anything is staged."""

from __future__ import annotations

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from imports.engine import read_file
from imports.models import ImportKind
from imports.parsing import FileRejected, Table, max_bytes, max_rows


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("File (.csv or .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "UTF-8 or Windows-1252 CSV with commas or semicolons, or an .xlsx workbook; at most %(size)s and "
            "%(rows)s rows."
        ) % {"size": filesizeformat(max_bytes()), "rows": f"{max_rows():,}"}
        self.table: Table | None = None
        self.data_bytes = b""

    def clean(self):
        data = super().clean()
        upload, kind = data.get("file"), data.get("kind")
        if upload is None or kind is None:
            return data
        if upload.size > max_bytes():
            self.add_error(
                "file",
                _("The file is %(size)s; the limit is %(limit)s. Split it into smaller files.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes())},
            )
            return data
        content = upload.read(max_bytes() + 1)
        try:
            self.table = read_file(content, upload.name, kind)
        except FileRejected as exc:
            self.add_error("file", str(exc))
            return data
        if not self.table.rows:
            self.add_error("file", _("The file has column names but no rows to import."))
        self.data_bytes = content
        return data
