"""Dates are written one way per language: templates name Django's formats (|date:"DATE_FORMAT"),
so English reads "5 December 2026" (coalition/formats/en) and another language its own order."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

from tests import factories as f

pytestmark = pytest.mark.django_db

# Formats a template may still spell out: machine formats (attributes, file names) and ones whose
# parts every language writes the same way (a year, a 24-hour time, a month and year).
NEUTRAL = {"c", "Y-m-d", "Y", "H:i", "M Y", "T"}
NAMED = {
    "DATE_FORMAT",
    "SHORT_DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT",
    "TIME_FORMAT",
}


def test_templates_name_their_date_formats_instead_of_spelling_them_out():
    roots = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates")]
    spelled = []
    for root in roots:
        for path in root.rglob("*.html"):
            for fmt in re.findall(r"\|date:[\"']([^\"']*)[\"']", path.read_text()):
                if fmt not in NAMED | NEUTRAL:
                    spelled.append(f"{path.relative_to(settings.BASE_DIR)}: {fmt}")
    assert spelled == []


def test_english_writes_the_day_before_the_month(world, client_as):
    day = datetime.date(2026, 12, 5)
    meeting = f.meeting([world.org_a, world.org_b], coalition=world.coalition_a, date=day)
    html = client_as(world.member).get(f"/meetings/{meeting.pk}/").content.decode()
    assert "5 December 2026" in html
    assert "December 5, 2026" not in html


def test_another_language_gets_its_own_order(world, client_as, settings):
    settings.LANGUAGES = [("en", "English"), ("es", "Spanish")]
    day = datetime.date(2026, 12, 5)
    meeting = f.meeting([world.org_a, world.org_b], coalition=world.coalition_a, date=day)
    with translation.override("es"):
        expected = date_format(day, "DATE_FORMAT")
    assert expected == "5 de diciembre de 2026"
    html = client_as(world.member).get(f"/meetings/{meeting.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert expected in html
