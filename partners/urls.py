"""URLs of the server-rendered pages."""

from django.urls import path

from partners.views import accounts, coalitions, meetings, organizations, partnerships, planning, unfiled

app_name = "partners"

urlpatterns = [
    path("organizations/", organizations.organization_list_view, name="organization_list"),
    path("organizations/search/", organizations.organization_search, name="organization_search"),
    path("organizations/<slug:slug>/", organizations.organization_detail, name="organization_detail"),
    path("organizations/<slug:slug>/edit/", organizations.organization_edit, name="organization_edit"),
    path("coalitions/", coalitions.coalition_list_view, name="coalition_list"),
    path("coalitions/<slug:slug>/", coalitions.coalition_detail, name="coalition_detail"),
    path("coalitions/<slug:slug>/unfiled/", unfiled.unfiled_meetings, name="coalition_unfiled"),
    path("meetings/", meetings.meeting_list_view, name="meeting_list"),
    path("meetings/new/", meetings.meeting_create_view, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/delete/", meetings.meeting_delete_view, name="meeting_delete"),
    path("meetings/plan/", planning.meeting_plan_view, name="meeting_plan"),
    path("meetings/<int:pk>/plan/", planning.meeting_plan_edit, name="meeting_plan_edit"),
    path("meetings/<int:pk>/cancel/", planning.meeting_cancel_view, name="meeting_cancel"),
    path("meetings/<int:pk>/reply/", planning.meeting_reply_view, name="meeting_reply"),
    path("meetings/<int:pk>/attendance/", planning.meeting_attendance_view, name="meeting_attendance"),
    path("meetings/<int:pk>/minutes/", planning.meeting_minutes_view, name="meeting_minutes"),
    path("meetings/<int:pk>/action-items/new/", planning.action_item_create_view, name="action_item_create"),
    path("action-items/", planning.action_item_list_view, name="action_item_list"),
    path("action-items/<int:pk>/status/", planning.action_item_status_view, name="action_item_status"),
    path(
        "coalitions/<slug:slug>/action-items/overdue/",
        planning.coalition_overdue_action_items,
        name="coalition_overdue_action_items",
    ),
    path("partnerships/", partnerships.partnership_list_view, name="partnership_list"),
    path("partnerships/new/", partnerships.partnership_create_view, name="partnership_create"),
    path("partnerships/<int:pk>/", partnerships.partnership_detail, name="partnership_detail"),
    path("partnerships/<int:pk>/edit/", partnerships.partnership_edit, name="partnership_edit"),
    path("account/", accounts.account, name="account"),
    path("account/tokens/<int:pk>/revoke/", accounts.token_revoke, name="token_revoke"),
]
