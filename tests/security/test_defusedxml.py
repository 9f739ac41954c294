"""Spreadsheet XML is parsed through defusedxml: entity-expansion payloads are refused, nothing is written."""

from __future__ import annotations

import io
import zipfile

import pytest
from defusedxml import EntitiesForbidden
from openpyxl import Workbook, load_workbook

from imports.models import ImportJob
from partners.models import Organization
from tests.conftest import as_user
from tests.imports.helpers import upload

# "Billion laughs": each entity repeats the one before ten times; &lol9; would be 10^9 "lol"s.
BOMB = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet [\n<!ENTITY lol "lol">\n'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">\n' for i in range(1, 10))
    + "]>\n"
)


def workbook_with_a_bomb_in_its_worksheet() -> bytes:
    """A valid organisations workbook whose worksheet XML declares and uses the entities above."""
    book = Workbook()
    sheet = book.active
    sheet.append(["slug", "name", "primary_sector", "country"])
    sheet.append(["laughs", "PLACEHOLDER", "health-care", "US"])
    plain = io.BytesIO()
    book.save(plain)
    source = zipfile.ZipFile(io.BytesIO(plain.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                xml = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
                xml = xml.replace("PLACEHOLDER", "&lol9;")  # the organisation's name: a billion laughs
                assert "&lol9;" in xml, "the worksheet XML no longer has the expected shape"
                data = (BOMB + xml).encode()
            target.writestr(item, data)
    return out.getvalue()


def test_openpyxl_parses_through_defusedxml():
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True


def test_openpyxl_refuses_the_entity_declarations():
    with pytest.raises(ValueError) as refused:
        load_workbook(io.BytesIO(workbook_with_a_bomb_in_its_worksheet()), read_only=True, data_only=True)
    causes = []
    error: BaseException | None = refused.value
    while error is not None:
        causes.append(error)
        error = error.__cause__ or error.__context__
    assert any(isinstance(cause, EntitiesForbidden) for cause in causes)


@pytest.mark.django_db
def test_the_importer_rejects_the_bomb_with_the_clear_message_and_writes_nothing(client, world):
    organizations = Organization.objects.count()
    response = upload(as_user(client, world.admin), "organizations", workbook_with_a_bomb_in_its_worksheet(), "b.xlsx")
    assert response.status_code == 400
    assert "The file is not a readable .xlsx workbook" in " ".join(response.context["form"].errors["file"])
    assert ImportJob.objects.count() == 0
    assert Organization.objects.count() == organizations
    assert not Organization.objects.filter(slug="laughs").exists()
