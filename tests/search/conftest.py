"""The demo region's search situation, rebuilt in each test: its five shelters (demo/data/
organizations.csv), a police unit, an outreach charity that mentions shelter only in its
description, three cafés spelt three ways and a members-only shelter anonymous callers never see.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils.text import slugify

from tests import factories as f


def demo_organization(name: str, *, sector: str, city: str, others: tuple[str, ...] = (), **fields):
    """An organisation as the demo writes them: its description names its city."""
    demo_description = f"{name} works in {city} and the surrounding region. (Fictional demo organisation.)"
    fields.setdefault("description", demo_description)
    fields.setdefault("slug", slugify(name))
    org = f.organization(name, sector_slug=sector, city=city, visibility=fields.pop("visibility", "public"), **fields)
    for slug in others:
        org.sectors.add(f.sector(slug))
    return org


# The five shelters of the demo, ordered as a search for "shelter" must list them: the two with
# Shelter in their name first (name, sector and description match), then the three found by
# their sector only, by name.
SHELTERS_RANKED = [
    "Harbor House Shelter",
    "Safe Harbor Youth Shelter",
    "Albergue Santa Ana",
    "Casa Esperanza",
    "Haven Transitional Housing",
]


@dataclass
class Directory:
    shelters: list
    police: object
    outreach: object
    cafes: list
    hidden_shelter: object


@pytest.fixture
def directory(world) -> Directory:
    shelters = [
        demo_organization(
            "Harbor House Shelter", sector="shelters-housing", city="Port Aurora", others=("ngo-victim-services",)
        ),
        demo_organization("Haven Transitional Housing", sector="shelters-housing", city="Millbrook"),
        demo_organization("Casa Esperanza", sector="shelters-housing", city="Eastvale"),
        demo_organization("Safe Harbor Youth Shelter", sector="shelters-housing", city="Port Aurora", acronym="SHYS"),
        demo_organization("Albergue Santa Ana", sector="shelters-housing", city="Quetzaltenango", country="GT"),
    ]
    police = demo_organization(
        "Port Aurora Police Department – Human Trafficking Unit",
        sector="law-enforcement",
        city="Port Aurora",
        acronym="PAPD",
    )
    outreach = demo_organization(
        "St. Brigid Outreach",
        sector="faith-based",
        city="Eastvale",
        description="Runs a winter night shelter and a food bank for migrant workers.",
    )
    cafes = [
        demo_organization("Café Solidario", sector="business", city="Mazatlán", country="MX"),
        demo_organization("CAFÉ UNIDO", sector="business", city="Guatemala City", country="GT"),
        demo_organization("Cafe Libre", sector="business", city="Millbrook"),
    ]
    hidden = demo_organization(
        "Refugio Escondido Shelter", sector="shelters-housing", city="Eastvale", visibility="members"
    )
    return Directory(shelters=shelters, police=police, outreach=outreach, cafes=cafes, hidden_shelter=hidden)


@pytest.fixture
def page_as():
    """`page_as(user)`: a test client signed in as `user` (None: anonymous)."""
    from django.test import Client

    def make(user) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def api_as():
    """`api_as(user)`: an API client authenticated as `user` (None: anonymous)."""
    from rest_framework.test import APIClient

    def make(user) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make
