"""The domain models, one module per aggregate; import them from here."""

from partners.models.accounts import ApiToken, CoalitionCoordinator, IdempotencyRecord, Profile
from partners.models.activities import Meeting, Participation
from partners.models.coalitions import Coalition, Membership
from partners.models.organizations import Contact, Organization
from partners.models.partnerships import Partnership, StatusChange
from partners.models.planning import ActionItem, AgendaItem, Invitation
from partners.models.sectors import AreaOfWork, Population, Sector, TraffickingForm

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Invitation",
    "ApiToken",
    "AreaOfWork",
    "Coalition",
    "CoalitionCoordinator",
    "Contact",
    "IdempotencyRecord",
    "Meeting",
    "Membership",
    "Organization",
    "Participation",
    "Partnership",
    "Population",
    "Profile",
    "Sector",
    "StatusChange",
    "TraffickingForm",
]
