"""The registry's entries for the domain app (partners): every stored field, by model."""

from __future__ import annotations

from audit.classification.classes import _STAMPS, _VOCABULARY, INTERNAL, PERSONAL, PUBLIC, RESTRICTED, _fields

DOMAIN: dict[str, str] = {
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
            "visibility": INTERNAL,  # who may see the contact, not about the person
            "last_confirmed_on": INTERNAL,  # when the organisation vouched for the details
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
            "time_zone": INTERNAL,
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
            "starts_at": RESTRICTED,
            "ends_at": RESTRICTED,
            "place": RESTRICTED,
            "online_link": RESTRICTED,  # a joining link lets anyone in: as restricted as the meeting
            "decisions": RESTRICTED,
            "cancelled_at": RESTRICTED,
            "sequence": RESTRICTED,
            "attendance_recorded_at": RESTRICTED,
        },
    ),
    # Planning a meeting: the agenda, the invitations and their replies, and the action items
    # decided; as restricted as the meeting they belong to. Who replied or owns an item is a person.
    **_fields(
        "partners.AgendaItem",
        {"id": RESTRICTED, "meeting": RESTRICTED, "position": RESTRICTED, "title": RESTRICTED, "presenter": RESTRICTED},
    ),
    **_fields(
        "partners.Invitation",
        {
            "id": RESTRICTED,
            "meeting": RESTRICTED,
            "organization": RESTRICTED,
            "reply": RESTRICTED,
            "replied_by": PERSONAL,
            "replied_at": RESTRICTED,
            "created_at": RESTRICTED,
        },
    ),
    **_fields(
        "partners.ActionItem",
        {
            "id": RESTRICTED,
            "meeting": RESTRICTED,
            "coalition": RESTRICTED,
            "title": RESTRICTED,
            "owner_organization": RESTRICTED,
            "owner_user": PERSONAL,
            "due_on": RESTRICTED,
            "status": RESTRICTED,
            "closed_at": RESTRICTED,
            "created_by": PERSONAL,
            "created_at": RESTRICTED,
            "updated_at": RESTRICTED,
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
}
