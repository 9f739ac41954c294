"""URLs of the imports app: upload, preview and confirm; templates; stand-alone export downloads."""

from django.urls import path, re_path

from imports import views

app_name = "imports"

urlpatterns = [
    path("", views.import_start, name="start"),
    path("<uuid:pk>/", views.job_detail, name="job"),
    path("<uuid:pk>/check/", views.job_check, name="check"),
    path("<uuid:pk>/confirm/", views.job_confirm, name="confirm"),
    path("<uuid:pk>/discard/", views.job_discard, name="discard"),
    path("<uuid:pk>/progress/", views.job_progress, name="progress"),
    re_path(r"^templates/(?P<kind>[a-z]+)\.(?P<fmt>csv|xlsx)$", views.template_download, name="template"),
    re_path(r"^exports/(?P<resource>[a-z]+)\.(?P<fmt>csv|xlsx)$", views.export_download, name="export"),
]
