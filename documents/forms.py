"""Upload forms: a new document with its first file, and a new version of a document. They check
the shape and the size (a message beside the field); the service checks the content."""

from __future__ import annotations

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from documents.choices import DocumentKind, FileType
from documents.services import max_upload_bytes, too_large_message
from partners.models.base import NO_PERSONAL_DATA

ACCEPT = ",".join([".pdf", ".docx", ".odt", *FileType.values])


class _FileForm(forms.Form):
    file = forms.FileField(label=_("File"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))
    note = forms.CharField(
        label=_("What changed (optional)"), max_length=300, required=False, help_text=NO_PERSONAL_DATA
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A PDF, a Word document (.docx) or an OpenDocument text (.odt) of at most %(size)s. "
            "The file is checked by what it holds, not by its name."
        ) % {"size": filesizeformat(max_upload_bytes())}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(too_large_message(upload.size))
        return upload


class DocumentForm(_FileForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=format_lazy("{} {}", _("For example “Referral MOU 2025”."), NO_PERSONAL_DATA),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    field_order = ["title", "kind", "file", "note"]


class VersionForm(_FileForm):
    pass
