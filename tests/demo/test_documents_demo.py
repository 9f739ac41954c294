"""The demo region shows partnership documents: generated PDFs, one with two versions."""

import pytest

from demo.documents import build_documents_demo
from documents.filetypes import detect_bytes
from documents.models import Document

pytestmark = pytest.mark.django_db


def test_the_demo_attaches_readable_pdfs_and_a_second_run_adds_nothing(seeded):
    documents = Document.objects.select_related("partnership", "current")
    assert documents.count() >= 3
    mou = documents.get(partnership__title="PAPD–Beacon victim-services MOU")
    assert mou.current.number == 2 and mou.versions.count() == 2
    with mou.current.file.open("rb") as handle:
        assert detect_bytes(handle.read()) == "application/pdf"
    assert build_documents_demo() == 0
