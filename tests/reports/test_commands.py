"""`coalition_report` and `export_hsds` write their files and refuse bad input with a clear message."""

import json
import subprocess

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_coalition_report_writes_an_admin_level_pdf(history, tmp_path):
    out = tmp_path / "report.pdf"
    call_command("coalition_report", "coalition-a", "--since", "2024-01-01", "--until", "2024-06-30", "-o", str(out))
    assert out.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True).stdout
    assert "Members by sector and role" in text
    assert "Joint operation" in text  # the participants-only activity counts at admin level
    assert "Prepared with administrator access" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["coalition-a", "--since", "2024-13-01"], "--since: Enter a date as YYYY-MM-DD"),
        (["coalition-a", "--since", "2024-07-01", "--until", "2024-06-30"], "on or before its end"),
        (["no-such-coalition"], "No coalition with the slug 'no-such-coalition'"),
    ],
)
def test_coalition_report_refuses_bad_input(history, tmp_path, args, message):
    out = tmp_path / "report.pdf"
    with pytest.raises(CommandError, match=message):
        call_command("coalition_report", *args, "-o", str(out))
    assert not out.exists()


def test_coalition_report_needs_an_existing_folder(history, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("coalition_report", "coalition-a", "-o", str(tmp_path / "missing" / "r.pdf"))


def test_export_hsds_writes_json_and_csv_package_and_validates(world, tmp_path, capsys):
    call_command("export_hsds", str(tmp_path / "out"), "--validate")
    document = json.loads((tmp_path / "out" / "hsds.json").read_text())
    assert document["total_items"] == 3  # the world's public profiles: A, C and D
    package = json.loads((tmp_path / "out" / "hsds-csv" / "datapackage.json").read_text())
    for resource in package["resources"]:
        assert (tmp_path / "out" / "hsds-csv" / resource["path"]).exists()
    assert "0 errors" in capsys.readouterr().out


def test_export_hsds_refuses_a_file_as_output(world, tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    with pytest.raises(CommandError, match="is not a folder"):
        call_command("export_hsds", str(target))
