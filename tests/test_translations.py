"""Spanish and French are complete: every message of the templates, the Python code and the
scripts is translated, none is fuzzy, and each committed .mo is its .po compiled
(scripts/check_translations.py, which CI runs too)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.utils import translation


def test_every_message_is_translated_and_compiled():
    script = Path(settings.BASE_DIR) / "scripts" / "check_translations.py"
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)  # noqa: S603
    assert result.returncode == 0, result.stdout + result.stderr
    assert "es django:" in result.stdout and "fr djangojs:" in result.stdout


def test_the_catalogues_are_the_ones_the_site_reads():
    for language, expected in (("es", "Registrar una actividad"), ("fr", "Se connecter")):
        with translation.override(language):
            assert translation.gettext("Log an activity" if language == "es" else "Sign in") == expected
