"""The Celery application: background work (imports, report PDFs) and the daily schedules.

Configured from Django's settings under the `CELERY_` namespace (see the block in
coalition/settings.py); each app's `tasks.py` is found on its own. Run a worker with
`celery -A coalition worker` and the scheduler with `celery -A coalition beat`
(docs/deployment.md). Without `CELERY_BROKER_URL` tasks run at once, in the calling process.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")

app = Celery("coalition")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
