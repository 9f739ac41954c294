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
"""

from __future__ import annotations

from django.db import models

PUBLIC = "public"
INTERNAL = "internal"
RESTRICTED = "restricted"
PERSONAL = "personal"
CLASSES = (PUBLIC, INTERNAL, RESTRICTED, PERSONAL)

# Apps whose models must all be classified.
CLASSIFIED_APPS = ("partners", "health", "reports", "imports", "audit", "analytics", "auth", "axes", "otp_totp")

_VOCABULARY = {"id": PUBLIC, "name": PUBLIC, "slug": PUBLIC, "description": PUBLIC, "position": PUBLIC}
_STAMPS = {"id": INTERNAL, "created_at": INTERNAL, "updated_at": INTERNAL, "version": INTERNAL}
_AXES_COMMON = {
    "id": RESTRICTED,
    "user_agent": PERSONAL,
    "ip_address": PERSONAL,
    "username": PERSONAL,
    "http_accept": RESTRICTED,
    "path_info": RESTRICTED,
    "attempt_time": RESTRICTED,
}


def _fields(model: str, mapping: dict[str, str]) -> dict[str, str]:
    return {f"{model}.{field}": cls for field, cls in mapping.items()}


CLASSIFICATION: dict[str, str] = {
    # --- partners: vocabularies --------------------------------------------------------------
    **_fields("partners.Sector", {**_VOCABULARY, "colour": PUBLIC}),
    **_fields("partners.AreaOfWork", _VOCABULARY),
    **_fields("partners.TraffickingForm", _VOCABULARY),
    **_fields("partners.Population", _VOCABULARY),
    # --- partners: organisations and contacts ------------------------------------------------
    **_fields(
        "partners.Organization",
        {
            **_STAMPS,
            "id": PUBLIC,
            "name": PUBLIC,
            "slug": PUBLIC,
            "acronym": PUBLIC,
            "primary_sector": PUBLIC,
            "description": PUBLIC,
            "website": PUBLIC,
            "email": PUBLIC,  # an office address, shown on a public profile
            "phone": PUBLIC,  # an office number, shown on a public profile
            "city": PUBLIC,
            "region": PUBLIC,
            "country": PUBLIC,
            "founded_year": PUBLIC,
            "staff_size": PUBLIC,
            "budget_band": PUBLIC,
            "survivor_led": PUBLIC,
            "visibility": PUBLIC,
            "is_active": PUBLIC,
            # Organisation-level, self-reported; shown only aggregated over five or more.
            "leadership_women_pct": RESTRICTED,
            "leadership_minority_pct": RESTRICTED,
        },
    ),
    **_fields(
        "partners.Contact",
        {
            **_STAMPS,
            "organization": INTERNAL,
            "name": PERSONAL,
            "title": PERSONAL,
            "email": PERSONAL,
            "phone": PERSONAL,
        },
    ),
    # --- partners: coalitions, partnerships, activities ---------------------------------------
    **_fields(
        "partners.Coalition",
        {
            **_STAMPS,
            "name": INTERNAL,
            "slug": INTERNAL,
            "kind": INTERNAL,
            "scope": INTERNAL,
            "countries": INTERNAL,
            "description": INTERNAL,
            "founded_on": INTERNAL,
            "quiet_after_days": INTERNAL,
            "absent_after_meetings": INTERNAL,
        },
    ),
    **_fields(
        "partners.Membership",
        {
            **_STAMPS,
            "organization": INTERNAL,
            "coalition": INTERNAL,
            "role": INTERNAL,
            "start_date": INTERNAL,
            "end_date": INTERNAL,
        },
    ),
    **_fields(
        "partners.Partnership",
        {
            **_STAMPS,
            "title": INTERNAL,
            "kind": INTERNAL,
            "status": INTERNAL,
            "coalition": INTERNAL,
            "start_date": INTERNAL,
            "end_date": INTERNAL,
            "renewal_date": INTERNAL,
            "description": INTERNAL,
        },
    ),
    # A meeting's content is restricted: a participants-only activity (a joint operation) is seen
    # by its participants and the coalition's coordinators only.
    **_fields(
        "partners.Meeting",
        {
            **_STAMPS,
            "date": RESTRICTED,
            "duration_minutes": RESTRICTED,
            "kind": RESTRICTED,
            "title": RESTRICTED,
            "coalition": RESTRICTED,
            "partnership": RESTRICTED,
            "outcomes": RESTRICTED,
            "visibility": RESTRICTED,
            "logged_by": PERSONAL,
        },
    ),
    **_fields(
        "partners.Participation",
        {
            "id": RESTRICTED,
            "meeting": RESTRICTED,
            "organization": RESTRICTED,
            "role": RESTRICTED,
            "attendees": RESTRICTED,
        },
    ),
    # --- partners: accounts --------------------------------------------------------------------
    **_fields("partners.Profile", {"id": INTERNAL, "user": PERSONAL, "organization": INTERNAL}),
    **_fields("partners.CoalitionCoordinator", {"id": INTERNAL, "user": PERSONAL, "coalition": INTERNAL}),
    **_fields(
        "partners.ApiToken",
        {
            "id": RESTRICTED,
            "user": PERSONAL,
            "name": RESTRICTED,
            "prefix": RESTRICTED,
            "key_hash": RESTRICTED,
            "created_at": RESTRICTED,
            "last_used_at": RESTRICTED,
            "expires_at": RESTRICTED,
            "password_fingerprint": RESTRICTED,
            "last_device_id": RESTRICTED,
        },
    ),
    # The through table of Partnership.organizations' history.
    **_fields(
        "partners.HistoricalPartnership_organizations",
        {
            "id": RESTRICTED,
            "partnership": RESTRICTED,
            "organization": RESTRICTED,
            "history": RESTRICTED,
            "m2m_history_id": RESTRICTED,
        },
    ),
    # --- health: partnership health is between its partners and the coordinators ---------------
    **_fields(
        "partners.StatusChange",
        {
            "id": RESTRICTED,
            "partnership": RESTRICTED,
            "from_status": RESTRICTED,
            "to_status": RESTRICTED,
            "changed_at": RESTRICTED,
            "changed_by": PERSONAL,
            "reason": RESTRICTED,
        },
    ),
    **_fields(
        "health.RepairLogEntry",
        {
            **_STAMPS,
            "partnership": RESTRICTED,
            "raised_on": RESTRICTED,
            "cause": RESTRICTED,
            "action": RESTRICTED,
            "outcome": RESTRICTED,
            "resolved_on": RESTRICTED,
            "notes": RESTRICTED,
            "logged_by": PERSONAL,
        },
    ),
    **_fields(
        "health.CheckIn",
        {
            "id": RESTRICTED,
            "partnership": RESTRICTED,
            "organization": RESTRICTED,
            "period": RESTRICTED,
            "reliability": RESTRICTED,
            "openness": RESTRICTED,
            "shared_mission": RESTRICTED,
            "resources": RESTRICTED,
            "involvement": RESTRICTED,
            "influence": RESTRICTED,
            "comment": RESTRICTED,
            "submitted_by": PERSONAL,
            "submitted_at": RESTRICTED,
        },
    ),
    **_fields(
        "health.ComplementarySectorPair", {"id": INTERNAL, "sector_a": INTERNAL, "sector_b": INTERNAL, "why": INTERNAL}
    ),
    # --- reports -------------------------------------------------------------------------------
    **_fields(
        "reports.CalendarFeed",
        {
            "id": RESTRICTED,
            "user": PERSONAL,
            "coalition": RESTRICTED,
            "prefix": RESTRICTED,
            "key_hash": RESTRICTED,
            "created_at": RESTRICTED,
            "last_used_at": RESTRICTED,
        },
    ),
    # --- imports: uploaded files may hold anything, including contacts ----------------------------
    **_fields(
        "imports.ImportJob",
        {
            "id": RESTRICTED,
            "created_by": PERSONAL,
            "kind": RESTRICTED,
            "filename": RESTRICTED,
            "content": PERSONAL,
            "size": RESTRICTED,
            "row_count": RESTRICTED,
            "status": RESTRICTED,
            "previous_status": RESTRICTED,
            "report": PERSONAL,
            "created_at": RESTRICTED,
            "checked_at": RESTRICTED,
            "imported_at": RESTRICTED,
        },
    ),
    # --- audit ---------------------------------------------------------------------------------
    **_fields(
        "audit.AuditEvent",
        {
            "id": RESTRICTED,
            "at": RESTRICTED,
            "actor": PERSONAL,
            "username": PERSONAL,
            "action": RESTRICTED,
            "ip_address": PERSONAL,
            "detail": RESTRICTED,
        },
    ),
    **_fields(
        "audit.RecoveryCode",
        {"id": RESTRICTED, "user": PERSONAL, "code_hash": RESTRICTED, "created_at": RESTRICTED, "used_at": RESTRICTED},
    ),
    **_fields(
        "partners.IdempotencyRecord",
        {
            "id": RESTRICTED,
            "user": PERSONAL,
            "key": RESTRICTED,
            "method": RESTRICTED,
            "path": RESTRICTED,
            "fingerprint": RESTRICTED,
            "status_code": RESTRICTED,
            "content": PERSONAL,  # a copy of an API answer, which may include contacts
            "headers": RESTRICTED,
            "created_at": RESTRICTED,
        },
    ),
    # --- rollups: counts of activities, with the visibility of the activities they count --------
    **_fields(
        "analytics.PairDay",
        {
            "id": RESTRICTED,
            "org_a": RESTRICTED,
            "org_b": RESTRICTED,
            "date": RESTRICTED,
            "kind": RESTRICTED,
            "coalition": RESTRICTED,
            "visibility": RESTRICTED,
            "via": RESTRICTED,
            "activities": RESTRICTED,
        },
    ),
    **_fields(
        "analytics.OrgDay",
        {
            "id": RESTRICTED,
            "organization": RESTRICTED,
            "date": RESTRICTED,
            "kind": RESTRICTED,
            "coalition": RESTRICTED,
            "visibility": RESTRICTED,
            "activities": RESTRICTED,
        },
    ),
    **_fields(
        "analytics.ActivityDay",
        {
            "id": RESTRICTED,
            "date": RESTRICTED,
            "kind": RESTRICTED,
            "coalition": RESTRICTED,
            "visibility": RESTRICTED,
            "activities": RESTRICTED,
        },
    ),
    **_fields("analytics.ChangeStamp", {"coalition": INTERNAL, "version": INTERNAL}),
    # --- accounts (django.contrib.auth) --------------------------------------------------------
    **_fields(
        "auth.User",
        {
            "id": INTERNAL,
            "password": RESTRICTED,
            "last_login": RESTRICTED,
            "is_superuser": INTERNAL,
            "username": PERSONAL,
            "first_name": PERSONAL,
            "last_name": PERSONAL,
            "email": PERSONAL,
            "is_staff": INTERNAL,
            "is_active": INTERNAL,
            "date_joined": RESTRICTED,
        },
    ),
    **_fields("auth.Group", {"id": INTERNAL, "name": INTERNAL}),
    **_fields("auth.Permission", {"id": INTERNAL, "name": INTERNAL, "content_type": INTERNAL, "codename": INTERNAL}),
    # --- sign-in watch (django-axes) and two-factor devices (django-otp) -------------------------
    **_fields(
        "axes.AccessAttempt",
        {**_AXES_COMMON, "get_data": RESTRICTED, "post_data": RESTRICTED, "failures_since_start": RESTRICTED},
    ),
    **_fields("axes.AccessFailureLog", {**_AXES_COMMON, "locked_out": RESTRICTED}),
    **_fields("axes.AccessLog", {**_AXES_COMMON, "logout_time": RESTRICTED, "session_hash": RESTRICTED}),
    **_fields("axes.AccessAttemptExpiration", {"access_attempt": RESTRICTED, "expires_at": RESTRICTED}),
    **_fields(
        "otp_totp.TOTPDevice",
        {
            "id": RESTRICTED,
            "user": PERSONAL,
            "name": RESTRICTED,
            "confirmed": RESTRICTED,
            "throttling_failure_timestamp": RESTRICTED,
            "throttling_failure_count": RESTRICTED,
            "created_at": RESTRICTED,
            "last_used_at": RESTRICTED,
            "key": RESTRICTED,
            "step": RESTRICTED,
            "t0": RESTRICTED,
            "digits": RESTRICTED,
            "tolerance": RESTRICTED,
            "drift": RESTRICTED,
            "last_t": RESTRICTED,
        },
    ),
}

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
