"""The report's network picture: drawn on the server as SVG from the same layout as the coalition
page and the network files (analytics.layout.network_layout), embedded in the PDF, with a legend
of sector marks as text.

History fixture (tests/reports/conftest.py), admin's view of coalition A in the first half of
2024: organisations A, B, C, D; pairs A–B 3, A–C 1, A–D 1, B–C 1, B–D 1.
"""

import re
import shutil
import subprocess

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from analytics import figures
from reports.rendering import report_context
from reports.selectors import Period, coalition_report
from tests.conftest import as_user
from tests.reports.conftest import SINCE, UNTIL

pytestmark = pytest.mark.django_db
PERIOD = {"since": "2024-01-01", "until": "2024-06-30"}
NODE = re.compile(r'<(circle|rect|polygon)\b[^>]*class="network-node"[^>]*><title>([^<]*)</title>')


def node_centres(svg: str) -> dict[str, tuple[float, float]]:
    centres = {}
    for match in re.finditer(r"<(circle|rect|polygon)\b([^>]*)class=\"network-node\"[^>]*><title>([^<]*)</title>", svg):
        tag, attrs, title = match.groups()
        name = title.split(" (")[0]
        if tag == "circle":
            x = float(re.search(r'cx="([-\d.]+)"', attrs).group(1))
            y = float(re.search(r'cy="([-\d.]+)"', attrs).group(1))
        elif tag == "rect":
            x0, y0 = (float(re.search(rf'{k}="([-\d.]+)"', attrs).group(1)) for k in ("x", "y"))
            w = float(re.search(r'width="([-\d.]+)"', attrs).group(1))
            x, y = x0 + w / 2, y0 + w / 2
        else:
            points = [tuple(map(float, p.split(","))) for p in re.search(r'points="([^"]+)"', attrs).group(1).split()]
            x = (min(p[0] for p in points) + max(p[0] for p in points)) / 2
            y = None  # polygons are not symmetric vertically (triangles); x is enough here
        centres[name] = (x, y)
    return centres


def report_html(w) -> tuple[str, object]:
    report = coalition_report(viewer=w.admin, coalition=w.coalition_a, period=Period(SINCE, UNTIL))
    return render_to_string("reports/coalition_report_pdf.html", report_context(report)), report


def test_the_pdfs_html_holds_one_mark_per_organisation_placed_as_the_layout_says(history):
    html, report = report_html(history)
    svg = re.search(r'<svg[^>]*class="network-picture".*?</svg>', html, re.S).group(0)
    assert len(NODE.findall(svg)) == report.graph.number_of_nodes() == 4
    assert svg.count("<line ") == 5
    layout = figures.network_layout(report.graph)
    names = {report.graph.nodes[n]["label"]: n for n in report.graph}
    centres = node_centres(svg)
    assert set(centres) == set(names)
    # The picture is the layout scaled and moved: x keeps its order and its proportions.
    ordered = sorted(names, key=lambda name: layout[names[name]]["x"])
    xs = [centres[name][0] for name in ordered]
    assert xs == sorted(xs)
    lx = [layout[names[name]]["x"] for name in ordered]
    ratio = (xs[-1] - xs[0]) / (lx[-1] - lx[0])
    for drawn, placed in zip(xs, lx, strict=True):
        assert drawn == pytest.approx(xs[0] + (placed - lx[0]) * ratio, abs=0.6)


def test_every_label_and_the_legend_of_sector_marks_are_text(history):
    html, report = report_html(history)
    for node in report.graph:
        label = report.graph.nodes[node].get("short") or report.graph.nodes[node]["label"]
        assert f">{label}</text>" in html
    legend = re.search(r'<ul class="rpt-legend">(.*?)</ul>', html, re.S).group(1)
    for sector in (
        "Law enforcement",
        "NGOs and victim-service providers",
        "Health care",
        "Business and private sector",
    ):
        assert f"{sector} (1)" in legend
    assert legend.count('class="sector-mark"') == 4
    # Each sector's mark carries its shape as well as its colour.
    assert "<polygon" in legend and "<circle" in legend


def test_the_pdf_embeds_the_picture_with_its_legend(client, history, tmp_path):
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is needed"
    as_user(client, history.admin)
    response = client.get(reverse("reports:coalition_report_pdf", kwargs={"slug": history.coalition_a.slug}), PERIOD)
    assert response.status_code == 200
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    assert "Sectors (colour and shape):" in text
    assert "Health care (1)" in text
    assert "Org C" in text  # a node's label, drawn as text in the SVG
