"""What every background job row shares: when a worker took it, its last sign of life, why it
failed, and the beat that keeps that sign fresh while the work runs.

A job's row is the record of its progress, not the task queue: a worker that dies (killed,
restarted, out of memory) stops beating, and once its last beat is older than
`BACKGROUND_JOB_STALE_AFTER` the job is shown as failed instead of running for ever.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connections, models
from django.utils import timezone

logger = logging.getLogger(__name__)

HEARTBEAT_EVERY = 2.0  # seconds between two signs of life of a running job
DEFAULT_STALE_AFTER = timedelta(minutes=2)


def stale_after() -> timedelta:
    return getattr(settings, "BACKGROUND_JOB_STALE_AFTER", DEFAULT_STALE_AFTER)


class BackgroundJob(models.Model):
    """The columns a job row needs to be followed from a page and declared dead when its worker is."""

    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)
    # {"phase": "...", "done": n, "total": n}, written by the beat while the work runs.
    progress = models.JSONField(default=dict, blank=True, editable=False)
    error = models.TextField(blank=True, editable=False)

    class Meta:
        abstract = True

    def heartbeat_is_stale(self, *, now=None) -> bool:
        """True when nothing has been heard of the job for longer than the stated limit."""
        now = now or timezone.now()
        return self.heartbeat_at is None or self.heartbeat_at < now - stale_after()


class Heartbeat:
    """While the work runs, a thread writes the job's progress and a fresh `heartbeat_at` every
    few seconds on its own database connection, so the beat is seen even while the work holds
    a long transaction open (an import commits all its rows at once)."""

    def __init__(self, model: type[models.Model], pk, *, every: float = HEARTBEAT_EVERY) -> None:
        self.model, self.pk, self.every = model, pk, every
        self.state: dict = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{pk}", daemon=True)

    def progress(self, phase: str, done: int = 0, total: int = 0) -> None:
        self.state = {"phase": phase, "done": done, "total": total}

    def _beat(self) -> None:
        self.model.objects.filter(pk=self.pk).update(heartbeat_at=timezone.now(), progress=self.state)

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.every):
                try:
                    self._beat()
                except DatabaseError:  # a busy SQLite file or a lost connection: try again at the next beat
                    logger.warning("No heartbeat written for job %s.", self.pk, exc_info=True)
        finally:
            connections.close_all()

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()


def _connection_errors() -> tuple[type[BaseException], ...]:
    from django.db import InterfaceError, OperationalError
    from kombu.exceptions import OperationalError as BrokerUnavailable
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return (OperationalError, InterfaceError, BrokerUnavailable, RedisConnectionError, RedisTimeoutError)


# What a task retries on, with backoff: the database or the broker was briefly out of reach.
CONNECTION_ERRORS = _connection_errors()
