"""The registry's entries for the apps beside the domain: health, reports, imports, audit, analytics."""

from __future__ import annotations

from audit.classification.classes import _STAMPS, INTERNAL, PERSONAL, RESTRICTED, _fields

APPS: dict[str, str] = {
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
    # The work on needs-attention items: between the coalition's coordinators and the organisations concerned.
    **_fields(
        "health.AttentionWork",
        {
            "id": RESTRICTED,
            "key": RESTRICTED,
            "kind": RESTRICTED,
            "coalition": RESTRICTED,
            "partnership": RESTRICTED,
            "state": RESTRICTED,
            "assignee": PERSONAL,
            "acknowledged_by": PERSONAL,
            "acknowledged_at": RESTRICTED,
            "snoozed_until": RESTRICTED,
            "snooze_reason": RESTRICTED,
            "resolved_by": PERSONAL,
            "resolved_at": RESTRICTED,
            "resolution_note": RESTRICTED,
            "resolved_condition_date": RESTRICTED,
            "updated_at": RESTRICTED,
        },
    ),
    **_fields(
        "health.AttentionEvent",
        {
            "id": RESTRICTED,
            "work": RESTRICTED,
            "at": RESTRICTED,
            "actor": PERSONAL,
            "action": RESTRICTED,
            "assignee": PERSONAL,
            "snoozed_until": RESTRICTED,
            "note": RESTRICTED,
        },
    ),
    **_fields(
        "health.ComplementarySectorPair", {"id": INTERNAL, "sector_a": INTERNAL, "sector_b": INTERNAL, "why": INTERNAL}
    ),
    # --- documents: a partnership's agreements, seen by whoever sees the partnership --------------
    **_fields(
        "documents.Document",
        {"id": INTERNAL, "partnership": INTERNAL, "title": INTERNAL, "kind": INTERNAL, "current": INTERNAL},
    ),
    **_fields("documents.Document", {"created_at": INTERNAL, "created_by": PERSONAL}),
    **_fields(
        "documents.DocumentVersion",
        {
            "id": INTERNAL,
            "document": INTERNAL,
            "number": INTERNAL,
            "file": INTERNAL,  # an agreement may name partner staff: only ever served by the download view
            "original_name": INTERNAL,
            "content_type": INTERNAL,
            "size": INTERNAL,
            "sha256": INTERNAL,
            "note": INTERNAL,
            "uploaded_at": INTERNAL,
            "uploaded_by": PERSONAL,
            "deleted_at": RESTRICTED,
            "deleted_by": PERSONAL,
        },
    ),
    # --- reports -------------------------------------------------------------------------------
    # A prepared report PDF holds what its requester may see, participants-only activities included.
    **_fields(
        "reports.ReportJob",
        {
            "id": RESTRICTED,
            "requested_by": PERSONAL,
            "coalition": RESTRICTED,
            "since": RESTRICTED,
            "until": RESTRICTED,
            "status": RESTRICTED,
            "filename": RESTRICTED,
            "pdf": RESTRICTED,
            "created_at": RESTRICTED,
            "finished_at": RESTRICTED,
            "started_at": RESTRICTED,
            "heartbeat_at": RESTRICTED,
            "progress": RESTRICTED,
            "error": RESTRICTED,
        },
    ),
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
            "run_id": RESTRICTED,
            "started_at": RESTRICTED,
            "heartbeat_at": RESTRICTED,
            "progress": RESTRICTED,
            "error": RESTRICTED,
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
}
