"""Database routing: writes and ordinary reads on `default`; chosen read-only work on `replica`.

Active when REPLICA_DATABASE_URL is set (see docs/deployment.md). Reads go to the replica only
inside `replica_reads()` (analytics and exports, which tolerate a replica a few seconds behind),
so a page never reads its own fresh write from a lagging copy.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_use_replica: ContextVar[bool] = ContextVar("use_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reads() -> Iterator[None]:
    """Within this block, model reads use the replica when one is configured."""
    token = _use_replica.set(True)
    try:
        yield
    finally:
        _use_replica.reset(token)


class ReplicaRouter:
    """Route reads inside `replica_reads()` to the replica; everything else to `default`."""

    def db_for_read(self, model, **hints) -> str | None:
        if _use_replica.get() and replica_configured():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints) -> str | None:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        # Both aliases hold the same data, so objects read from either may be related.
        if {obj1._state.db, obj2._state.db} <= {"default", REPLICA}:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints) -> bool | None:
        # The replica copies `default` by streaming replication; it is never migrated directly.
        return db == "default"
