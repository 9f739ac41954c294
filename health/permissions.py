"""Who may see and write partnership-health records, built on partners.permissions.

*Insiders* of a partnership are users of its organisations, the coordinators of its coalition
and admins. Only insiders see the tension and repair log and the check-ins: to everyone else
those rows do not exist (404), are never counted and never exported. Only a member of a partner
organisation rates the partnership, and only for their own organisation.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from health.models import CheckIn, RepairLogEntry
from partners import permissions as perms
from partners.models import Partnership

PartnershipOrganization = Partnership.organizations.through


def insider_partnership_q(user, prefix: str = "") -> Q | None:
    """The condition on Partnership rows (reached through `prefix`) the user is an insider of.

    None means every partnership (admins).
    """
    if perms.is_admin(user):
        return None
    if not perms.is_signed_in(user):
        return Q(pk__in=[])
    pk = f"{prefix.rstrip('_')}_id" if prefix else "pk"
    condition = Q(pk__in=[])
    coordinated = perms.coordinated_coalition_ids(user)
    if coordinated:
        condition |= Q(**{f"{prefix}coalition_id__in": coordinated})
    org_id = perms.organization_id_of(user)
    if org_id is not None:
        condition |= Q(
            Exists(PartnershipOrganization.objects.filter(partnership_id=OuterRef(pk), organization_id=org_id))
        )
    return condition


def partnerships_insider_to(user) -> QuerySet[Partnership]:
    condition = insider_partnership_q(user)
    visible = perms.partnerships_visible_to(user)
    return visible if condition is None else visible.filter(condition)


def is_insider(user, partnership: Partnership) -> bool:
    """Reads `partnership.organizations`, so prefetch it on lists."""
    if perms.is_admin(user):
        return True
    if not perms.is_signed_in(user):
        return False
    if partnership.coalition_id and perms.is_coordinator(user, partnership.coalition_id):
        return True
    org_id = perms.organization_id_of(user)
    return org_id is not None and any(o.pk == org_id for o in partnership.organizations.all())


def repair_entries_visible_to(user) -> QuerySet[RepairLogEntry]:
    condition = insider_partnership_q(user, prefix="partnership__")
    return RepairLogEntry.objects.all() if condition is None else RepairLogEntry.objects.filter(condition)


def checkins_visible_to(user) -> QuerySet[CheckIn]:
    condition = insider_partnership_q(user, prefix="partnership__")
    return CheckIn.objects.all() if condition is None else CheckIn.objects.filter(condition)


def can_write_repair_log(user, partnership: Partnership) -> bool:
    return is_insider(user, partnership)


def can_edit_repair_entry(user, entry: RepairLogEntry) -> bool:
    return is_insider(user, entry.partnership)


def rating_organization_id(user, partnership: Partnership) -> int | None:
    """The organisation the user may rate the partnership for, or None.

    Only members of a partner organisation rate, for their own organisation; coordinators and
    admins who are not staff of a partner do not rate on anyone's behalf.
    """
    org_id = perms.organization_id_of(user)
    if org_id is not None and any(o.pk == org_id for o in partnership.organizations.all()):
        return org_id
    return None


def can_change_status(user, partnership: Partnership) -> bool:
    return perms.can_edit_partnership(user, partnership)


def can_work_on_attention_item(user, item) -> bool:
    """Acknowledge, assign, snooze or resolve a needs-attention item (an AttentionItem the user
    already sees): admins, the coordinators of its coalition and users of its organisations."""
    if perms.is_admin(user):
        return True
    if not perms.is_signed_in(user):
        return False
    if item.coalition is not None and perms.is_coordinator(user, item.coalition.pk):
        return True
    org_id = perms.organization_id_of(user)
    return org_id is not None and any(o.pk == org_id for o in item.organizations)


def attention_assignees_q(item) -> Q:
    """The users an item may be assigned to: its coalition's coordinators, users of its
    organisations and admins (active accounts only; the caller filters on is_active)."""
    condition = Q(is_superuser=True) | Q(profile__organization__in=[o.pk for o in item.organizations])
    if item.coalition is not None:
        condition |= Q(coordinator_roles__coalition=item.coalition.pk)
    return condition
