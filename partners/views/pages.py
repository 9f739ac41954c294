"""The dashboard and landing page."""

from django.shortcuts import render


def dashboard(request):
    return render(request, "partners/dashboard.html", {})
