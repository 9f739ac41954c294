"""Warnings for free text that looks like personal data (survivors' data must never be stored here).

The same rules run in the browser (static/js/pii-warning.js) while a person types; keep them in step.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# Seven or more digits, allowing the usual separators and a leading + or (area code).
PHONE = re.compile(r"(?<![\w/.-])(?:\+|00)?\(?\d[\d\s().-]{5,}\d(?![\w/-])")
DATE_OF_BIRTH_WORDS = re.compile(r"\b(?:born|d\.?o\.?b\.?|date of birth|birth ?date|birthday|aged?\s+\d{1,2})\b", re.I)
DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b")


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def personal_data_warnings(text: str | None) -> list[str]:
    """Sentences warning about what in `text` looks like personal data; empty when nothing does."""
    if not text:
        return []
    warnings: list[str] = []
    if EMAIL.search(text):
        warnings.append(_("This looks like an e-mail address."))
    for match in PHONE.finditer(text):
        candidate = match.group(0)
        if _digits(candidate) >= 7 and not DATE.fullmatch(candidate.strip()):
            warnings.append(_("This looks like a phone number."))
            break
    if DATE_OF_BIRTH_WORDS.search(text):
        warnings.append(_("This looks like a date of birth or an age."))
    if warnings:
        warnings.append(
            _("Never enter names, contact details or anything else that could identify a victim or survivor.")
        )
    return warnings
