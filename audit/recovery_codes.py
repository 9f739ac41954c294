"""Recovery codes for two-factor sign-in: made ten at a time, shown once, stored hashed, used once.

django-otp's static-token plugin keeps its tokens in plain text, so the codes live in our own table
(audit.models.RecoveryCode) as salted SHA-256 hashes. A code carries 50 random bits, which a fast
hash protects well enough; the verify step's throttle (the TOTP device's) slows guessing further.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils import timezone

from audit.models import RecoveryCode

COUNT = 10
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: codes are copied by hand
LENGTH = 10


def normalize(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def _hash(code: str, salt: str) -> str:
    return hashlib.sha256(f"{salt}${normalize(code)}".encode()).hexdigest()


def code_hash(code: str) -> str:
    salt = secrets.token_hex(8)
    return f"sha256${salt}${_hash(code, salt)}"


def code_matches(code: str, stored: str) -> bool:
    algorithm, _sep, rest = stored.partition("$")
    salt, _sep, digest = rest.partition("$")
    return algorithm == "sha256" and hmac.compare_digest(_hash(code, salt), digest)


def _new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def recovery_codes_replace(*, user) -> list[str]:
    """Delete the user's recovery codes and make COUNT new ones; return them, the only time they exist."""
    codes = [_new_code() for _ in range(COUNT)]
    with transaction.atomic():
        RecoveryCode.objects.filter(user=user).delete()
        RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=code_hash(code)) for code in codes)
    return codes


def recovery_code_use(*, user, code: str) -> bool:
    """Use up one of the user's unused codes equal to `code`; False when none matches (or it was used)."""
    if len(normalize(code)) != LENGTH:
        return False
    for pk, stored in RecoveryCode.objects.filter(user=user, used_at__isnull=True).values_list("pk", "code_hash"):
        if code_matches(code, stored):
            # The update is the claim: of two requests racing with one code, only one changes a row.
            return RecoveryCode.objects.filter(pk=pk, used_at__isnull=True).update(used_at=timezone.now()) == 1
    return False


def recovery_codes_left(*, user) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def recovery_codes_delete(*, user) -> None:
    RecoveryCode.objects.filter(user=user).delete()
