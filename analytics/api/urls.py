"""Routes of the analytics API, served under /api/v1/ in the `api` namespace (see coalition/urls.py)."""

from django.urls import path
from rest_framework.urlpatterns import format_suffix_patterns

from analytics.api import views

urlpatterns = [
    path("analytics/collaborations/", views.CollaborationPairsView.as_view(), name="analytics-collaborations"),
    path("analytics/sector-matrix/", views.SectorMatrixView.as_view(), name="analytics-sector-matrix"),
    path("analytics/network/", views.NetworkView.as_view(), name="analytics-network"),
    path("analytics/timeline/", views.TimelineView.as_view(), name="analytics-timeline"),
    *format_suffix_patterns(
        [
            path(
                "organizations/<slug:slug>/collaborators/",
                views.CollaboratorsView.as_view(),
                name="organization-collaborators",
            )
        ]
    ),
]
