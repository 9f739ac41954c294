"""THE data classification registry: every stored field of every model, and what kind of data it holds.

Classes (see docs/data-protection.md):
- public: may be shown to anyone when its record is public (a public profile, the sector list);
- internal: for signed-in users of the coalition only;
- restricted: for a narrower circle (participants-only activities, partnership health, secrets,
  the audit trail), or never shown at all (password and token hashes);
- personal: personal contact data of a partner's staff or of an account holder (names, e-mail
  addresses, phone numbers, user names, network addresses). Erased on request by `erase_contact`.

History tables (django-simple-history) inherit the class of the field they copy; their own
bookkeeping fields are listed once in HISTORY_FIELDS. A test fails for any field not covered here.

The entries are kept one module per group of apps (domain, apps, accounts) and merged here.
"""

from __future__ import annotations

from django.db import models

from audit.classification.accounts import ACCOUNTS
from audit.classification.apps import APPS
from audit.classification.classes import CLASSES, INTERNAL, PERSONAL, PUBLIC, RESTRICTED
from audit.classification.domain import DOMAIN

__all__ = [
    "CLASSES",
    "CLASSIFICATION",
    "CLASSIFIED_APPS",
    "HISTORY_FIELDS",
    "INTERNAL",
    "PERSONAL",
    "PUBLIC",
    "RESTRICTED",
    "classification_of",
    "history_source",
    "personal_fields",
]

# Apps whose models must all be classified.
CLASSIFIED_APPS = (
    "partners",
    "health",
    "reports",
    "imports",
    "audit",
    "analytics",
    "documents",
    "auth",
    "axes",
    "otp_totp",
)

CLASSIFICATION: dict[str, str] = {**DOMAIN, **APPS, **ACCOUNTS}

# The bookkeeping fields of every history table.
HISTORY_FIELDS: dict[str, str] = {
    "history_id": RESTRICTED,
    "history_date": RESTRICTED,
    "history_change_reason": RESTRICTED,
    "history_type": RESTRICTED,
    "history_user": PERSONAL,
}


def history_source(model: type[models.Model]) -> type[models.Model] | None:
    """The model a simple-history table records, or None for an ordinary model."""
    return getattr(model, "instance_type", None) if hasattr(model, "history_id") else None


def classification_of(model: type[models.Model], field_name: str) -> str | None:
    """The class of `model.field_name`, or None when the registry does not cover it."""
    key = f"{model._meta.label}.{field_name}"
    if key in CLASSIFICATION:
        return CLASSIFICATION[key]
    source = history_source(model)
    if source is not None:
        if field_name in HISTORY_FIELDS:
            return HISTORY_FIELDS[field_name]
        return CLASSIFICATION.get(f"{source._meta.label}.{field_name}")
    return None


def personal_fields() -> list[str]:
    """Every "app.Model.field" holding personal data, for the erasure command and the docs."""
    return sorted(key for key, cls in CLASSIFICATION.items() if cls == PERSONAL)
