"""Reading an uploaded CSV or XLSX into rows of text, or rejecting it with a message a person can act on.

Understood: UTF-8 with or without a byte-order mark, Windows-1252, `,` or `;` separators, and
XLSX workbooks (the first sheet, or the one named after what the file holds).
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_ROWS = 5000


class FileRejected(Exception):
    """The file as a whole cannot be read; the message says why and what to do."""


def max_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES))


def max_rows() -> int:
    return int(getattr(settings, "IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS))


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
    if any(ord(ch) < 32 and ch not in "\t\r\n" for ch in text):
        raise FileRejected(
            _("The file holds control characters, so it is not a text CSV. Save it as CSV in UTF-8 and upload again.")
        )
    return text, encoding


def _read_csv(data: bytes, expected: list[str]) -> Table:
    text, encoding = decode(data)
    first_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    if not first_line.strip():
        raise FileRejected(_("The first row must hold the column names; it is empty."))
    known = set(expected)
    best: tuple[int, str] | None = None
    for separator in (",", ";"):
        headers = [normalise_header(h) for h in next(csv.reader([first_line], delimiter=separator))]
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
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(table.rows) >= limit:
                raise FileRejected(_too_many_rows())
            table.rows.append((line, _row(table.headers, values)))
    except csv.Error as exc:
        raise FileRejected(
            _("The CSV is malformed near line %(line)s: %(problem)s.") % {"line": reader.line_num, "problem": exc}
        ) from None
    return table


def _too_many_rows() -> str:
    return _("The file has more than %(limit)s rows; split it into files of at most %(limit)s rows.") % {
        "limit": f"{max_rows():,}"
    }


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


def _read_xlsx(data: bytes, sheet_name: str) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise FileRejected(_("The file is not a readable .xlsx workbook. Save it again as .xlsx or CSV.")) from None
    try:
        sheet = workbook[sheet_name] if sheet_name in workbook.sheetnames else workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise FileRejected(_("The workbook's first sheet is empty."))
        table = Table(headers=[normalise_header(_cell_text(h)) for h in header], encoding="XLSX")
        limit = max_rows()
        for number, values in enumerate(rows, start=2):
            texts = [_cell_text(v) for v in values]
            if not any(t.strip() for t in texts):
                continue
            if len(table.rows) >= limit:
                raise FileRejected(_too_many_rows())
            table.rows.append((number, _row(table.headers, texts)))
    finally:
        workbook.close()
    return table
