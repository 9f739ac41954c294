"""URLs of the audit app: two-factor sign-in, people (invitations, the users page), object history,
restoring deleted records."""

from django.urls import path

from audit import people_views, two_factor, views

app_name = "audit"

urlpatterns = [
    path("account/two-factor/", two_factor.two_factor_setup, name="two_factor_setup"),
    path("account/two-factor/verify/", two_factor.two_factor_verify, name="two_factor_verify"),
    path("account/two-factor/disable/", two_factor.two_factor_disable, name="two_factor_disable"),
    path("account/two-factor/recovery-codes/", two_factor.recovery_codes, name="recovery_codes"),
    path(
        "account/two-factor/recovery-codes/regenerate/",
        two_factor.recovery_codes_regenerate,
        name="recovery_codes_regenerate",
    ),
    path("people/", people_views.user_list_view, name="user_list"),
    path("people/invite/", people_views.invitation_create_view, name="invitation_create"),
    path("people/invitations/<int:pk>/resend/", people_views.invitation_resend_view, name="invitation_resend"),
    path("people/invitations/<int:pk>/revoke/", people_views.invitation_revoke_view, name="invitation_revoke"),
    path("people/<int:pk>/deactivate/", people_views.user_deactivate_view, name="user_deactivate"),
    path("people/<int:pk>/reactivate/", people_views.user_reactivate_view, name="user_reactivate"),
    path("invitations/<str:token>/", people_views.invitation_accept_view, name="invitation_accept"),
    path("history/<str:model_name>/<int:pk>/", views.history_page, name="history"),
    path(
        "history/<str:model_name>/<int:pk>/restore/<int:history_id>/",
        views.version_restore_view,
        name="version_restore",
    ),
    path("audit/deleted/", views.deleted_list, name="deleted_list"),
    path("audit/deleted/<str:label>/<int:history_id>/restore/", views.deleted_restore, name="deleted_restore"),
]
