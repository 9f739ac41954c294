"""The documents API: multipart for the two uploads, JSON elsewhere, the pages' rules."""

from __future__ import annotations

import pytest

from audit.models import AuditEvent
from documents.models import Document, DocumentVersion
from tests.documents.conftest import docx_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def _create(api, partnership, content=None, **extra):
    data = {"title": "Data-sharing agreement", "kind": "data_sharing", "file": upload(content or pdf_bytes())}
    data.update(extra)
    return api.post(f"/api/v1/partnerships/{partnership.pk}/documents/", data, format="multipart")


def test_a_coordinator_adds_a_document_and_a_version_and_lists_them(api, world, partnership):
    api.force_authenticate(world.coordinator)
    created = _create(api, partnership)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["title"] == "Data-sharing agreement" and body["kind"] == "data_sharing"
    assert body["current_version"] == body["versions"][0]["id"]
    version = api.post(
        f"/api/v1/documents/{body['id']}/versions/", {"file": upload(docx_bytes(), "v2.docx")}, format="multipart"
    )
    assert version.status_code == 201
    listed = api.get(f"/api/v1/partnerships/{partnership.pk}/documents/").json()
    assert [v["number"] for v in listed[0]["versions"]] == [2, 1]
    assert listed[0]["current_version"] == listed[0]["versions"][0]["id"]
    first = listed[0]["versions"][1]
    again = api.post(f"/api/v1/documents/versions/{first['id']}/current/", {}, format="json")
    assert again.status_code == 200 and again.json()["current_version"] == first["id"]


def test_uploads_take_multipart_only(api, world, partnership):
    api.force_authenticate(world.member)
    response = api.post(
        f"/api/v1/partnerships/{partnership.pk}/documents/", {"title": "x", "kind": "mou"}, format="json"
    )
    assert response.status_code == 415
    assert not Document.objects.exists()


def test_a_bad_file_is_a_400_naming_the_file_field(api, world, partnership, settings):
    api.force_authenticate(world.member)
    response = _create(api, partnership, content=b"GIF89a not a document")
    assert response.status_code == 400 and "file" in response.json()
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 20
    response = _create(api, partnership)
    assert response.status_code == 400 and "limit" in response.json()["file"][0]
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()


def test_outsiders_get_403_and_nothing_changes(api, world, partnership):
    api.force_authenticate(world.outsider)
    assert _create(api, partnership).status_code == 403
    assert not Document.objects.exists()


def test_anonymous_callers_get_401(api, partnership):
    assert api.get(f"/api/v1/partnerships/{partnership.pk}/documents/").status_code in (401, 403)


def test_the_api_download_is_an_audited_attachment(api, world, partnership):
    api.force_authenticate(world.member)
    body = _create(api, partnership).json()
    url = body["versions"][0]["download_url"]
    response = api.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert AuditEvent.objects.filter(action="document_download", actor=world.member).count() == 1


def test_only_admins_delete_a_version(api, world, partnership):
    api.force_authenticate(world.member)
    body = _create(api, partnership).json()
    version_id = body["versions"][0]["id"]
    assert api.delete(f"/api/v1/documents/versions/{version_id}/").status_code == 403
    assert DocumentVersion.objects.get(pk=version_id).deleted_at is None
    api.force_authenticate(world.admin)
    assert api.delete(f"/api/v1/documents/versions/{version_id}/").status_code == 204
    assert Document.objects.get().current is None
    assert api.get(body["versions"][0]["download_url"]).status_code == 404


def test_the_list_reads_in_constant_queries(api, world, partnership, django_assert_max_num_queries):
    api.force_authenticate(world.member)
    _create(api, partnership)
    url = f"/api/v1/partnerships/{partnership.pk}/documents/"
    # profile, partnership, documents with their current version, their live versions: 4 (+2 spare).
    with django_assert_max_num_queries(6):
        assert len(api.get(url).json()) == 1
    for _ in range(5):
        _create(api, partnership)
    with django_assert_max_num_queries(6):
        assert len(api.get(url).json()) == 6
