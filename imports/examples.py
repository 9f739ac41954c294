"""Downloadable templates: the importer's columns with example rows that fit the demo region."""

from __future__ import annotations

from partners.exports.columns import RESOURCES, Column, Resource

EXAMPLES: dict[str, list[dict[str, object]]] = {
    "organizations": [
        {
            "slug": "riverside-legal-clinic",
            "name": "Riverside Legal Clinic",
            "acronym": "RLC",
            "primary_sector": "legal-aid",
            "sectors": "legal-aid; ngo-victim-services",
            "description": "Free immigration and labour-law advice.",
            "website": "https://riverside-legal.example.org",
            "email": "office@riverside-legal.example.org",
            "phone": "+1 555 0100",
            "city": "Harbor City",
            "region": "Harbor County",
            "country": "US",
            "areas_of_work": "protection; prosecution",
            "trafficking_forms": "labour-trafficking",
            "populations": "migrant-workers; adults",
            "founded_year": 2012,
            "staff_size": "6-20",
            "budget_band": "250k-1m",
            "survivor_led": "no",
            "visibility": "members",
            "is_active": "yes",
        }
    ],
    "contacts": [
        {
            "organization": "riverside-legal-clinic",
            "name": "Jordan Lee",
            "title": "Managing attorney",
            "email": "j.lee@riverside-legal.example.org",
            "phone": "+1 555 0101",
        }
    ],
    "memberships": [
        {
            "coalition": "harbor-county-task-force",
            "organization": "riverside-legal-clinic",
            "role": "member",
            "start_date": "2025-01-15",
            "end_date": "",
        }
    ],
    "partnerships": [
        {
            "title": "Riverside and Beacon referral protocol",
            "kind": "referral_protocol",
            "status": "forming",
            "organizations": "beacon; riverside-legal-clinic",
            "coalition": "harbor-county-task-force",
            "start_date": "2025-02-01",
            "end_date": "",
            "renewal_date": "2026-02-01",
            "description": "Referrals of clients needing legal advice.",
        }
    ],
    "meetings": [
        {
            "date": "2025-03-04",
            "title": "Legal clinic case coordination",
            "kind": "case_coordination",
            "coalition": "harbor-county-task-force",
            "partnership": "",
            "duration_minutes": 60,
            "visibility": "participants",
            "outcomes": "Agreed a referral checklist. No case details recorded here.",
            "participants": "riverside-legal-clinic:host:2; beacon:participant:1",
        }
    ],
}


def template(kind: str) -> tuple[Resource, list[dict[str, object]]]:
    """A resource with the same columns as `kind`'s export, reading the example rows."""
    source = RESOURCES[kind]
    resource = Resource(
        name=source.name,
        title=source.title,
        columns=tuple(Column(c.name, lambda row, name=c.name: row.get(name), c.help) for c in source.columns),
        rows=lambda rows, request: iter(rows),
    )
    return resource, EXAMPLES[kind]
