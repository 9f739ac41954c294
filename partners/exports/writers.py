"""The CSV and XLSX writers: CSV streams row by row; XLSX is written in openpyxl's write-only mode."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from partners.exports.cells import as_text, as_xlsx
from partners.exports.columns import Resource

BOM = "\ufeff"  # lets Excel recognise UTF-8; the importer accepts files with or without it


class _Echo:
    """A file-like object whose write() hands back the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(resource: Resource, objects: Iterable[Any]) -> Iterator[bytes]:
    """The header and then one encoded line per object, produced lazily."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield (BOM + writer.writerow(resource.headers)).encode("utf-8")
    for obj in objects:
        yield writer.writerow([as_text(v) for v in resource.values(obj)]).encode("utf-8")


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
