"""URLs of the documents app: pages under partnerships and documents, and the API endpoints
(included at the site root, before the API's own URLs)."""

from django.urls import path

from documents import api, views

app_name = "documents"

urlpatterns = [
    path("partnerships/<int:pk>/documents/", views.partnership_documents_view, name="partnership_documents"),
    path("partnerships/<int:pk>/documents/new/", views.document_create_view, name="document_create"),
    path("documents/<int:document_pk>/versions/", views.version_upload_view, name="version_upload"),
    path("documents/versions/<int:version_pk>/download/", views.version_download_view, name="version_download"),
    path("documents/versions/<int:version_pk>/current/", views.version_make_current_view, name="version_current"),
    path("documents/versions/<int:version_pk>/remove/", views.version_remove_view, name="version_remove"),
    path("api/v1/partnerships/<int:pk>/documents/", api.PartnershipDocumentsView.as_view(), name="api_documents"),
    path("api/v1/documents/<int:document_pk>/versions/", api.DocumentVersionsView.as_view(), name="api_versions"),
    path("api/v1/documents/versions/<int:version_pk>/", api.VersionView.as_view(), name="api_version"),
    path(
        "api/v1/documents/versions/<int:version_pk>/download/",
        api.VersionDownloadView.as_view(),
        name="api_version_download",
    ),
    path(
        "api/v1/documents/versions/<int:version_pk>/current/",
        api.VersionCurrentView.as_view(),
        name="api_version_current",
    ),
]
