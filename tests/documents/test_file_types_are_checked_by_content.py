"""The type of an upload is read from its content, and hostile zips are refused unopened."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from django.core.exceptions import ValidationError

from documents.choices import FileType
from documents.filetypes import MAX_MEMBERS, detect_bytes
from tests.documents.conftest import docx_bytes, odt_bytes, pdf_bytes


def test_pdf_docx_and_odt_are_recognised_by_what_they_hold():
    assert detect_bytes(pdf_bytes()) == FileType.PDF
    assert detect_bytes(docx_bytes()) == FileType.DOCX
    assert detect_bytes(odt_bytes()) == FileType.ODT


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00 a program",
        b"<html><script>alert(1)</script></html>",
        b"",
        b"PK\x03\x04 not really a zip",
    ],
)
def test_other_content_is_refused_on_the_file_field(content):
    with pytest.raises(ValidationError) as exc:
        detect_bytes(content)
    assert "file" in exc.value.message_dict


def test_a_zip_that_is_neither_docx_nor_odt_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", "MZ")
    with pytest.raises(ValidationError):
        detect_bytes(buffer.getvalue())


def test_an_odt_whose_mimetype_member_is_compressed_is_refused():
    with pytest.raises(ValidationError):
        detect_bytes(odt_bytes(compress_mimetype=True))


def test_a_zip_declaring_too_many_members_is_refused_before_its_directory_is_read():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(MAX_MEMBERS + 1):
            archive.writestr(f"m{n}", "")
    with pytest.raises(ValidationError) as exc:
        detect_bytes(buffer.getvalue())
    assert "too many parts" in str(exc.value)


def test_a_zip_declaring_a_huge_unpacked_size_is_refused():
    data = bytearray(docx_bytes())
    at = data.find(b"PK\x01\x02")  # the first central-directory entry
    data[at + 24 : at + 28] = struct.pack("<I", 0xFFFFFFF0)  # its declared uncompressed size: ~4 GB
    with pytest.raises(ValidationError) as exc:
        detect_bytes(bytes(data))
    assert "unpacks to more" in str(exc.value)
