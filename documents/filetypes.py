"""What an uploaded file really is, read from its content (never its name or declared type).

- PDF: starts with `%PDF-`;
- DOCX: a zip holding `[Content_Types].xml` and `word/document.xml`;
- ODT: a zip whose first member is `mimetype`, stored uncompressed, holding
  `application/vnd.oasis.opendocument.text` (the OpenDocument rule, what `file(1)` checks).

Zips are inspected, never unpacked: the end-of-central-directory record is read first, so an
archive declaring more than MAX_MEMBERS members is refused before its directory is parsed; then
only the member names and declared sizes are read, and an archive declaring more than
MAX_UNPACKED_BYTES in total is refused (a zip bomb).
"""

from __future__ import annotations

import io
import struct
import zipfile
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from documents.choices import FileType

MAX_MEMBERS = 2000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
EOCD = b"PK\x05\x06"
EOCD_SEARCH = 22 + 65535  # the record plus the longest comment


def _unsupported() -> ValidationError:
    return ValidationError(
        {"file": _("This file is not a PDF, a Word document (.docx) or an OpenDocument text (.odt).")}
    )


def _declared_members(data: IO[bytes], size: int) -> int | None:
    """The member count the end-of-central-directory record declares, or None when absent."""
    start = max(0, size - EOCD_SEARCH)
    data.seek(start)
    tail = data.read(size - start)
    at = tail.rfind(EOCD)
    if at < 0 or len(tail) - at < 22:
        return None
    return struct.unpack("<H", tail[at + 10 : at + 12])[0]


def _zip_type(data: IO[bytes], size: int, head: bytes) -> str:
    members = _declared_members(data, size)
    if members is None:
        raise _unsupported()
    if members >= 0xFFFF or members > MAX_MEMBERS:  # 0xFFFF: a zip64 count, never a document's
        raise ValidationError({"file": _("The file holds too many parts to be a document.")})
    data.seek(0)
    try:
        with zipfile.ZipFile(data) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, struct.error):
        raise _unsupported() from None
    if len(infos) > MAX_MEMBERS:
        raise ValidationError({"file": _("The file holds too many parts to be a document.")})
    if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise ValidationError({"file": _("The file unpacks to more than a document ever holds.")})
    names = {i.filename for i in infos}
    if {"[Content_Types].xml", "word/document.xml"} <= names:
        return FileType.DOCX
    first = infos[0] if infos else None
    if (
        first is not None
        and first.filename == "mimetype"
        and first.compress_type == zipfile.ZIP_STORED
        and head[30:38] == b"mimetype"
        and head[38 : 38 + len(ODT_MIMETYPE)] == ODT_MIMETYPE
    ):
        return FileType.ODT
    raise _unsupported()


def detect_type(data: IO[bytes], size: int) -> str:
    """The FileType of the file, or ValidationError({"file": ...}). Leaves the file at its start."""
    try:
        data.seek(0)
        head = data.read(128)
        if head.startswith(b"%PDF-"):
            return FileType.PDF
        if head.startswith(b"PK\x03\x04"):
            return _zip_type(data, size, head)
        raise _unsupported()
    finally:
        data.seek(0)


def detect_bytes(content: bytes) -> str:
    return detect_type(io.BytesIO(content), len(content))
