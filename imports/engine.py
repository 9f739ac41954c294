"""Running an import: every row through its importer inside one transaction, rolled back for a
dry run or when any row fails, so a file is imported whole or not at all."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from imports.context import ImportContext
from imports.importers import ERROR, IMPORTERS, Cells, Importer, RowInvalid
from imports.parsing import FileRejected, Table, read_table
from partners.exceptions import StaleObjectError

Progress = Callable[[int, int], None]


@dataclass
class Report:
    """What happened to each row, and whether the rows were written."""

    rows: list[dict] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    committed: bool = False

    @property
    def counts(self) -> dict[str, int]:
        counts = Counter(row["status"] for row in self.rows)
        return {status: counts.get(status, 0) for status in ("new", "update", "unchanged", "error")}

    @property
    def has_errors(self) -> bool:
        return any(row["status"] == ERROR for row in self.rows)

    def as_json(self) -> dict:
        return {"rows": self.rows, "notices": self.notices, "counts": self.counts, "committed": self.committed}


def importer_for(kind: str) -> Importer:
    try:
        return IMPORTERS[kind]()
    except KeyError:
        raise FileRejected(_("Unknown kind of file %(kind)r.") % {"kind": kind}) from None


def read_file(data: bytes, filename: str, kind: str) -> Table:
    """Parse the file and check its columns; raises FileRejected with the reason."""
    importer = importer_for(kind)
    table = read_table(data, filename, expected=importer.columns, sheet_name=kind)
    missing = [c for c in importer.required_columns if c not in table.headers]
    if missing:
        raise FileRejected(
            _("Missing column(s): %(missing)s. The first row must name the columns; download the template to see them.")
            % {"missing": ", ".join(missing)}
        )
    return table


def _service_errors(importer: Importer, exc: Exception) -> list[tuple[str, str]]:
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return [
                (importer.column_of(name), message)
                for name, messages in exc.message_dict.items()
                for message in messages
            ]
        return [("", message) for message in exc.messages]
    if isinstance(exc, PermissionDenied):
        return [("", str(exc) or _("You are not allowed to change this record."))]
    if isinstance(exc, StaleObjectError):
        return [("", _("Someone changed this record while the file was imported; check the file again."))]
    return [("", _("The database refused this row (%(problem)s).") % {"problem": exc.__class__.__name__})]


def run_import(*, kind: str, table: Table, actor, commit: bool, progress: Progress | None = None) -> Report:
    """Check (commit=False) or import (commit=True) every row of `table` as `actor`.

    Each row runs in a savepoint, so one bad row is reported without hiding the others; the
    whole transaction is rolled back unless `commit` is set and every row succeeded.
    """
    importer = importer_for(kind)
    report = Report()
    unknown = [h for h in table.headers if h and h not in importer.columns]
    if unknown:
        report.notices.append(_("Ignored unknown column(s): %(cols)s.") % {"cols": ", ".join(unknown)})
    headers = set(table.headers)
    total = len(table.rows)
    step = max(1, total // 100)
    with transaction.atomic():
        ctx = ImportContext(actor)
        importer.prepare(table, ctx)
        for index, (line, row) in enumerate(table.rows, start=1):
            cells = Cells(row, headers)
            try:
                with transaction.atomic():
                    outcome = importer.process(cells, ctx, line)
                report.rows.append(
                    {"line": line, "status": outcome.status, "label": outcome.label, "changes": outcome.changes}
                )
            except RowInvalid as exc:
                report.rows.append(_error_row(line, exc.label, exc.errors))
            except (ValidationError, PermissionDenied, StaleObjectError, DatabaseError) as exc:
                report.rows.append(_error_row(line, _fallback_label(row), _service_errors(importer, exc)))
            if progress is not None and (index % step == 0 or index == total):
                progress(index, total)
        report.committed = commit and not report.has_errors
        if not report.committed:
            transaction.set_rollback(True)
    return report


def _fallback_label(row: dict[str, str]) -> str:
    for column in ("name", "title", "slug", "organization"):
        if row.get(column, "").strip():
            return row[column].strip()
    return ""


def _error_row(line: int, label: str, errors: list[tuple[str, str]]) -> dict:
    return {
        "line": line,
        "status": ERROR,
        "label": label,
        "errors": [{"column": column, "message": str(message)} for column, message in errors],
    }
