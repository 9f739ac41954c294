"""THE role and visibility rules. Nothing else decides who may see or change what.

Roles: an *admin* is an active superuser; a *coordinator* holds a CoalitionCoordinator row for
a coalition; a *member* is a signed-in user whose Profile names their organisation.

Visibility:
- anonymous visitors see sectors and public organisation profiles, nothing else;
- signed-in users see every profile, coalitions, memberships and partnerships;
- a staff contact is seen by its organisation's members and admins and, as its visibility says,
  by the members and coordinators of the coalitions its organisation belongs to now, or by
  every signed-in user;
- a meeting marked "coalition members" is seen by users of organisations that are (or were)
  members of its coalition, by its participants and by the coalition's coordinators; without a
  coalition, by every signed-in user;
- a meeting marked "participants only" is seen by users of the participating organisations
  and by the coordinators of its coalition;
- a planned meeting (attendance not yet recorded) is also seen by users of the invited
  organisations, whatever its visibility;
- admins see everything.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from partners.choices import ContactVisibility, MeetingVisibility
from partners.models import (
    Coalition,
    CoalitionCoordinator,
    Contact,
    Invitation,
    Meeting,
    Membership,
    Organization,
    Participation,
    Partnership,
)
from partners.models.coalitions import membership_current_q
from partners.models.organizations import ProfileVisibility

# --- who the user is -------------------------------------------------------------------------


def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_admin(user) -> bool:
    return is_signed_in(user) and user.is_superuser


def organization_id_of(user) -> int | None:
    """The id of the user's organisation, looked up once per request and cached on the user."""
    if not is_signed_in(user):
        return None
    if not hasattr(user, "_ct_organization_id"):
        from partners.models import Profile

        user._ct_organization_id = Profile.objects.filter(user=user).values_list("organization_id", flat=True).first()
    return user._ct_organization_id


def coordinated_coalition_ids(user) -> frozenset[int]:
    """Ids of the coalitions the user coordinates, cached on the user."""
    if not is_signed_in(user):
        return frozenset()
    if not hasattr(user, "_ct_coordinated_ids"):
        user._ct_coordinated_ids = frozenset(
            CoalitionCoordinator.objects.filter(user=user).values_list("coalition_id", flat=True)
        )
    return user._ct_coordinated_ids


def is_coordinator(user, coalition_id: int | None = None) -> bool:
    ids = coordinated_coalition_ids(user)
    return bool(ids) if coalition_id is None else coalition_id in ids


def forget_roles(user) -> None:
    """Drop the cached role lookups, after a role changed during the request."""
    for attr in ("_ct_organization_id", "_ct_coordinated_ids"):
        if hasattr(user, attr):
            delattr(user, attr)


def two_factor_required(user) -> bool:
    """True when the user's role must sign in with a second factor (setting TWO_FACTOR_REQUIRED_FOR,
    which names roles: "admin", "coordinator"). The demo's TWO_FACTOR_EXEMPT_USERNAMES counts only
    with DEBUG on, so no setting can spare anyone in production."""
    if settings.DEBUG and user.get_username() in getattr(settings, "TWO_FACTOR_EXEMPT_USERNAMES", ()):
        return False
    required = set(getattr(settings, "TWO_FACTOR_REQUIRED_FOR", ()))
    return ("admin" in required and is_admin(user)) or ("coordinator" in required and is_coordinator(user))


# --- what the user may see -------------------------------------------------------------------


def organizations_visible_to(user) -> QuerySet[Organization]:
    if is_signed_in(user):
        return Organization.objects.all()
    return Organization.objects.filter(visibility=ProfileVisibility.PUBLIC)


def contacts_visible_to(user) -> QuerySet[Contact]:
    """Contacts are personal data: each is seen as its `visibility` says (see the module docstring)."""
    if is_admin(user):
        return Contact.objects.all()
    if not is_signed_in(user):
        return Contact.objects.none()
    org_id = organization_id_of(user)
    coordinated = coordinated_coalition_ids(user)
    condition = Q(visibility=ContactVisibility.SIGNED_IN)
    shared = Q(coalition_id__in=sorted(coordinated)) if coordinated else Q(pk__in=[])
    if org_id is not None:
        condition |= Q(organization_id=org_id)
        shared |= Q(coalition_id__in=Membership.objects.current().filter(organization_id=org_id).values("coalition_id"))
    # Subqueries, not lookups: the rule costs no query of its own on a list.
    neighbours = Membership.objects.current().filter(shared).values("organization_id")
    return Contact.objects.filter(condition | Q(organization_id__in=neighbours))


def coalitions_visible_to(user) -> QuerySet[Coalition]:
    if not is_signed_in(user):
        return Coalition.objects.none()
    return Coalition.objects.all()


def memberships_visible_to(user) -> QuerySet[Membership]:
    if not is_signed_in(user):
        return Membership.objects.none()
    return Membership.objects.all()


def partnerships_visible_to(user) -> QuerySet[Partnership]:
    if not is_signed_in(user):
        return Partnership.objects.none()
    return Partnership.objects.all()


