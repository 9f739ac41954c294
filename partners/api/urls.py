"""URLs of the REST API v1."""

from rest_framework.routers import DefaultRouter

from partners.api.views import accounts, activities, directory, planning

app_name = "api"

router = DefaultRouter()
router.register("sectors", directory.SectorViewSet, basename="sector")
router.register("organizations", directory.OrganizationViewSet, basename="organization")
router.register("contacts", directory.ContactViewSet, basename="contact")
router.register("coalitions", activities.CoalitionViewSet, basename="coalition")
router.register("memberships", activities.MembershipViewSet, basename="membership")
router.register("partnerships", activities.PartnershipViewSet, basename="partnership")
router.register("meetings", activities.MeetingViewSet, basename="meeting")
router.register("planned-meetings", planning.PlannedMeetingViewSet, basename="planned-meeting")
router.register("action-items", planning.ActionItemViewSet, basename="action-item")
router.register("tokens", accounts.ApiTokenViewSet, basename="token")

urlpatterns = [
    *router.urls,
]
