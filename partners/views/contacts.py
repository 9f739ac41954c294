"""An organisation's staff contacts, kept current by its own members: the list with a one-step
"all still current", and adding, editing and removing a contact.

Contacts are staff of partner organisations, never victims or survivors. Who may change them is
`perms.can_edit_organization` (the organisation's members and admins); the services decide.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from partners import permissions as perms
from partners.choices import ContactVisibility
from partners.exceptions import StaleObjectError
from partners.forms import VersionedForm
from partners.models import Contact, Organization
from partners.selectors.contacts import organization_contacts
from partners.selectors.directory import organization_get
from partners.services.organizations import contact_create, contact_delete, contact_update, contacts_confirm
from partners.views.common import stale_edit


class ContactForm(VersionedForm):
    """A staff contact's details; the service validates and saves them."""

    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=200,
        help_text=gettext_lazy("A member of your organisation's staff. Never a victim or survivor."),
    )
    title = forms.CharField(
        label=gettext_lazy("Job title"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("What they do, e.g. 'Shelter coordinator'."),
    )
    email = forms.EmailField(label=gettext_lazy("E-mail"), required=False)
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=40, required=False)
    visibility = forms.ChoiceField(
        label=gettext_lazy("Visible to"),
        choices=ContactVisibility.choices,
        initial=ContactVisibility.COALITIONS,
        help_text=Contact._meta.get_field("visibility").help_text,
    )

    FIELDS = ("name", "title", "email", "phone", "visibility")

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


def _editable_organization(request: HttpRequest, slug: str) -> Organization:
    """The organisation, when the viewer may change its contacts: invisible is 404, not allowed 403."""
    organization = organization_get(viewer=request.user, slug=slug)
    if not perms.can_edit_organization(request.user, organization):
        raise PermissionDenied(_("Only the organisation's own members and admins can change its contacts."))
    return organization


def _contact(request: HttpRequest, organization: Organization, pk: int) -> Contact:
    contact = organization_contacts(viewer=request.user, organization=organization).filter(pk=pk).first()
    if contact is None:
        raise Http404("No contact found.")
    return contact


def _contacts_url(organization: Organization) -> str:
    return reverse("partners:organization_contacts", kwargs={"slug": organization.slug})


@require_http_methods(["GET", "POST"])
def organization_contacts_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's contacts, each with its last confirmation; POST confirms them all as current."""
    organization = _editable_organization(request, slug)
    if request.method == "POST":
        count = contacts_confirm(actor=request.user, organization=organization)
        messages.success(
            request,
            _("Thank you: %(count)d contacts are confirmed as current today.") % {"count": count}
            if count != 1
            else _("Thank you: the contact is confirmed as current today."),
        )
        return redirect(_contacts_url(organization))
    contacts = list(organization_contacts(viewer=request.user, organization=organization))
    context = {
        "organization": organization,
        "contacts": contacts,
        "due_count": sum(1 for c in contacts if c.confirmation_due),
        "nav_section": "directory",
    }
    return render(request, "partners/organization_contacts.html", context)


@require_http_methods(["GET", "POST"])
def contact_create_view(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _editable_organization(request, slug)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact_create(actor=request.user, organization=organization, **form.service_data())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The contact was added."))
            return redirect(_contacts_url(organization))
    context = {"organization": organization, "form": form, "contact": None, "nav_section": "directory"}
    return render(request, "partners/contact_form.html", context)


@require_http_methods(["GET", "POST"])
def contact_edit_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organization = _editable_organization(request, slug)
    contact = _contact(request, organization, pk)
    stale = None
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            try:
                contact_update(
                    actor=request.user,
                    contact=contact,
                    expected_version=form.cleaned_data.get("version"),
                    **form.service_data(),
                )
            except StaleObjectError as exc:
                stale = stale_edit(request, exc)
                form = ContactForm(stale.data)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("The contact was saved and confirmed as current."))
                return redirect(_contacts_url(organization))
    else:
        initial = {name: getattr(contact, name) for name in ContactForm.FIELDS}
        form = ContactForm(initial={**initial, "version": contact.version})
    context = {
        "organization": organization,
        "form": form,
        "contact": contact,
        "stale": stale,
        "nav_section": "directory",
    }
    return render(request, "partners/contact_form.html", context, status=409 if stale else 200)


@require_http_methods(["GET", "POST"])
def contact_delete_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organization = _editable_organization(request, slug)
    contact = _contact(request, organization, pk)
    if request.method == "POST":
        try:
            version = int(request.POST.get("version") or contact.version)
        except ValueError:
            version = contact.version
        try:
            contact_delete(actor=request.user, contact=contact, expected_version=version)
        except StaleObjectError as exc:
            message = _("Someone changed this contact since you opened it; check it before removing it.")
            messages.error(request, stale_edit(request, exc, message=message).message)
        else:
            messages.success(request, _("The contact was removed."))
        return redirect(_contacts_url(organization))
    context = {"organization": organization, "contact": contact, "nav_section": "directory"}
    return render(request, "partners/contact_confirm_delete.html", context)
