"""Signed one-click unsubscribe tokens: per person (or address) and topic, with no expiry, since
an old e-mail's link must still work. Only the signature protects them, so they carry nothing
secret and do only one thing: turn one topic off."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

SALT = "notifications.unsubscribe"


@dataclass(frozen=True)
class Unsubscribe:
    topic: str
    user_id: int | None = None
    address: str = ""


def unsubscribe_token(*, topic: str, user=None, address: str = "") -> str:
    payload = {"t": topic, "u": user.pk} if user is not None else {"t": topic, "a": address.lower()}
    return signing.dumps(payload, salt=SALT, compress=True)


def unsubscribe_read(token: str) -> Unsubscribe | None:
    """What a token asks for, or None when it was not signed by this site (or is malformed)."""
    from notifications.choices import Topic

    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("t") not in Topic.values:
        return None
    if isinstance(payload.get("u"), int):
        return Unsubscribe(topic=payload["t"], user_id=payload["u"])
    if isinstance(payload.get("a"), str) and payload["a"]:
        return Unsubscribe(topic=payload["t"], address=payload["a"])
    return None
