"""Django admin for the domain: list columns, search, filters, inlines and history."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from partners.exceptions import StaleObjectError
from partners.models import (
    ApiToken,
    AreaOfWork,
    Coalition,
    CoalitionCoordinator,
    Contact,
    Meeting,
    Membership,
    Organization,
    Participation,
    Partnership,
    Population,
    Profile,
    Sector,
    TraffickingForm,
)
from partners.services.common import changed_since, claim_version
from partners.services.partnerships import partnership_status_change_record


class VersionedAdminForm(forms.ModelForm):
    """Carries the version the editor opened, so a save made on a stale copy is refused."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        opened = data.get("opened_version")
        if self.instance.pk and opened is not None:
            current = type(self.instance).objects.filter(pk=self.instance.pk).first()
            if current is not None and current.version != opened:
                changed = changed_since(current, opened)
                raise ValidationError(
                    _("Someone else changed this record since you opened it (%(fields)s). Reload it and try again.")
                    % {"fields": ", ".join(changed) or _("details unknown")}
                )
        return data


class VersionedAdmin(SimpleHistoryAdmin):
    """Admin for models with a `version`: edits raise it, exactly as the services do."""

    form = VersionedAdminForm

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            if change:
                try:
                    claim_version(obj, form.cleaned_data.get("opened_version"))
                except StaleObjectError:
                    # Lost a race after the form was checked: keep the other person's save.
                    transaction.set_rollback(True)
                    raise
            super().save_model(request, obj, form, change)


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "colour", "position"]
    list_editable = ["position"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(AreaOfWork, TraffickingForm, Population)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["name", "title", "email", "phone"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]
    fields = ["organization", "coalition", "role", "start_date", "end_date"]


@admin.register(Organization)
class OrganizationAdmin(VersionedAdmin):
    list_display = [
        "name",
        "acronym",
        "primary_sector",
        "city",
        "country",
        "staff_size",
        "budget_band",
        "survivor_led",
        "visibility",
        "is_active",
    ]
    list_filter = [
        "primary_sector",
        "sectors",
        "country",
        "visibility",
        "survivor_led",
        "staff_size",
        "budget_band",
        "is_active",
    ]
    search_fields = ["name", "acronym", "description", "city", "region"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sectors", "areas_of_work", "trafficking_forms", "populations"]
    inlines = [ContactInline, MembershipInline]
    list_select_related = ["primary_sector"]


@admin.register(Contact)
class ContactAdmin(VersionedAdmin):
    list_display = ["name", "title", "organization", "email", "phone"]
    search_fields = ["name", "title", "email", "organization__name"]
    autocomplete_fields = ["organization"]
    list_select_related = ["organization"]


@admin.register(Coalition)
class CoalitionAdmin(VersionedAdmin):
    list_display = ["name", "kind", "scope", "founded_on", "quiet_after_days"]
    list_filter = ["kind", "scope"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(VersionedAdmin):
    list_display = ["organization", "coalition", "role", "start_date", "end_date"]
    list_filter = ["coalition", "role"]
    search_fields = ["organization__name", "coalition__name"]
    autocomplete_fields = ["organization", "coalition"]
    list_select_related = ["organization", "coalition"]


@admin.register(Partnership)
class PartnershipAdmin(VersionedAdmin):
    list_display = ["title", "kind", "status", "coalition", "start_date", "renewal_date"]
    list_filter = ["kind", "status", "coalition"]
    search_fields = ["title", "description", "organizations__name"]
    autocomplete_fields = ["organizations", "coalition"]
    list_select_related = ["coalition"]

    def save_model(self, request, obj, form, change):
        # The form has already set the new status on `obj`; its initial data holds the stored one.
        from_status = form.initial.get("status", "") if change else ""
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            partnership_status_change_record(partnership=obj, from_status=from_status, actor=request.user)


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 1
    autocomplete_fields = ["organization"]


@admin.register(Meeting)
class MeetingAdmin(VersionedAdmin):
    list_display = ["date", "title", "kind", "coalition", "visibility", "logged_by"]
    list_filter = ["kind", "visibility", "coalition"]
    search_fields = ["title", "outcomes"]
    date_hierarchy = "date"
    autocomplete_fields = ["coalition", "partnership"]
    inlines = [ParticipationInline]
    list_select_related = ["coalition", "logged_by"]
    readonly_fields = ["logged_by"]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    autocomplete_fields = ["organization"]


class CoordinatorInline(admin.TabularInline):
    model = CoalitionCoordinator
    extra = 0
    autocomplete_fields = ["coalition"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class CoalitionUserAdmin(UserAdmin):
    inlines = [ProfileInline, CoordinatorInline]
    list_display = ["username", "email", "first_name", "last_name", "is_superuser", "is_active"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "expires_at"]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at", "expires_at"]


admin.site.site_header = "Coalition Tracker administration"
admin.site.site_title = "Coalition Tracker"
