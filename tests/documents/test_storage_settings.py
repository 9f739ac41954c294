"""Where documents are stored: the file system by default, an S3-compatible bucket from the
environment (docs/deployment.md, "Partnership documents")."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parents[2]
PRINT = (
    "import json, django; django.setup(); from django.conf import settings; "
    "from django.core.files.storage import storages; "
    "print(json.dumps({'storage': settings.STORAGES['default'], 'class': type(storages['default']).__name__, "
    "'media_root': str(settings.MEDIA_ROOT), 'limit': settings.DOCUMENTS_MAX_UPLOAD_BYTES}))"
)


def _settings(**overrides) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOCUMENTS_", "MEDIA_ROOT", "DATABASE_URL"))}
    env.update({"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "coalition.settings", **overrides})
    result = subprocess.run(
        [sys.executable, "-c", PRINT], cwd=BASE, env=env, capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(result.stdout)


def test_documents_go_to_the_file_system_under_the_project_by_default():
    found = _settings()
    assert found["class"] == "FileSystemStorage"
    assert found["media_root"] == str(BASE / "media")
    assert found["limit"] == 10 * 1024 * 1024


def test_a_bucket_in_the_environment_stores_documents_privately_in_s3():
    found = _settings(
        DOCUMENTS_S3_BUCKET="coalition-documents",
        DOCUMENTS_S3_ENDPOINT_URL="https://minio.internal:9000",
        DOCUMENTS_S3_REGION="eu-central-1",
        DOCUMENTS_S3_ACCESS_KEY_ID="key-id",
        DOCUMENTS_S3_SECRET_ACCESS_KEY="secret",
        DOCUMENTS_S3_PREFIX="tracker",
        DOCUMENTS_MAX_UPLOAD_BYTES="2048",
    )
    assert found["class"] == "S3Storage"
    options = found["storage"]["OPTIONS"]
    assert options["bucket_name"] == "coalition-documents"
    assert options["endpoint_url"] == "https://minio.internal:9000"
    assert (options["default_acl"], options["querystring_auth"], options["file_overwrite"]) == ("private", True, False)
    assert options["location"] == "tracker"
    assert found["limit"] == 2048


def test_the_test_suite_keeps_documents_out_of_the_project(settings):
    assert not str(settings.MEDIA_ROOT).startswith(str(BASE))
