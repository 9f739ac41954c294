"""Top-level URL configuration: the pages, the admin, the API and its schema."""

from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.http import require_POST
from django.views.i18n import JavaScriptCatalog, set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from analytics.api import urls as analytics_api
from audit.password_reset import PasswordResetView
from coalition import views
from partners import urls as partners_urls
from partners.api import urls as partners_api

# The REST API v1 is one `api` namespace served by two apps: the analytics, then the directory
# and activity log.
api_v1 = ([*analytics_api.urlpatterns, *partners_api.urlpatterns], partners_api.app_name)
# The dashboard composes several apps, so it lives here, named within the partners pages.
partners_pages = ([path("", views.dashboard, name="dashboard"), *partners_urls.urlpatterns], partners_urls.app_name)

urlpatterns = [
    path("admin/", admin.site.urls),
    # The scripts' messages in the page's language (static/js/*.js call gettext/interpolate).
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # The language chooser in the footer posts here: Django's set_language view (as
    # django.conf.urls.i18n routes it), POST only, since only a POST changes anything.
    path("i18n/setlang/", require_POST(set_language), name="set_language"),
    # Before Django's own: the reset request is rate-limited and audited (audit/password_reset.py).
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file: no inline script (CSP).
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    # Only this third-party API reference needs inline styles and a worker; nowhere else.
    path(
        "api/redoc/",
        csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]})(
            SpectacularRedocView.as_view(url_name="api-schema")
        ),
        name="api-redoc",
    ),
    path("", include("health.urls")),
    path("", include("documents.urls")),
    path("", include("reports.urls")),
    path("imports/", include("imports.urls")),
    path("", include("notifications.urls")),
    path("", include("audit.urls")),
    path("api/v1/", include(api_v1)),
    path("", include(partners_pages)),
]

# Styled pages with a way on; JSON under /api/ (even for a path no route matches). A database
# outage raised outside a view still answers 503, never a traceback.
handler400 = "coalition.errors.bad_request"
handler403 = "coalition.errors.permission_denied"
handler404 = "coalition.errors.not_found"
handler500 = "coalition.errors.server_error"
