"""Reading an uploaded CSV or XLSX into rows of text, or rejecting it with a message a person can act on.

Understood: UTF-8 with or without a byte-order mark, Windows-1252, `,` or `;` separators, and
XLSX workbooks (the first sheet, or the one named after what the file holds).

A file costs at most what its limits allow, whatever it declares: a workbook's unpacked size is
checked before it is opened, its XML is read by defusedxml (no entities, no external files,
through openpyxl), and both formats are read in one pass that stops at the row limit (empty rows
count) and at the column limit. Any error of a parser becomes the same message as any other
unreadable file, never a server error.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_ROWS = 5000
DEFAULT_MAX_COLUMNS = 200
DEFAULT_MAX_UNZIPPED_BYTES = 25 * 1024 * 1024
# Column names, not data: 200 long names fit several times over.
MAX_HEADER_CHARS = 64 * 1024
# A workbook has a dozen parts; thousands can only be there to cost time.
MAX_ARCHIVE_MEMBERS = 500
HEADER_LINE = re.compile(rf"[^\r\n]{{0,{MAX_HEADER_CHARS + 1}}}")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class FileRejected(Exception):
    """The file as a whole cannot be read; the message says why and what to do."""


def max_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES))


def max_rows() -> int:
    return int(getattr(settings, "IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS))


def max_columns() -> int:
    return int(getattr(settings, "IMPORT_MAX_COLUMNS", DEFAULT_MAX_COLUMNS))


def max_unzipped_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_UNZIPPED_BYTES", DEFAULT_MAX_UNZIPPED_BYTES))


@dataclass
class Table:
    """Normalised headers and the data rows as {header: text}, each with its line in the file."""

    headers: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    encoding: str = ""
    separator: str = ""


def normalise_header(text: str) -> str:
    return "_".join(str(text or "").strip().lower().replace("-", " ").split())


def check_size(size: int) -> None:
    if size > max_bytes():
        raise FileRejected(
            _("The file is %(size)s; the limit is %(limit)s. Split it into smaller files.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes())}
        )
    if size == 0:
        raise FileRejected(_("The file is empty."))


def read_table(data: bytes, filename: str, *, expected: list[str], sheet_name: str = "") -> Table:
    """Parse `data`; `expected` is the list of known headers, used to tell `,` from `;`."""
    check_size(len(data))
    name = filename.lower()
    if data.startswith(b"PK\x03\x04") or name.endswith((".xlsx", ".xlsm")):
        table = _read_xlsx(data, sheet_name)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRejected(_("This is an old Excel (.xls) file. Save it as .xlsx or CSV (UTF-8) and upload again."))
    elif name.endswith((".csv", ".txt")) or not name.rpartition(".")[1]:
        table = _read_csv(data, expected)
    else:
        raise FileRejected(_("Upload a .csv or .xlsx file."))
    if not table.headers or not any(table.headers):
        raise FileRejected(_("The first row must hold the column names; it is empty."))
    duplicates = sorted({h for h in table.headers if h and table.headers.count(h) > 1})
    if duplicates:
        raise FileRejected(_("These columns appear more than once: %(cols)s.") % {"cols": ", ".join(duplicates)})
    return table


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding's name; UTF-8 (BOM or not) first, then Windows-1252."""
    for bom, label in ((codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if data.startswith(bom):
            raise FileRejected(
                _("The file is in %(enc)s. Save it as CSV in UTF-8 (or Windows-1252) and upload again.")
                % {"enc": label}
            )
    if b"\x00" in data[:4096]:
        raise FileRejected(
            _("The file is not plain text in UTF-8 or Windows-1252 (it holds NUL bytes). Save it as CSV in UTF-8.")
        )
    try:
        text, encoding = data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:
            raise FileRejected(
                _("The file's characters are neither UTF-8 nor Windows-1252. Save it as CSV in UTF-8 and upload again.")
            ) from None
    if CONTROL_CHARACTERS.search(text):
        raise FileRejected(
            _("The file holds control characters, so it is not a text CSV. Save it as CSV in UTF-8 and upload again.")
        )
    return text, encoding


def _first_line(text: str) -> str:
    """The header line, without reading past MAX_HEADER_CHARS of a file that may be one long line."""
    line = HEADER_LINE.match(text).group()
    if len(line) > MAX_HEADER_CHARS:
        raise FileRejected(
            _("The first row is longer than %(limit)s characters; it must hold only the column names.")
            % {"limit": f"{MAX_HEADER_CHARS:,}"}
        )
    if not line.strip():
        raise FileRejected(_("The first row must hold the column names; it is empty."))
    return line


def _too_many_columns() -> str:
    return _("The first row has more than %(limit)s columns; keep only the columns to import.") % {
        "limit": f"{max_columns():,}"
    }


def _split_header(line: str, separator: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=separator))
    except csv.Error as exc:
        raise FileRejected(_("The CSV is malformed in its first row: %(problem)s.") % {"problem": exc}) from None


def _read_csv(data: bytes, expected: list[str]) -> Table:
    text, encoding = decode(data)
    first_line = _first_line(text.lstrip("\ufeff"))
    known = set(expected)
    best: tuple[int, str] | None = None
    for separator in (",", ";"):
        headers = [normalise_header(h) for h in _split_header(first_line, separator)]
        if len(headers) > max_columns():
            raise FileRejected(_too_many_columns())
        score = len(known.intersection(headers))
        if len(headers) > 1 and (best is None or score > best[0]):
            best = (score, separator)
    if best is None:
        if "\t" in first_line:
            raise FileRejected(
                _("The columns are separated by tabs. Separate them with commas or semicolons and upload again.")
            )
        if "|" in first_line:
            raise FileRejected(
                _("The columns are separated by '|'. Separate them with commas or semicolons and upload again.")
            )
        raise FileRejected(
            _("Could not find the columns: separate them with commas or semicolons, with the column names in row 1.")
        )
    separator = best[1]
    limit = max_rows()
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
        table = Table(headers=[normalise_header(h) for h in next(reader)], encoding=encoding, separator=separator)
        for count, values in enumerate(reader, start=1):
            if count > limit:  # empty rows count too: each one costs as much to read
                raise FileRejected(_too_many_rows())
            if not any(v.strip() for v in values):
                continue
            table.rows.append((reader.line_num, _row(table.headers, values)))
    except csv.Error as exc:
        raise FileRejected(
            _("The CSV is malformed near line %(line)s: %(problem)s.") % {"line": reader.line_num, "problem": exc}
        ) from None
    return table


def _too_many_rows() -> str:
    return _(
        "The file has more than %(limit)s rows (empty rows count too); split it into files of at most %(limit)s rows."
    ) % {"limit": f"{max_rows():,}"}


def _row(headers: list[str], values: list) -> dict[str, str]:
    row = {}
    for i, header in enumerate(headers):
        if header:
            row[header] = values[i] if i < len(values) else ""
    return row


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time(0) else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _unreadable_workbook() -> FileRejected:
    return FileRejected(_("The file is not a readable .xlsx workbook. Save it again as .xlsx or CSV."))


def _check_archive(data: bytes) -> None:
    """Refuse a zip bomb before anything is unpacked. A member never unpacks to more than the
    size its entry declares (zipfile stops there and the checksum fails), so the sum of the
    declared sizes bounds what openpyxl can read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _unreadable_workbook() from None
    unzipped = sum(member.file_size for member in members)
    if len(members) > MAX_ARCHIVE_MEMBERS or unzipped > max_unzipped_bytes():
        raise FileRejected(
            _(
                "The workbook unpacks to %(size)s, more than the %(limit)s an import reads. "
                "Save only the rows to import, as .xlsx or CSV."
            )
            % {"size": filesizeformat(unzipped), "limit": filesizeformat(max_unzipped_bytes())}
        )


def _read_xlsx(data: bytes, sheet_name: str) -> Table:
    from openpyxl import load_workbook

    _check_archive(data)
    workbook = None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook[sheet_name] if sheet_name in workbook.sheetnames else workbook.worksheets[0]
        return _read_sheet(sheet)
    except FileRejected:
        raise
    except Exception:  # noqa: BLE001 - whatever a parser raises on a hostile file, the answer is the same
        raise _unreadable_workbook() from None
    finally:
        if workbook is not None:
            workbook.close()


def _read_sheet(sheet) -> Table:
    """Rows up to the limit and columns up to the header's width, whatever the sheet's declared
    dimension says: openpyxl pads every row to the declared width and yields every row up to the
    declared height, so both bounds are passed explicitly."""
    limit, widest = max_rows(), max_columns()
    # One row past each limit, to tell "at the limit" from "over it".
    rows = sheet.iter_rows(min_row=1, max_row=limit + 2, max_col=widest + 1, values_only=True)
    header = next(rows, None)
    if header is None:
        raise FileRejected(_("The workbook's first sheet is empty."))
    texts = [_cell_text(h) for h in header]
    if len(texts) > widest and texts[widest].strip():
        raise FileRejected(_too_many_columns())
    width = max((i + 1 for i, t in enumerate(texts[:widest]) if t.strip()), default=0)
    table = Table(headers=[normalise_header(t) for t in texts[:width]], encoding="XLSX")
    for number, values in enumerate(rows, start=2):
        if number > limit + 1:  # empty rows count too: each one costs as much to read
            raise FileRejected(_too_many_rows())
        cells = [_cell_text(v) for v in values[:width]]
        if any(t.strip() for t in cells):
            table.rows.append((number, _row(table.headers, cells)))
    return table
