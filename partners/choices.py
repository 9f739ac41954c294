"""Controlled choice lists (TextChoices): kinds, statuses, roles, visibility and resource bands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProfileVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Signed-in members only")


class ContactVisibility(models.TextChoices):
    """Who sees a staff contact (personal data) besides admins and the organisation's own members."""

    COALITIONS = "coalitions", _("Our coalitions: their members and coordinators")
    SIGNED_IN = "signed_in", _("Every signed-in user")


class StaffSize(models.TextChoices):
    """Paid and volunteer staff, in bands: a resource indicator for power imbalances."""

    XS = "1-5", _("1–5 people")
    S = "6-20", _("6–20 people")
    M = "21-100", _("21–100 people")
    L = "101-500", _("101–500 people")
    XL = "500+", _("More than 500 people")


class BudgetBand(models.TextChoices):
    """Annual budget in US dollars or equivalent, in bands."""

    XS = "under-50k", _("Under $50k")
    S = "50k-250k", _("$50k–$250k")
    M = "250k-1m", _("$250k–$1M")
    L = "1m-10m", _("$1M–$10M")
    XL = "over-10m", _("Over $10M")


# Bands in rising order, so analytics can compare "bigger" and "smaller".
STAFF_SIZE_ORDER = {value: rank for rank, value in enumerate(StaffSize.values, start=1)}
BUDGET_ORDER = {value: rank for rank, value in enumerate(BudgetBand.values, start=1)}


class CoalitionKind(models.TextChoices):
    TASK_FORCE = "task_force", _("Task force")
    COALITION = "coalition", _("Coalition")
    NETWORK = "network", _("Network")
    WORKING_GROUP = "working_group", _("Working group")
    REFERRAL_MECHANISM = "referral_mechanism", _("Referral mechanism")


class CoalitionScope(models.TextChoices):
    LOCAL = "local", _("Local")
    STATE = "state", _("State or provincial")
    NATIONAL = "national", _("National")
    TRANSNATIONAL = "transnational", _("Transnational")


class MembershipRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    CO_CHAIR = "co_chair", _("Co-chair")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


LEADERSHIP_ROLES = (MembershipRole.LEAD, MembershipRole.CO_CHAIR)


class PartnershipKind(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding")
    REFERRAL_PROTOCOL = "referral_protocol", _("Referral protocol")
    DATA_SHARING = "data_sharing", _("Data-sharing agreement")
    JOINT_PROJECT = "joint_project", _("Joint project")
    FUNDING = "funding", _("Funding relationship")
    INFORMAL = "informal", _("Informal")


class PartnershipStatus(models.TextChoices):
    FORMING = "forming", _("Forming")
    ACTIVE = "active", _("Active")
    STRAINED = "strained", _("Strained")
    DORMANT = "dormant", _("Dormant")
    ENDED = "ended", _("Ended")


class MeetingKind(models.TextChoices):
    COALITION_MEETING = "coalition_meeting", _("Coalition meeting")
    TRAINING = "training", _("Training")
    CASE_COORDINATION = "case_coordination", _("Case coordination")
    JOINT_OPERATION = "joint_operation", _("Joint operation")
    OUTREACH = "outreach", _("Outreach or awareness")
    REFERRAL = "referral", _("Referral")
    RESEARCH = "research", _("Research")
    ADVOCACY = "advocacy", _("Advocacy")
    OTHER = "other", _("Other")


class MeetingVisibility(models.TextChoices):
    COALITION = "coalition", _("Coalition members")
    PARTICIPANTS = "participants", _("Participants only")


class ParticipationRole(models.TextChoices):
    HOST = "host", _("Host")
    PARTICIPANT = "participant", _("Participant")


class InvitationReply(models.TextChoices):
    """An invited organisation's answer to a planned meeting."""

    PENDING = "pending", _("No reply yet")
    ATTENDING = "attending", _("Attending")
    NOT_ATTENDING = "not_attending", _("Not attending")
    MAYBE = "maybe", _("Maybe")


class ActionItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# Kinds that are joint by nature and need two or more distinct organisations to be logged.
JOINT_KINDS = frozenset(
    {
        MeetingKind.COALITION_MEETING,
        MeetingKind.CASE_COORDINATION,
        MeetingKind.JOINT_OPERATION,
        MeetingKind.REFERRAL,
    }
)
