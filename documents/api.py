"""The documents API: a partnership's documents (GET, and POST multipart to add one), a new
version (POST multipart), the download, choosing the current version (POST JSON) and removing a
version (DELETE, admins). Only the two upload endpoints take multipart/form-data; every other
write takes JSON. Same rules as the pages: invisible is 404, visible but not allowed is 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from documents import permissions as dperms
from documents.choices import DocumentKind
from documents.selectors import document_get, partnership_documents, version_get
from documents.services import (
    document_create,
    document_version_add,
    document_version_make_current,
    document_version_remove,
)
from documents.views import download_response
from partners.api.access import SignedIn
from partners.selectors.directory import partnership_get


class VersionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    filename = serializers.CharField(source="original_name")
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    note = serializers.CharField()
    uploaded_at = serializers.DateTimeField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, version) -> str:
        return reverse("documents:api_version_download", kwargs={"version_pk": version.pk})


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    partnership = serializers.IntegerField(source="partnership_id")
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    current_version = serializers.IntegerField(source="current_id", allow_null=True)
    versions = VersionSerializer(many=True, source="live_versions")


class DocumentUploadSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=DocumentKind.choices, default=DocumentKind.MOU)
    file = serializers.FileField(help_text="A PDF, .docx or .odt file, checked by its content.")
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class VersionUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A PDF, .docx or .odt file, checked by its content.")
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


def _valid(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _document_data(request, document) -> dict:
    fresh = partnership_documents(viewer=request.user, partnership=document.partnership).get(pk=document.pk)
    return DocumentSerializer(fresh).data


class PartnershipDocumentsView(APIView):
    """The documents of a partnership, each with its live versions (newest first) and the id of
    its current version. POST (multipart/form-data) adds a document with its first file."""

    permission_classes = [SignedIn]
    parser_classes = [MultiPartParser]

    @extend_schema(responses={200: DocumentSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        partnership = partnership_get(viewer=request.user, pk=pk)
        rows = partnership_documents(viewer=request.user, partnership=partnership)
        return Response(DocumentSerializer(rows, many=True).data)

    @extend_schema(request={"multipart/form-data": DocumentUploadSerializer}, responses={201: DocumentSerializer})
    def post(self, request: Request, pk: int) -> Response:
        partnership = partnership_get(viewer=request.user, pk=pk)
        if not dperms.can_upload_document(request.user, partnership):
            raise PermissionDenied("Only the partners, the coalition's coordinators and admins add documents.")
        data = _valid(DocumentUploadSerializer, request.data)
        document = document_create(
            actor=request.user,
            partnership=partnership,
            title=data["title"],
            kind=data["kind"],
            upload=data["file"],
            note=data.get("note", ""),
        )
        return Response(_document_data(request, document), status=status.HTTP_201_CREATED)


class DocumentVersionsView(APIView):
    """POST (multipart/form-data) a new version of a document; it becomes the current one."""

    permission_classes = [SignedIn]
    parser_classes = [MultiPartParser]

    @extend_schema(request={"multipart/form-data": VersionUploadSerializer}, responses={201: DocumentSerializer})
    def post(self, request: Request, document_pk: int) -> Response:
        document = document_get(viewer=request.user, pk=document_pk)
        if not dperms.can_upload_document(request.user, document.partnership):
            raise PermissionDenied("Only the partners, the coalition's coordinators and admins add versions.")
        data = _valid(VersionUploadSerializer, request.data)
        document_version_add(actor=request.user, document=document, upload=data["file"], note=data.get("note", ""))
        return Response(_document_data(request, document), status=status.HTTP_201_CREATED)


class VersionDownloadView(APIView):
    """The file of one version, as an attachment. Every download is audited."""

    permission_classes = [SignedIn]

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request: Request, version_pk: int):
        return download_response(request, version_get(viewer=request.user, pk=version_pk))


class VersionCurrentView(APIView):
    """POST (JSON, an empty object) makes this version the document's current one."""

    permission_classes = [SignedIn]
    parser_classes = [JSONParser]

    @extend_schema(request=None, responses={200: DocumentSerializer})
    def post(self, request: Request, version_pk: int) -> Response:
        version = version_get(viewer=request.user, pk=version_pk)
        if not isinstance(request.data, dict):
            raise ValidationError({"non_field_errors": ["Send a JSON object."]})
        document = document_version_make_current(actor=request.user, version=version)
        return Response(_document_data(request, document))


class VersionView(APIView):
    """DELETE removes a version (admins only): never served again; audited."""

    permission_classes = [SignedIn]

    @extend_schema(responses={204: None})
    def delete(self, request: Request, version_pk: int) -> Response:
        version = version_get(viewer=request.user, pk=version_pk)
        document_version_remove(actor=request.user, version=version)
        return Response(status=status.HTTP_204_NO_CONTENT)
