"""URLs of the server-rendered pages."""

from django.urls import path

from partners.views import pages

app_name = "partners"

urlpatterns = [
    path("", pages.dashboard, name="dashboard"),
]
