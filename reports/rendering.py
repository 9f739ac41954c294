"""Turns a CoalitionReport into page context and into a PDF (WeasyPrint)."""

from __future__ import annotations

from django.template.loader import render_to_string

from reports.charts import activity_svg, network_svg
from reports.selectors import CoalitionReport


def report_context(report: CoalitionReport, *, viewer_name: str = "") -> dict:
    return {
        "report": report,
        "coalition": report.coalition,
        "network": network_svg(report.graph),
        "activity_chart": activity_svg(report.activity),
        "viewer_name": viewer_name,
    }


def report_filename(report: CoalitionReport) -> str:
    p = report.period
    return f"{report.coalition.slug}-report-{p.since:%Y-%m-%d}-to-{p.until:%Y-%m-%d}.pdf"


def report_pdf(report: CoalitionReport, *, viewer_name: str = "") -> bytes:
    """The report as PDF bytes. Fonts come from the system (DejaVu); nothing is fetched."""
    from weasyprint import HTML  # imported here: loading Pango takes a moment and only PDFs need it

    html = render_to_string("reports/coalition_report_pdf.html", report_context(report, viewer_name=viewer_name))
    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()


def _refuse_fetch(url: str, *args, **kwargs):
    """The report embeds everything it shows; refusing fetches keeps rendering offline and safe."""
    raise ValueError(f"The report does not load external resources ({url}).")
