"""URLs of the health app: pages under partnerships/coalitions/organizations, and two analytics
API endpoints (included at the site root, before the API's own URLs)."""

from django.urls import path

from health import api, views

app_name = "health"

urlpatterns = [
    path("partnerships/<int:pk>/health/", views.partnership_health_view, name="partnership_health"),
    path("partnerships/<int:pk>/health/status/", views.partnership_status_view, name="partnership_status"),
    path("partnerships/<int:pk>/health/check-in/", views.checkin_view, name="checkin"),
    path("partnerships/<int:pk>/repair-log/", views.repair_log_view, name="repair_log"),
    path(
        "partnerships/<int:pk>/repair-log/<int:entry_pk>/edit/", views.repair_entry_edit_view, name="repair_entry_edit"
    ),
    path(
        "partnerships/<int:pk>/repair-log/<int:entry_pk>/delete/",
        views.repair_entry_delete_view,
        name="repair_entry_delete",
    ),
    path("coalitions/<slug:slug>/attention/", views.coalition_attention_view, name="coalition_attention"),
    path("coalitions/<slug:slug>/equity/", views.coalition_equity_view, name="coalition_equity"),
    path("organizations/<slug:slug>/attention/", views.organization_attention_view, name="organization_attention"),
    path("attention/item/", views.attention_item_view, name="attention_item"),
    path("attention/item/act/", views.attention_act_view, name="attention_act"),
    path("api/v1/analytics/attention/", api.AttentionView.as_view(), name="attention_api"),
    path("api/v1/attention/", api.AttentionWorkView.as_view(), name="attention_work_api"),
    path("api/v1/attention/history/", api.AttentionHistoryView.as_view(), name="attention_history_api"),
    path("api/v1/analytics/equity/", api.EquityView.as_view(), name="equity_api"),
]
