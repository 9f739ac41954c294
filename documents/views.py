"""Document pages: a partnership's documents (also loaded into the partnership's page), uploads,
the download, choosing the current version and removing one (admins).

Thin views: selectors read, services write. A document the user may not see answers 404; one
they see but may not change answers 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from documents import permissions as dperms
from documents.forms import DocumentForm, VersionForm
from documents.selectors import document_get, partnership_documents, version_get
from documents.services import (
    document_create,
    document_download_record,
    document_version_add,
    document_version_make_current,
    document_version_remove,
)
from partners import permissions as perms
from partners.selectors.directory import partnership_get


def _signed_in(view):
    """Anonymous visitors are sent to sign in (documents are never public)."""

    def wrapper(request: HttpRequest, *args, **kwargs):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _page(request, partnership, *, form=None, version_forms=None, status=200) -> HttpResponse:
    can_upload = dperms.can_upload_document(request.user, partnership)
    documents = list(partnership_documents(viewer=request.user, partnership=partnership))
    version_forms = version_forms or {}
    for document in documents:
        blank = VersionForm(prefix=f"d{document.pk}") if can_upload else None
        document.version_form = version_forms.get(document.pk) or blank
    context = {
        "partnership": partnership,
        "documents": documents,
        "can_upload": can_upload,
        "can_remove": dperms.can_remove_version(request.user),
        "form": form or (DocumentForm() if can_upload else None),
        "nav_section": "partnerships",
    }
    if request.headers.get("HX-Request"):
        return render(request, "documents/_partnership_documents.html", context, status=status)
    return render(request, "documents/partnership_documents.html", context, status=status)


@require_GET
@_signed_in
def partnership_documents_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, partnership_get(viewer=request.user, pk=pk))


@require_POST
@_signed_in
def document_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = partnership_get(viewer=request.user, pk=pk)
    if not dperms.can_upload_document(request.user, partnership):
        raise PermissionDenied(_("Only the partners, the coalition's coordinators and admins add documents."))
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            document_create(
                actor=request.user,
                partnership=partnership,
                title=data["title"],
                kind=data["kind"],
                upload=data["file"],
                note=data["note"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The document is added."))
            return redirect("documents:partnership_documents", pk=partnership.pk)
    return _page(request, partnership, form=form, status=400)


@require_POST
@_signed_in
def version_upload_view(request: HttpRequest, document_pk: int) -> HttpResponse:
    document = document_get(viewer=request.user, pk=document_pk)
    partnership = document.partnership
    if not dperms.can_upload_document(request.user, partnership):
        raise PermissionDenied(_("Only the partners, the coalition's coordinators and admins add versions."))
    form = VersionForm(request.POST, request.FILES, prefix=f"d{document.pk}")
    if form.is_valid():
        try:
            version = document_version_add(
                actor=request.user, document=document, upload=form.cleaned_data["file"], note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Version %(n)d is added and is now the current one.") % {"n": version.number})
            return redirect("documents:partnership_documents", pk=partnership.pk)
    return _page(request, partnership, version_forms={document.pk: form}, status=400)


@require_GET
@_signed_in
def version_download_view(request: HttpRequest, version_pk: int) -> FileResponse:
    version = version_get(viewer=request.user, pk=version_pk)
    return download_response(request, version)


def download_response(request: HttpRequest, version) -> FileResponse:
    """Stream the file as an attachment, never rendered inline, and audit the download."""
    document_download_record(actor=request.user, version=version)
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=version.original_name,
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_POST
@_signed_in
def version_make_current_view(request: HttpRequest, version_pk: int) -> HttpResponse:
    version = version_get(viewer=request.user, pk=version_pk)
    document_version_make_current(actor=request.user, version=version)
    messages.success(request, _("Version %(n)d is now the current one.") % {"n": version.number})
    return redirect("documents:partnership_documents", pk=version.document.partnership_id)


@require_POST
@_signed_in
def version_remove_view(request: HttpRequest, version_pk: int) -> HttpResponse:
    version = version_get(viewer=request.user, pk=version_pk)
    document_version_remove(actor=request.user, version=version)
    messages.success(request, _("Version %(n)d is removed.") % {"n": version.number})
    return redirect("documents:partnership_documents", pk=version.document.partnership_id)
