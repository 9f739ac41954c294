"""Pages of the notifications app."""

from django.urls import path

from notifications import api, views

app_name = "notifications"

urlpatterns = [
    path("account/notifications/", views.preferences, name="preferences"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("api/v1/notifications/preferences/", api.PreferenceView.as_view(), name="preferences_api"),
]
