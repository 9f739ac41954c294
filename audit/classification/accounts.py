"""The registry's entries for accounts and sign-in: django.contrib.auth, django-axes, django-otp."""

from __future__ import annotations

from audit.classification.classes import INTERNAL, PERSONAL, RESTRICTED, _fields

_AXES_COMMON = {
    "id": RESTRICTED,
    "user_agent": PERSONAL,
    "ip_address": PERSONAL,
    "username": PERSONAL,
    "http_accept": RESTRICTED,
    "path_info": RESTRICTED,
    "attempt_time": RESTRICTED,
}


ACCOUNTS: dict[str, str] = {
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
    # Recovery codes of the second factor, kept as salted hashes (audit/recovery_codes.py).
    **_fields(
        "audit.RecoveryCode",
        {"id": RESTRICTED, "user": PERSONAL, "code_hash": RESTRICTED, "created_at": RESTRICTED, "used_at": RESTRICTED},
    ),
    # Invitations of people (audit/invitations.py): the address is personal; the link's secret is
    # kept only as a hash.
    **_fields(
        "audit.PersonInvitation",
        {
            "id": RESTRICTED,
            "email": PERSONAL,
            "role": RESTRICTED,
            "organization": RESTRICTED,
            "coalition": RESTRICTED,
            "token_hash": RESTRICTED,
            "invited_by": PERSONAL,
            "created_at": RESTRICTED,
            "sent_at": RESTRICTED,
            "expires_at": RESTRICTED,
            "accepted_at": RESTRICTED,
            "accepted_by": PERSONAL,
            "revoked_at": RESTRICTED,
        },
    ),
}
