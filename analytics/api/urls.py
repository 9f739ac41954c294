"""Routes of the analytics API, served under /api/v1/ in the `api` namespace (see coalition/urls.py)."""

from django.urls import path, re_path
from rest_framework.urlpatterns import format_suffix_patterns

from analytics.api import views

urlpatterns = [
    path("analytics/collaborations/", views.CollaborationPairsView.as_view(), name="analytics-collaborations"),
    path("analytics/sector-matrix/", views.SectorMatrixView.as_view(), name="analytics-sector-matrix"),
    path("analytics/network/", views.NetworkView.as_view(), name="analytics-network"),
    path("analytics/timeline/", views.TimelineView.as_view(), name="analytics-timeline"),
    *format_suffix_patterns(
        [
            # The same pattern as the router's organisation routes, with their `.json` suffix.
            re_path(
                r"^organizations/(?P<slug>[-a-zA-Z0-9_]+)/collaborators/$",
                views.CollaboratorsView.as_view(),
                name="organization-collaborators",
            )
        ]
    ),
]