def meeting_visibility_q(user) -> Q | None:
    """The condition on Meeting rows for what `user` may see; None means everything."""
    if is_admin(user):
        return None
    if not is_signed_in(user):
        return Q(pk__in=[])
    org_id = organization_id_of(user)
    coordinated = coordinated_coalition_ids(user)
    condition = Q(visibility=MeetingVisibility.COALITION, coalition__isnull=True)
    if coordinated:
        condition |= Q(coalition_id__in=coordinated)
    if org_id is not None:
        member_of = Membership.objects.filter(organization_id=org_id).values("coalition_id")
        condition |= Q(visibility=MeetingVisibility.COALITION, coalition_id__in=member_of)
        condition |= Q(Exists(Participation.objects.filter(meeting_id=OuterRef("pk"), organization_id=org_id)))
        condition |= Q(attendance_recorded_at__isnull=True) & Q(
            Exists(Invitation.objects.filter(meeting_id=OuterRef("pk"), organization_id=org_id))
        )
    return condition


def meetings_visible_to(user) -> QuerySet[Meeting]:
    condition = meeting_visibility_q(user)
    return Meeting.objects.all() if condition is None else Meeting.objects.filter(condition)


def participations_visible_to(user) -> QuerySet[Participation]:
    if is_admin(user):
        return Participation.objects.all()
    return Participation.objects.filter(meeting__in=meetings_visible_to(user).values("pk"))


def can_download_list(user, resource: str) -> bool:
    """Anyone may download the (public part of the) directory; every other list needs a sign-in,
    and the contacts (personal data in bulk) need a coordinator or an admin."""
    if resource == "contacts":
        return is_admin(user) or is_coordinator(user)
    return resource == "organizations" or is_signed_in(user)


# --- what concerns the user (their dashboard) --------------------------------------------------


def coalitions_involving_q(user) -> Q:
    """Coalitions the user's organisation belongs to now, and those they coordinate (admins: all)."""
    if is_admin(user):
        return Q()
    condition = Q(pk__in=coordinated_coalition_ids(user))
    org_id = organization_id_of(user)
    if org_id is not None:
        condition |= Q(memberships__organization_id=org_id) & membership_current_q(via="memberships")
    return condition


def meetings_involving_q(user) -> Q:
    """Activities of the user's organisation or of coalitions they coordinate (admins: all)."""
    if is_admin(user):
        return Q()
    condition = Q(coalition_id__in=coordinated_coalition_ids(user))
    org_id = organization_id_of(user)
    if org_id is not None:
        # A subquery, not a join, so an activity is listed once.
        condition |= Q(pk__in=Participation.objects.filter(organization_id=org_id).values("meeting_id"))
    return condition


# --- what the user may change ----------------------------------------------------------------


def can_create_organization(user) -> bool:
    return is_admin(user) or is_coordinator(user)


def can_edit_organization(user, organization: Organization) -> bool:
    """Admins and the organisation's own members; this covers its contacts too."""
    return is_admin(user) or (organization.pk is not None and organization_id_of(user) == organization.pk)


def can_delete_organization(user, organization: Organization) -> bool:
    return is_admin(user)


def can_create_coalition(user) -> bool:
    return is_admin(user)


def can_edit_coalition(user, coalition: Coalition) -> bool:
    """Admins and the coalition's coordinators; this covers its memberships too."""
    return is_admin(user) or is_coordinator(user, coalition.pk)


def can_delete_coalition(user, coalition: Coalition) -> bool:
    return is_admin(user)


def can_act_for(user, *, organization_ids: Iterable[int], coalition_id: int | None) -> bool:
    """Record something (a partnership, an activity) involving these organisations, in this coalition.

    Members, for what their organisation takes part in; coordinators, for their coalition's; admins.
    """
    if is_admin(user) or (coalition_id is not None and is_coordinator(user, coalition_id)):
        return True
    org_id = organization_id_of(user)
    return org_id is not None and org_id in set(organization_ids)


def coalitions_loggable_by(user) -> QuerySet[Coalition]:
    """Coalitions the user may log an activity into: those their organisation currently belongs
    to and those they coordinate (admins: all). The log form lists only these."""
    if is_admin(user):
        return Coalition.objects.all()
    if not is_signed_in(user):
        return Coalition.objects.none()
    condition = Q(pk__in=coordinated_coalition_ids(user))
    org_id = organization_id_of(user)
    if org_id is not None:
        condition |= Q(pk__in=Membership.objects.current().filter(organization_id=org_id).values("coalition_id"))
    return Coalition.objects.filter(condition)


def can_log_into_coalition(user, coalition_id: int | None) -> bool:
    """An activity goes into a coalition the user's organisation belongs to now, or one they
    coordinate (admins: any); without a coalition, anyone may log (their own activity)."""
    if coalition_id is None or is_admin(user) or is_coordinator(user, coalition_id):
        return True
    return coalitions_loggable_by(user).filter(pk=coalition_id).exists()


