"""What every importer shares: row outcomes, the cells of a row, the comparison with the stored
record, and the Importer base class."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from imports import values as v
from imports.context import ImportContext
from imports.parsing import Table
from imports.values import CellError
from partners.exports import columns as specs

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"
SLUG = re.compile(r"^[-a-z0-9_]+$")


@dataclass
class RowOutcome:
    status: str
    label: str
    changes: list[str] = field(default_factory=list)


class RowInvalid(Exception):
    """The row cannot be imported; `errors` lists (column, message) pairs."""

    def __init__(self, errors: list[tuple[str, str]], label: str = ""):
        self.errors = errors
        self.label = label
        super().__init__("; ".join(m for _c, m in errors))


class Cells:
    """The cells of one row. Reading collects every problem, so a row reports them all at once."""

    def __init__(self, row: dict[str, str], headers: set[str]):
        self.row = row
        self.headers = headers
        self.errors: list[tuple[str, str]] = []

    def has(self, column: str) -> bool:
        return column in self.headers

    def read(self, column: str, parse: Callable[[str], Any] = v.text, *, required: bool = False) -> Any:
        raw = self.row.get(column, "")
        if required and not v.text(raw):
            self.errors.append((column, _("A value is required.")))
            return None
        try:
            return parse(raw)
        except CellError as exc:
            self.errors.append((column, str(exc)))
            return None

    def fail(self, column: str, message: str) -> None:
        self.errors.append((column, message))

    def check(self, label: str) -> None:
        if self.errors:
            raise RowInvalid(self.errors, label)


def _differs(instance: models.Model, name: str, value: Any) -> bool:
    current = getattr(instance, name)
    if name == "country":
        return (current.code if current else "") != value
    if isinstance(value, list):  # a many-to-many, compared as a set of records
        return {o.pk for o in current.all()} != {o.pk for o in value}
    if isinstance(current, models.Model) or isinstance(value, models.Model):
        return getattr(current, "pk", None) != getattr(value, "pk", None)
    return current != value


def changed(instance: models.Model, data: dict[str, Any]) -> list[str]:
    return [name for name, value in data.items() if _differs(instance, name, value)]


class Importer:
    """Reads rows of one kind; subclasses say which columns are required and how a row is written."""

    kind: str = ""
    resource: specs.Resource
    required_columns: tuple[str, ...] = ()
    # A service's field name -> the column it came from, for placing errors.
    field_columns: dict[str, str] = {}

    @property
    def columns(self) -> list[str]:
        return self.resource.headers

    def column_of(self, field_name: str) -> str:
        column = self.field_columns.get(field_name, field_name)
        return column if column in self.columns else ""

    def prepare(self, table: Table, ctx: ImportContext) -> None:
        """Load what the rows will look up, in a few queries rather than one per row."""

    def process(self, cells: Cells, ctx: ImportContext, line: int) -> RowOutcome:
        raise NotImplementedError

    @staticmethod
    def once(ctx: ImportContext, cells: Cells, key: object, line: int, column: str, label: str) -> None:
        """Refuse a second row for the same record: which one should win is the user's call."""
        first = ctx.seen.get(key)
        if first is not None:
            cells.fail(column, _("Row %(first)s already describes this record.") % {"first": first})
        else:
            ctx.seen[key] = line


def own_coalition(cells: Cells, ctx: ImportContext, coalition) -> None:
    """Coordinators import only into their coalitions, so their rows must name one."""
    if coalition is None and not ctx.is_admin and not any(column == "coalition" for column, _m in cells.errors):
        cells.fail("coalition", _("Name one of the coalitions you coordinate."))
