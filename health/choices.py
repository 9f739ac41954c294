"""Choice lists of the health app: tension causes, repair actions, outcomes, attention kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TensionCause(models.TextChoices):
    INFORMATION_SHARING = "information_sharing", _("Information sharing")
    PRIORITIES = "priorities", _("Victim-centred versus prosecution priorities")
    FUNDING = "funding", _("Funding")
    CREDIT = "credit", _("Credit and recognition")
    COMMUNICATION = "communication", _("Communication")
    OTHER = "other", _("Other")


class RepairAction(models.TextChoices):
    MEDIATION = "mediation", _("Mediation")
    REVISED_PROTOCOL = "revised_protocol", _("Revised protocol")
    LEADERSHIP_MEETING = "leadership_meeting", _("Leadership meeting")
    JOINT_TRAINING = "joint_training", _("Joint training")
    FACILITATED_DIALOGUE = "facilitated_dialogue", _("Facilitated dialogue")
    NONE_YET = "none_yet", _("Nothing yet")
    OTHER = "other", _("Other")


class RepairOutcome(models.TextChoices):
    ONGOING = "ongoing", _("Ongoing")
    RESOLVED = "resolved", _("Resolved")
    PARTLY_RESOLVED = "partly_resolved", _("Partly resolved")
    UNRESOLVED = "unresolved", _("Unresolved")
    PARTNERSHIP_ENDED = "partnership_ended", _("Partnership ended")


class AttentionKind(models.TextChoices):
    QUIET = "quiet", _("Quiet partnership")
    RENEWAL_DUE = "renewal_due", _("Renewal due")
    STRAINED = "strained", _("Marked strained")
    CHECKINS_FALLING = "checkins_falling", _("Check-in scores falling")
    CHECKINS_DISAGREE = "checkins_disagree", _("Partners disagree")
    REPORTED_VS_ACTUAL = "reported_vs_actual", _("Ratings and activity differ")
    ABSENT_MEMBER = "absent_member", _("Absent member")
    INTRODUCTION = "introduction", _("Suggested introduction")


class AttentionState(models.TextChoices):
    OPEN = "open", _("Open")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    SNOOZED = "snoozed", _("Snoozed")
    RESOLVED = "resolved", _("Resolved")


class AttentionAction(models.TextChoices):
    ACKNOWLEDGE = "acknowledge", _("Acknowledged")
    ASSIGN = "assign", _("Assigned")
    UNASSIGN = "unassign", _("Unassigned")
    SNOOZE = "snooze", _("Snoozed")
    RESOLVE = "resolve", _("Resolved")
    REOPEN = "reopen", _("Reopened")
