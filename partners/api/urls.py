"""URLs of the REST API v1."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from partners.api.views import accounts, activities, analytics, directory

app_name = "api"

router = DefaultRouter()
router.register("sectors", directory.SectorViewSet, basename="sector")
router.register("organizations", directory.OrganizationViewSet, basename="organization")
router.register("contacts", directory.ContactViewSet, basename="contact")
router.register("coalitions", activities.CoalitionViewSet, basename="coalition")
router.register("memberships", activities.MembershipViewSet, basename="membership")
router.register("partnerships", activities.PartnershipViewSet, basename="partnership")
router.register("meetings", activities.MeetingViewSet, basename="meeting")
router.register("tokens", accounts.ApiTokenViewSet, basename="token")

urlpatterns = [
    path("analytics/collaborations/", analytics.CollaborationPairsView.as_view(), name="analytics-collaborations"),
    path("analytics/sector-matrix/", analytics.SectorMatrixView.as_view(), name="analytics-sector-matrix"),
    path("analytics/network/", analytics.NetworkView.as_view(), name="analytics-network"),
    path("analytics/timeline/", analytics.TimelineView.as_view(), name="analytics-timeline"),
    *router.urls,
]
