"""URLs of the server-rendered pages."""

from django.urls import path

from partners.views import accounts, coalitions, contacts, meetings, organizations, partnerships, unfiled

app_name = "partners"

urlpatterns = [
    path("organizations/", organizations.organization_list_view, name="organization_list"),
    path("organizations/search/", organizations.organization_search, name="organization_search"),
    path("organizations/<slug:slug>/", organizations.organization_detail, name="organization_detail"),
    path("organizations/<slug:slug>/edit/", organizations.organization_edit, name="organization_edit"),
    path("organizations/<slug:slug>/contacts/", contacts.organization_contacts_view, name="organization_contacts"),
    path("organizations/<slug:slug>/contacts/new/", contacts.contact_create_view, name="contact_create"),
    path("organizations/<slug:slug>/contacts/<int:pk>/edit/", contacts.contact_edit_view, name="contact_edit"),
    path("organizations/<slug:slug>/contacts/<int:pk>/delete/", contacts.contact_delete_view, name="contact_delete"),
    path("coalitions/", coalitions.coalition_list_view, name="coalition_list"),
    path("coalitions/<slug:slug>/", coalitions.coalition_detail, name="coalition_detail"),
    path("coalitions/<slug:slug>/unfiled/", unfiled.unfiled_meetings, name="coalition_unfiled"),
    path("meetings/", meetings.meeting_list_view, name="meeting_list"),
    path("meetings/new/", meetings.meeting_create_view, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/delete/", meetings.meeting_delete_view, name="meeting_delete"),
    path("partnerships/", partnerships.partnership_list_view, name="partnership_list"),
    path("partnerships/new/", partnerships.partnership_create_view, name="partnership_create"),
    path("partnerships/<int:pk>/", partnerships.partnership_detail, name="partnership_detail"),
    path("partnerships/<int:pk>/edit/", partnerships.partnership_edit, name="partnership_edit"),
    path("account/", accounts.account, name="account"),
    path("account/tokens/<int:pk>/revoke/", accounts.token_revoke, name="token_revoke"),
]
