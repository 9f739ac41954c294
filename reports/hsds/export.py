"""Builds the HSDS 3.0 export of the directory, as JSON and as a CSV data package.

What goes out, and why (a resource directory is public by nature: 211 lines and referral
tools republish it):

- **Organisations**: active profiles marked *public*, exactly what an anonymous visitor of the
  directory sees. Members-only profiles never leave the tool this way.
- **Contacts**: only the organisation's general office e-mail, as a role contact named
  "General enquiries". Staff contacts are personal data, visible to signed-in members only,
  and are never exported.
- **Phones**: the organisation's general phone number.
- **Locations**: one per organisation, named after its city, region and country. The directory
  records no street address or postcode, so no HSDS `address` rows are written (HSDS requires
  both in an address).
- **Taxonomies**: the four vocabularies (sectors, areas of work, forms of trafficking,
  populations served) as taxonomies, with one `attribute` linking an organisation to each of
  its terms; the primary sector's attribute has the value "primary".

HSDS has no entity for coalitions, memberships, partnerships or activities: the collaboration
network goes out as GraphML/GEXF from the API instead.

Identifiers are UUIDs derived from the row's primary key (UUID version 5), so the same record
keeps the same id from one export to the next.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone

from partners.models import AreaOfWork, Organization, Population, Sector, TraffickingForm
from partners.selectors import directory

SPEC_DIR = Path(__file__).resolve().parent
SCHEMA_DIR = SPEC_DIR / "schema"
# Fixed for this product: ids derived from it are stable across exports.
NAMESPACE = uuid.UUID("f63c57e6-6955-4084-8470-18a0199e8c52")

VOCABULARIES = (
    ("sector", Sector, "Coalition Tracker sectors", "The kinds of organisation taking part in anti-trafficking work."),
    ("area_of_work", AreaOfWork, "Coalition Tracker areas of work", "Fields of anti-trafficking work."),
    (
        "trafficking_form",
        TraffickingForm,
        "Coalition Tracker forms of trafficking",
        "Forms of human trafficking an organisation addresses.",
    ),
    ("population", Population, "Coalition Tracker populations served", "Groups of people an organisation serves."),
)
ORGANISATION_M2M = {
    "sector": "sectors",
    "area_of_work": "areas_of_work",
    "trafficking_form": "trafficking_forms",
    "population": "populations",
}


def hsds_id(kind: str, pk: int | str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{pk}"))


def exported_organizations() -> QuerySet[Organization]:
    """Active public profiles: what an anonymous visitor of the directory may see."""
    return directory.organization_list(viewer=AnonymousUser()).filter(is_active=True)


@dataclass
class HsdsExport:
    """Flat HSDS tables (rows keyed by HSDS field name) and the nested organisation records."""

    tables: dict[str, list[dict]] = field(default_factory=dict)
    organizations: list[dict] = field(default_factory=list)
    created: datetime.datetime = field(default_factory=timezone.now)

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.tables.items()}


def build_export() -> HsdsExport:
    export = HsdsExport(tables={name: [] for name in ("taxonomy", "taxonomy_term", "organization")})
    for name in ("location", "contact", "phone", "attribute"):
        export.tables[name] = []
    terms = _taxonomies(export)
    for org in exported_organizations().iterator(chunk_size=500):
        export.organizations.append(_organization(org, export, terms))
    return export


def _taxonomies(export: HsdsExport) -> dict[tuple[str, int], dict]:
    terms: dict[tuple[str, int], dict] = {}
    for kind, model, name, description in VOCABULARIES:
        taxonomy_id = hsds_id("taxonomy", kind)
        export.tables["taxonomy"].append({"id": taxonomy_id, "name": name, "description": description, "version": "1"})
        for term in model.objects.order_by("position", "name"):
            row = {
                "id": hsds_id(kind, term.pk),
                "code": term.slug,
                "name": term.name,
                "description": term.description or term.name,
                "taxonomy": name,
                "language": "en",
                "taxonomy_id": taxonomy_id,
            }
            export.tables["taxonomy_term"].append(row)
            terms[(kind, term.pk)] = row
    return terms


def _locality(org: Organization) -> str:
    return ", ".join(part for part in (org.city, org.region, org.country.name if org.country else "") if part)


def _organization(org: Organization, export: HsdsExport, terms: dict) -> dict:
    org_id = hsds_id("organization", org.pk)
    description = org.description or f"{org.primary_sector.name} organisation" + (
        f" in {_locality(org)}." if _locality(org) else "."
    )
    row = {
        "id": org_id,
        "name": org.name,
        "alternate_name": org.acronym,
        "description": description,
        "email": org.email,
        "website": org.website,
        "year_incorporated": org.founded_year,
    }
    export.tables["organization"].append(row)
    record = _clean(row)

    record["locations"] = []
    if _locality(org):
        location = {
            "id": hsds_id("location", org.pk),
            "location_type": "physical",
            "organization_id": org_id,
            "name": f"{org.name} – {org.city or org.region or org.country.name}",
            "description": f"Based in {_locality(org)}. The directory does not record street addresses.",
        }
        export.tables["location"].append(location)
        record["locations"].append(_clean(location))

    record["contacts"] = []
    if org.email:
        contact = {
            "id": hsds_id("contact", org.pk),
            "organization_id": org_id,
            "name": "General enquiries",
            "email": org.email,
        }
        export.tables["contact"].append(contact)
        record["contacts"].append({**_clean(contact), "phones": []})

    record["phones"] = []
    if org.phone:
        phone = {
            "id": hsds_id("phone", org.pk),
            "organization_id": org_id,
            "number": org.phone,
            "type": "voice",
            "description": "General enquiries",
        }
        export.tables["phone"].append(phone)
        record["phones"].append(_clean(phone))

    record["attributes"] = []
    for kind, relation in ORGANISATION_M2M.items():
        for term in getattr(org, relation).all():
            term_row = terms.get((kind, term.pk))
            if term_row is None:
                continue
            attribute = {
                "id": hsds_id(f"attribute:{kind}:{org.pk}", term.pk),
                "link_id": org_id,
                "taxonomy_term_id": term_row["id"],
                "link_type": kind,
                "link_entity": "organization",
                "value": "primary" if kind == "sector" and term.pk == org.primary_sector_id else "",
            }
            export.tables["attribute"].append(attribute)
            record["attributes"].append({**_clean(attribute), "taxonomy_term": _clean(term_row)})
    return record


def _clean(row: dict) -> dict:
    """Leave out empty values: in HSDS JSON an absent optional field is better than an empty
    string, which would fail formats such as e-mail."""
    return {k: v for k, v in row.items() if v not in (None, "")}


# --- writers --------------------------------------------------------------------------------


def json_document(export: HsdsExport) -> dict:
    """The organisations as one HSDS API page (the shape of GET /organizations)."""
    total = len(export.organizations)
    return {
        "total_items": total,
        "total_pages": 1,
        "page_number": 1,
        "size": total,
        "first_page": True,
        "last_page": True,
        "empty": total == 0,
        "contents": export.organizations,
    }


def json_bytes(export: HsdsExport) -> bytes:
    return json.dumps(json_document(export), ensure_ascii=False, indent=2).encode("utf-8")


def official_datapackage() -> dict:
    return json.loads((SPEC_DIR / "datapackage.json").read_text(encoding="utf-8"))


def datapackage(export: HsdsExport) -> dict:
    """The official HSDS descriptor, every table listed (empty ones have a header only)."""
    package = official_datapackage()
    package["created"] = export.created.replace(microsecond=0).isoformat()
    package["description"] = (
        "Public directory of partner organisations exported by Coalition Tracker as Open Referral HSDS 3.0. "
        + package.get("description", "")
    )
    return package


def csv_tables(export: HsdsExport) -> Iterator[tuple[str, str]]:
    """(file name, CSV text) for every resource of the data package, in the descriptor's order."""
    for resource in official_datapackage()["resources"]:
        columns = [f["name"] for f in resource["schema"]["fields"]]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(columns)
        for row in export.tables.get(resource["name"], []):
            writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
        yield resource["path"], buffer.getvalue()


def write_csv_package(export: HsdsExport, directory_path: Path) -> list[Path]:
    directory_path.mkdir(parents=True, exist_ok=True)
    written = []
    descriptor = directory_path / "datapackage.json"
    descriptor.write_text(json.dumps(datapackage(export), indent=2, ensure_ascii=False), encoding="utf-8")
    written.append(descriptor)
    for name, text in csv_tables(export):
        path = directory_path / name
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    return written


def csv_package_zip(export: HsdsExport) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(datapackage(export), indent=2, ensure_ascii=False))
        for name, text in csv_tables(export):
            archive.writestr(name, text)
    return buffer.getvalue()
