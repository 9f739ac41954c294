"""URLs of the audit app: two-factor sign-in, object history, restoring deleted records."""

from django.urls import path

from audit import two_factor, views

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
    path("history/<str:model_name>/<int:pk>/", views.history_page, name="history"),
    path(
        "history/<str:model_name>/<int:pk>/restore/<int:history_id>/",
        views.version_restore_view,
        name="version_restore",
    ),
    path("audit/deleted/", views.deleted_list, name="deleted_list"),
    path("audit/deleted/<str:label>/<int:history_id>/restore/", views.deleted_restore, name="deleted_restore"),
]
