"""URLs of the REST API v1."""

from rest_framework.routers import DefaultRouter

app_name = "api"

router = DefaultRouter()

urlpatterns = [*router.urls]
