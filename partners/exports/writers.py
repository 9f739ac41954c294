"""The CSV and XLSX writers: CSV streams row by row; XLSX is written in openpyxl's write-only mode."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from partners.exports.cells import as_xlsx
from partners.exports.columns import Resource

BOM = "\ufeff"  # lets Excel recognise UTF-8; the importer accepts files with or without it


# Lines per chunk handed to the server: few enough to stream, many enough that the cost of a
# write to the socket is not paid per line.
LINES_PER_CHUNK = 500


def csv_lines(resource: Resource, rows: Iterable[Sequence[str]]) -> Iterator[bytes]:
    """The header at once, then the rows (cells as text, see `Resource.iter_text_rows`),
    encoded and produced lazily, a chunk of lines at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow(resource.headers)
    yield buffer.getvalue().encode("utf-8")
    lines = 0
    buffer.seek(0)
    buffer.truncate()
    for row in rows:
        writer.writerow(row)
        lines += 1
        if lines == LINES_PER_CHUNK:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
            lines = 0
    if lines:
        yield buffer.getvalue().encode("utf-8")


def write_xlsx(resource: Resource, objects: Iterable[Any], out: IO[bytes]) -> int:
    """Write one sheet named after the resource to `out`; returns the number of data rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=resource.name[:31])
    sheet.append(resource.headers)
    count = 0
    for obj in objects:
        cells = []
        for value in resource.values(obj):
            cell = WriteOnlyCell(sheet, value=as_xlsx(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            cells.append(cell)
        sheet.append(cells)
        count += 1
    workbook.save(out)
    return count


def xlsx_file(resource: Resource, objects: Iterable[Any]) -> IO[bytes]:
    """The workbook in a temporary file (spilled to disk past 8 MB), rewound for reading."""
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - handed to the response
    write_xlsx(resource, objects, out)
    out.seek(0)
    return out
