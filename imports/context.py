"""What an import looks up while it reads rows: vocabularies, organisations, coalitions and partnerships.

Everything is read through partners.permissions, as the importing user, and cached for the run;
rows created earlier in the same file are added as they are written.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.values import CellError, did_you_mean, suggestions, text
from partners import permissions as perms
from partners.models import AreaOfWork, Coalition, Organization, Partnership, Population, Sector, TraffickingForm

VOCABULARIES = {
    "sector": (Sector, gettext_lazy("sector")),
    "area": (AreaOfWork, gettext_lazy("area of work")),
    "form": (TraffickingForm, gettext_lazy("form of trafficking")),
    "population": (Population, gettext_lazy("population")),
}


class ImportContext:
    def __init__(self, actor):
        self.actor = actor
        self.is_admin = perms.is_admin(actor)
        self.coordinated = perms.coordinated_coalition_ids(actor)
        self._vocab: dict[str, dict[str, object]] = {}
        self._orgs: dict[str, Organization] | None = None
        self._coalitions: dict[str, Coalition] | None = None
        self._partnerships: dict[str, list[Partnership]] | None = None
        self.seen: dict[object, int] = {}  # row keys met so far in this file -> their line

    # --- vocabularies ---------------------------------------------------------------------

    def term(self, vocabulary: str, raw: str):
        model, label = VOCABULARIES[vocabulary]
        if vocabulary not in self._vocab:
            index: dict[str, object] = {}
            for obj in model.objects.all():
                index[obj.slug.lower()] = obj
                index[obj.name.lower()] = obj
            self._vocab[vocabulary] = index
        index = self._vocab[vocabulary]
        value = text(raw)
        found = index.get(value.lower())
        if found is None:
            slugs = sorted({o.slug for o in index.values()})
            raise CellError(
                _("Unknown %(what)s %(value)r.") % {"what": label, "value": value}
                + did_you_mean(suggestions(value, slugs))
            )
        return found

    def terms(self, vocabulary: str, values: list[str]) -> list:
        found, errors = [], []
        for value in values:
            try:
                found.append(self.term(vocabulary, value))
            except CellError as exc:
                errors.append(str(exc))
        if errors:
            raise CellError(" ".join(errors))
        return found

    # --- organisations --------------------------------------------------------------------

    @property
    def organizations(self) -> dict[str, Organization]:
        if self._orgs is None:
            self._orgs = {
                o.slug: o for o in perms.organizations_visible_to(self.actor).select_related("primary_sector")
            }
        return self._orgs

    def organization_by_name(self, name: str) -> Organization | None:
        wanted = name.strip().lower()
        matches = [o for o in self.organizations.values() if o.name.lower() == wanted]
        return matches[0] if len(matches) == 1 else None

    def organization(self, raw: str) -> Organization:
        value = text(raw)
        found = self.organizations.get(value) or self.organizations.get(value.lower())
        if found is None:
            found = self.organization_by_name(value)
        if found is None:
            by_name = {o.name.lower(): o.slug for o in self.organizations.values()}
            close = suggestions(value, list(self.organizations) + list(by_name))
            options = list(dict.fromkeys(by_name.get(c, c) for c in close))
            raise CellError(_("No organisation %(value)r.") % {"value": value} + did_you_mean(options))
        return found

    def remember_organization(self, organization: Organization) -> None:
        self.organizations[organization.slug] = organization

    # --- coalitions and partnerships ------------------------------------------------------

    def coalition(self, raw: str, *, for_writing: bool = True) -> Coalition:
        if self._coalitions is None:
            self._coalitions = {c.slug: c for c in perms.coalitions_visible_to(self.actor)}
        value = text(raw)
        found = self._coalitions.get(value) or self._coalitions.get(value.lower())
        if found is None:
            found = next((c for c in self._coalitions.values() if c.name.lower() == value.lower()), None)
        if found is None:
            raise CellError(
                _("No coalition %(value)r.") % {"value": value} + did_you_mean(suggestions(value, self._coalitions))
            )
        if for_writing and not self.is_admin and found.pk not in self.coordinated:
            raise CellError(_("You can import only into coalitions you coordinate."))
        return found

    @property
    def partnerships(self) -> dict[str, list[Partnership]]:
        if self._partnerships is None:
            index: dict[str, list[Partnership]] = {}
            for p in perms.partnerships_visible_to(self.actor).prefetch_related("organizations"):
                index.setdefault(p.title.lower(), []).append(p)
            self._partnerships = index
        return self._partnerships

    def partnership_by_title(self, raw: str) -> Partnership:
        value = text(raw)
        matches = self.partnerships.get(value.lower(), [])
        if len(matches) > 1:
            raise CellError(_("Several partnerships are called %(value)r; rename one first.") % {"value": value})
        if not matches:
            titles = {p.title.lower(): p.title for ps in self.partnerships.values() for p in ps}
            close = [titles[c] for c in suggestions(value, titles)]
            raise CellError(_("No partnership %(value)r.") % {"value": value} + did_you_mean(close))
        return matches[0]

    def remember_partnership(self, partnership: Partnership) -> None:
        bucket = self.partnerships.setdefault(partnership.title.lower(), [])
        if partnership not in bucket:
            bucket.append(partnership)
