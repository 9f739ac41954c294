"""Checks an HSDS export against the HSDS 3.0 schema files kept in reports/hsds/schema.

The JSON records are validated with jsonschema (Draft 2020-12, every schema file in a registry
so that `"$ref": "address.json"` resolves, formats such as uuid and email enforced). The CSV
data package is checked against its own descriptor: each table's header, required values,
unique ids and foreign keys. jsonschema is a development dependency; importing this module
without it fails with a message that says so.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterable
from functools import cache

from reports.hsds.export import SCHEMA_DIR

try:
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("Validating HSDS needs jsonschema: pip install -r requirements-dev.txt") from exc


@cache
def _registry() -> Registry:
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def validator(schema_name: str) -> Draft202012Validator:
    schema = _registry().contents(schema_name)
    return Draft202012Validator(schema, registry=_registry(), format_checker=FormatChecker())


def json_errors(document: dict) -> list[str]:
    """Every schema error in an HSDS organisations page, as 'contents[i].path: message'."""
    errors = []
    check = validator("organization.json")
    for i, record in enumerate(document.get("contents", [])):
        for error in check.iter_errors(record):
            where = ".".join(str(p) for p in error.absolute_path)
            errors.append(f"contents[{i}].{where}: {error.message}")
    return errors


def csv_errors(descriptor: dict, files: dict[str, str]) -> list[str]:
    """Errors in a CSV data package: `files` maps each resource path to its CSV text."""
    errors: list[str] = []
    ids: dict[str, set[str]] = {}
    rows_by_resource: dict[str, list[dict]] = {}
    for resource in descriptor["resources"]:
        name, path = resource["name"], resource["path"]
        fields = resource["schema"]["fields"]
        if path not in files:
            errors.append(f"{path}: missing from the package")
            continue
        reader = csv.DictReader(io.StringIO(files[path]))
        expected = [f["name"] for f in fields]
        if reader.fieldnames != expected:
            errors.append(f"{path}: header {reader.fieldnames} differs from {expected}")
            continue
        rows = list(reader)
        rows_by_resource[name] = rows
        errors += _row_errors(path, fields, rows)
        ids[name] = {r["id"] for r in rows}
        if len(ids[name]) != len(rows):
            errors.append(f"{path}: duplicate ids")
    for resource in descriptor["resources"]:
        for fk in resource["schema"].get("foreignKeys", []):
            target = ids.get(fk["reference"]["resource"], set())
            for n, row in enumerate(rows_by_resource.get(resource["name"], []), start=2):
                value = row.get(fk["fields"], "")
                if value and value not in target:
                    errors.append(f"{resource['path']} line {n}: {fk['fields']} {value} refers to nothing")
    return errors


def _row_errors(path: str, fields: Iterable[dict], rows: list[dict]) -> list[str]:
    errors = []
    fields = list(fields)
    for n, row in enumerate(rows, start=2):
        for f in fields:
            value = row.get(f["name"], "")
            if f.get("constraints", {}).get("required") and value == "":
                errors.append(f"{path} line {n}: {f['name']} is required")
            if value and f.get("format") == "uuid":
                try:
                    uuid.UUID(value)
                except ValueError:
                    errors.append(f"{path} line {n}: {f['name']} is not a UUID")
            if value and f.get("type") in ("number", "integer"):
                try:
                    float(value)
                except ValueError:
                    errors.append(f"{path} line {n}: {f['name']} is not a number")
    return errors
