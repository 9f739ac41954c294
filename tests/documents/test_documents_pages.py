"""Partnership documents on the pages: upload, versions, the current one, download, removal."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from audit.models import AuditEvent
from documents.models import Document, DocumentVersion
from tests import factories as f
from tests.conftest import as_user
from tests.documents.conftest import docx_bytes, odt_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def _add(client, partnership, content=None, name="mou.pdf", title="Referral MOU 2025"):
    return client.post(
        f"/partnerships/{partnership.pk}/documents/new/",
        {"title": title, "kind": "mou", "file": upload(content or pdf_bytes(), name)},
    )


def test_a_member_of_a_partner_uploads_a_document_that_becomes_current(client, world, partnership):
    response = _add(as_user(client, world.member), partnership, name="../../etc/Our MOU (final).pdf")
    assert response.status_code == 302
    document = Document.objects.get(partnership=partnership)
    version = document.current
    assert (version.number, version.content_type, version.original_name) == (1, "application/pdf", "Our-MOU-final.pdf")
    assert version.uploaded_by == world.member
    assert default_storage.exists(version.file.name)
    assert "Our MOU" not in version.file.name and version.file.name.startswith("partnership-documents/")
    page = client.get(f"/partnerships/{partnership.pk}/documents/")
    assert "Referral MOU 2025" in page.content.decode()


def test_a_new_version_becomes_current_and_an_earlier_one_can_be_made_current_again(client, world, partnership):
    as_user(client, world.coordinator)
    _add(client, partnership)
    document = Document.objects.get()
    response = client.post(
        f"/documents/{document.pk}/versions/",
        {f"d{document.pk}-file": upload(docx_bytes(), "mou.docx"), f"d{document.pk}-note": "Signed"},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.current.number, document.current.content_type, document.current.note) == (
        2,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Signed",
    )
    first = document.versions.get(number=1)
    assert client.post(f"/documents/versions/{first.pk}/current/").status_code == 302
    document.refresh_from_db()
    assert document.current_id == first.pk


@pytest.mark.parametrize("persona", ["outsider", "other_coordinator"])
def test_those_outside_the_partnership_cannot_upload_and_nothing_is_stored(client, world, partnership, persona):
    response = _add(as_user(client, getattr(world, persona)), partnership)
    assert response.status_code == 403
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()


def test_outsiders_cannot_change_the_current_version(client, world, partnership):
    as_user(client, world.member)
    _add(client, partnership)
    document = Document.objects.get()
    client.post(f"/documents/{document.pk}/versions/", {f"d{document.pk}-file": upload(odt_bytes(), "v2.odt")})
    first = document.versions.get(number=1)
    as_user(client, world.outsider)
    assert client.post(f"/documents/versions/{first.pk}/current/").status_code == 403
    document.refresh_from_db()
    assert document.current.number == 2


def test_anonymous_visitors_are_sent_to_sign_in_and_never_get_the_file(client, world, partnership):
    as_user(client, world.member)
    _add(client, partnership)
    version = DocumentVersion.objects.get()
    client.logout()
    response = client.get(f"/documents/versions/{version.pk}/download/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_file_over_the_limit_gets_a_message_beside_the_field(client, world, partnership, settings):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 50
    response = _add(as_user(client, world.member), partnership)
    assert response.status_code == 400
    assert 'class="field field-file"' in response.content.decode()
    assert "the limit is 50" in response.content.decode()
    assert not Document.objects.exists()


def test_a_program_named_pdf_is_refused_by_its_content(client, world, partnership):
    response = _add(as_user(client, world.member), partnership, content=b"MZ\x90\x00program", name="mou.pdf")
    assert response.status_code == 400
    assert "is not a PDF, a Word document" in response.content.decode()
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()


def test_a_download_streams_an_attachment_and_is_audited(client, world, partnership):
    as_user(client, world.member)
    _add(client, partnership)
    version = DocumentVersion.objects.get()
    as_user(client, world.outsider)  # every signed-in user sees partnerships, so their documents
    response = client.get(f"/documents/versions/{version.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mou.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == pdf_bytes()
    event = AuditEvent.objects.get(action="document_download")
    assert event.actor == world.outsider and event.detail["version"] == version.pk


def test_only_admins_remove_a_version_which_is_then_never_served(client, world, partnership):
    as_user(client, world.member)
    _add(client, partnership)
    document = Document.objects.get()
    client.post(f"/documents/{document.pk}/versions/", {f"d{document.pk}-file": upload(pdf_bytes("v2"), "v2.pdf")})
    second = document.versions.get(number=2)
    assert client.post(f"/documents/versions/{second.pk}/remove/").status_code == 403
    assert DocumentVersion.objects.get(pk=second.pk).deleted_at is None
    as_user(client, world.admin)
    assert client.post(f"/documents/versions/{second.pk}/remove/").status_code == 302
    document.refresh_from_db()
    assert document.current.number == 1  # the newest remaining version
    assert client.get(f"/documents/versions/{second.pk}/download/").status_code == 404
    assert AuditEvent.objects.filter(action="document_remove", actor=world.admin).count() == 1


def test_the_partnership_page_loads_the_documents_section(client, world, partnership):
    as_user(client, world.member)
    page = client.get(f"/partnerships/{partnership.pk}/").content.decode()
    assert f'hx-get="/partnerships/{partnership.pk}/documents/"' in page
    fragment = client.get(f"/partnerships/{partnership.pk}/documents/", headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode() and "Add a document" in fragment.content.decode()


def test_the_documents_section_reads_in_constant_queries(client, world, partnership, django_assert_max_num_queries):
    as_user(client, world.member)
    for n in range(2):
        _add(client, partnership, title=f"Doc {n}")
    url = f"/partnerships/{partnership.pk}/documents/"
    # session, user, profile, coordinator roles, partnership, its organisations, documents, their
    # versions (with uploaders): 8, for 2 documents and for 7.
    with django_assert_max_num_queries(8):
        client.get(url)
    for n in range(2, 7):
        _add(client, partnership, title=f"Doc {n}")
    with django_assert_max_num_queries(8):
        client.get(url)


def test_a_partnership_the_viewer_cannot_see_is_404(client, world):
    other = f.partnership([world.org_c, world.org_d], title="Elsewhere")
    as_user(client, world.member)
    assert client.get(f"/partnerships/{other.pk + 1000}/documents/").status_code == 404


def test_a_bad_new_version_gets_a_message_beside_its_field_and_the_current_one_stays(client, world, partnership):
    as_user(client, world.member)
    _add(client, partnership)
    document = Document.objects.get()
    response = client.post(
        f"/documents/{document.pk}/versions/", {f"d{document.pk}-file": upload(b"\x89PNG\r\n", "v2.pdf")}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_d{document.pk}-file"' in page and "is not a PDF, a Word document" in page
    document.refresh_from_db()
    assert document.current.number == 1 and document.versions.count() == 1
