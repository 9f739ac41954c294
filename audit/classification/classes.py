"""The four classes of data, and the shorthand the registry modules write their entries with."""

from __future__ import annotations

PUBLIC = "public"
INTERNAL = "internal"
RESTRICTED = "restricted"
PERSONAL = "personal"
CLASSES = (PUBLIC, INTERNAL, RESTRICTED, PERSONAL)

_VOCABULARY = {"id": PUBLIC, "name": PUBLIC, "slug": PUBLIC, "description": PUBLIC, "position": PUBLIC}
_STAMPS = {"id": INTERNAL, "created_at": INTERNAL, "updated_at": INTERNAL, "version": INTERNAL}


def _fields(model: str, mapping: dict[str, str]) -> dict[str, str]:
    return {f"{model}.{field}": cls for field, cls in mapping.items()}
