"""The preferences form: one box per topic and the language, the help beside each."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from notifications.choices import Topic
from notifications.models import NotificationPreference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = [*Topic.values, "language"]
        help_texts = {"language": _("The language your e-mails are written in.")}

    def __init__(self, *args, is_coordinator: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES
        if not is_coordinator:
            # Only coordinators get a digest; the box would promise something that never comes.
            del self.fields["digest"]
