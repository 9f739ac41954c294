"""URLs of the reports app (included at the site root, before the directory pages)."""

from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("coalitions/<slug:slug>/report/", views.coalition_report, name="coalition_report"),
    path("coalitions/<slug:slug>/report.pdf", views.coalition_report_pdf, name="coalition_report_pdf"),
    path("coalitions/<slug:slug>/report/pdf/", views.coalition_report_pdf_prepare, name="coalition_report_pdf_prepare"),
    path(
        "coalitions/<slug:slug>/report/pdf/<uuid:job>/", views.coalition_report_pdf_job, name="coalition_report_pdf_job"
    ),
    path(
        "coalitions/<slug:slug>/report/pdf/<uuid:job>/download/",
        views.coalition_report_pdf_download,
        name="coalition_report_pdf_download",
    ),
    path("exports/hsds/", views.hsds_export, name="hsds_export"),
    path("exports/hsds/directory-hsds.json", views.hsds_json, name="hsds_json"),
    path("exports/hsds/directory-hsds-csv.zip", views.hsds_csv_zip, name="hsds_csv_zip"),
    path("calendar/", views.calendar_feeds, name="calendar_feeds"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