def partnerships_linkable_by(user) -> QuerySet[Partnership]:
    """Partnerships an activity of the user may be linked to: those their organisation is party
    to and those of the coalitions they coordinate (admins: all)."""
    if is_admin(user):
        return Partnership.objects.all()
    if not is_signed_in(user):
        return Partnership.objects.none()
    condition = Q(coalition_id__in=coordinated_coalition_ids(user))
    org_id = organization_id_of(user)
    if org_id is not None:
        condition |= Q(pk__in=Partnership.objects.filter(organizations=org_id).values("pk"))
    return Partnership.objects.filter(condition)


def can_link_partnership(user, partnership: Partnership | None) -> bool:
    if partnership is None or is_admin(user):
        return True
    return partnerships_linkable_by(user).filter(pk=partnership.pk).exists()


def can_move_partnership(user, *, from_coalition_id: int | None, to_coalition_id: int | None) -> bool:
    """Moving a partnership to another coalition (or out of one, or into one) hands its check-ins
    and repair log to other coordinators: admins, or a coordinator of both coalitions."""
    if from_coalition_id == to_coalition_id or is_admin(user):
        return True
    return all(is_coordinator(user, c) for c in (from_coalition_id, to_coalition_id) if c is not None)


def can_edit_partnership(user, partnership: Partnership) -> bool:
    """Admins, the coalition's coordinators and members of a partner organisation.

    Reads `partnership.organizations`, so prefetch it on lists.
    """
    if is_admin(user) or (partnership.coalition_id and is_coordinator(user, partnership.coalition_id)):
        return True
    org_id = organization_id_of(user)
    return org_id is not None and any(o.pk == org_id for o in partnership.organizations.all())


def can_edit_meeting(user, meeting: Meeting) -> bool:
    """Reads `meeting.participations`, so prefetch it on lists."""
    if is_admin(user) or (meeting.coalition_id and is_coordinator(user, meeting.coalition_id)):
        return True
    org_id = organization_id_of(user)
    return org_id is not None and any(p.organization_id == org_id for p in meeting.participations.all())


def can_widen_meeting_visibility(user, meeting: Meeting) -> bool:
    """Widening who sees an activity is for the coordinators of its coalition and admins.

    `meeting` is the activity *as it was* before the edit: its coalition then decides."""
    return is_admin(user) or (meeting.coalition_id is not None and is_coordinator(user, meeting.coalition_id))


def can_review_unfiled(user, coalition: Coalition) -> bool:
    """The list of activities without a coalition in which the coalition's members took part:
    the coalition's coordinators and admins."""
    return is_admin(user) or is_coordinator(user, coalition.pk)


def can_file_meeting(user, meeting: Meeting, coalition: Coalition) -> bool:
    """Put an activity without a coalition into `coalition`: its coordinators for a coalition-wide
    activity (which narrows who sees it); a participants-only one, which it would widen, admins."""
    if meeting.coalition_id is not None or not can_review_unfiled(user, coalition):
        return False
    return is_admin(user) or meeting.visibility == MeetingVisibility.COALITION


def widens_meeting_visibility(
    *, old_coalition_id: int | None, old_visibility: str, new_coalition_id: int | None, new_visibility: str
) -> bool:
    """Whether an edit lets more people see an activity: opening a participants-only activity to
    its coalition, moving a participants-only activity to another coalition (or out of or into
    one: other coordinators see it), and taking a coalition-wide activity out of its coalition
    (it becomes visible to every signed-in user)."""
    if old_visibility == MeetingVisibility.PARTICIPANTS:
        return new_visibility != MeetingVisibility.PARTICIPANTS or new_coalition_id != old_coalition_id
    return old_coalition_id is not None and new_coalition_id is None


def can_manage_accounts(user) -> bool:
    return is_admin(user)


def can_import(user) -> bool:
    """Spreadsheet imports write many records at once: admins and coalition coordinators only."""
    return is_admin(user) or is_coordinator(user)


def can_restore_records(user) -> bool:
    """Bringing back an earlier version or a deleted record is for admins."""
    return is_admin(user)


def can_see_leadership_composition(user, coalition: Coalition) -> bool:
    """Leadership composition (restricted, self-reported) is for the coalition's coordinators and admins."""
    return is_admin(user) or is_coordinator(user, coalition.pk)


def can_export_directory(user) -> bool:
    """The whole directory in Open Referral (HSDS) form is for admins."""
    return is_admin(user)


# The visibility classes of pre-counted figures (FigureViewer) are stated in figures.py beside
# this module; importing them here keeps `partners.permissions.FigureViewer` the one name.
from partners.permissions.figures import NO_COALITION, FigureViewer  # noqa: E402, F401

# The rules of planned meetings, invitations and action items (planning.py beside this module).
from partners.permissions.planning import (  # noqa: E402, F401
    action_items_visible_to,
    can_add_action_item,
    can_manage_planned_meeting,
    can_plan_meeting,
    can_record_attendance,
    can_reply_to_invitation,
    can_update_action_item,
    can_write_minutes,
)
