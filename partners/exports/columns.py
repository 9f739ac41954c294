"""Column specs of every exportable list, shared by the CSV and XLSX writers and by the importer.

The header of each column is also the name the importer reads, so an exported file imports back
as it is. Related objects are written by slug (partnerships, which have none, by title), lists
of values are joined with "; ", and a meeting's participants are written as
`organisation-slug:role` or `organisation-slug:role:attendees`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from partners.exports.cells import as_text, join_list, neutralise

CHUNK_SIZE = 500
# Rows per chunk of the meetings' CSV fast path: one participations query per chunk.
TEXT_CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Column:
    """One column: its header and how to read its value from a row object."""

    name: str
    get: Callable[[Any], Any]
    help: str = ""


@dataclass(frozen=True)
class Resource:
    """An exportable list: its columns and how to turn a queryset into row objects."""

    name: str
    title: str
    columns: tuple[Column, ...]
    # Turns the caller's queryset into row objects, lazily; `request` gives the viewer.
    rows: Callable[[QuerySet, Any], Iterator[Any]] = field(default=None)  # type: ignore[assignment]
    # Optional CSV fast path: the cells as text straight from the queryset, for lists large
    # enough that building model instances row by row would dominate the download. It must
    # write exactly what the columns would (tests compare the two).
    text_rows: Callable[[QuerySet, Any], Iterator[Sequence[str]]] | None = None

    @property
    def headers(self) -> list[str]:
        return [c.name for c in self.columns]

    def iter_rows(self, queryset: QuerySet, request) -> Iterator[Any]:
        if self.rows is not None:
            return self.rows(queryset, request)
        # iterator() keeps memory flat; with a chunk size Django still runs the prefetches per chunk.
        return queryset.iterator(chunk_size=CHUNK_SIZE)

    def values(self, obj: Any) -> list[Any]:
        return [c.get(obj) for c in self.columns]

    def iter_text_rows(self, queryset: QuerySet, request) -> Iterator[Sequence[str]]:
        """The CSV cells of each row, lazily."""
        if self.text_rows is not None:
            return self.text_rows(queryset, request)
        return ([as_text(v) for v in self.values(obj)] for obj in self.iter_rows(queryset, request))


def _slugs(manager) -> str:
    """Slugs of a prefetched many-to-many, in a stable order."""
    return join_list(sorted(o.slug for o in manager.all()))


def _attr(name: str) -> Callable[[Any], Any]:
    def get(obj: Any) -> Any:
        value = obj
        for part in name.split("."):
            value = getattr(value, part, None)
            if value is None:
                return None
        return value

    return get


def _country(obj) -> str:
    return obj.country.code if obj.country else ""


def _participants(meeting) -> str:
    parts = []
    # Hosts first, then by slug: a stable order, so an unchanged meeting exports identically.
    for p in sorted(meeting.participations.all(), key=lambda p: (p.role != "host", p.organization.slug)):
        text = f"{p.organization.slug}:{p.role}"
        if p.attendees is not None:
            text += f":{p.attendees}"
        parts.append(text)
    return join_list(parts)


ORGANIZATIONS = Resource(
    name="organizations",
    title="Organisations",
    columns=(
        Column("slug", _attr("slug"), "Unique short name; matches an existing organisation."),
        Column("name", _attr("name")),
        Column("acronym", _attr("acronym")),
        Column("primary_sector", _attr("primary_sector.slug"), "A sector slug."),
        Column("sectors", lambda o: _slugs(o.sectors), "Sector slugs separated by ';'."),
        Column("description", _attr("description")),
        Column("website", _attr("website")),
        Column("email", _attr("email"), "An office address, not a person's."),
        Column("phone", _attr("phone")),
        Column("city", _attr("city")),
        Column("region", _attr("region")),
        Column("country", _country, "ISO 3166 code, e.g. US."),
        Column("areas_of_work", lambda o: _slugs(o.areas_of_work)),
        Column("trafficking_forms", lambda o: _slugs(o.trafficking_forms)),
        Column("populations", lambda o: _slugs(o.populations)),
        Column("founded_year", _attr("founded_year")),
        Column("staff_size", _attr("staff_size")),
        Column("budget_band", _attr("budget_band")),
        Column("survivor_led", _attr("survivor_led"), "yes or no."),
        Column("visibility", _attr("visibility"), "public or members."),
        Column("is_active", _attr("is_active"), "yes or no."),
    ),
)

COALITIONS = Resource(
    name="coalitions",
    title="Coalitions",
    columns=(
        Column("slug", _attr("slug")),
        Column("name", _attr("name")),
        Column("kind", _attr("kind")),
        Column("scope", _attr("scope")),
        Column("countries", lambda c: join_list(country.code for country in c.countries)),
        Column("founded_on", _attr("founded_on")),
        Column("description", _attr("description")),
    ),
)

CONTACTS = Resource(
    name="contacts",
    title="Contacts",
    columns=(
        Column("organization", _attr("organization.slug"), "The organisation's slug."),
        Column("name", _attr("name")),
        Column("title", _attr("title")),
        Column("email", _attr("email")),
        Column("phone", _attr("phone")),
        Column("visibility", _attr("visibility"), "coalitions (the default) or signed_in."),
    ),
)

MEMBERSHIPS = Resource(
    name="memberships",
    title="Memberships",
    columns=(
        Column("coalition", _attr("coalition.slug"), "The coalition's slug."),
        Column("organization", _attr("organization.slug"), "The organisation's slug."),
        Column("role", _attr("role"), "lead, co_chair, member or observer."),
        Column("start_date", _attr("start_date"), "YYYY-MM-DD."),
        Column("end_date", _attr("end_date"), "YYYY-MM-DD; empty while current."),
    ),
)

PARTNERSHIPS = Resource(
    name="partnerships",
    title="Partnerships",
    columns=(
        Column("title", _attr("title")),
        Column("kind", _attr("kind")),
        Column("status", _attr("status")),
        Column("organizations", lambda p: _slugs(p.organizations), "Two or more organisation slugs separated by ';'."),
        Column("coalition", _attr("coalition.slug")),
        Column("start_date", _attr("start_date")),
        Column("end_date", _attr("end_date")),
        Column("renewal_date", _attr("renewal_date")),
        Column("description", _attr("description")),
    ),
)


def _text(value: str | None) -> str:
    return "" if value is None else neutralise(value)


def _meeting_text_rows(queryset: QuerySet, request) -> Iterator[list[str]]:
    """The meetings' CSV cells from two flat queries per chunk of 2,000 meetings (the meetings,
    then their participants), without model instances: what `MEETINGS.columns` would write,
    at a fraction of the cost per row. Order and filters are the queryset's own."""
    rows = queryset.prefetch_related(None).values_list(
        "id", "date", "title", "kind", "coalition__slug", "partnership__title",
        "duration_minutes", "visibility", "outcomes",
    )  # fmt: skip
    chunk: list[tuple] = []
    for row in rows.iterator(chunk_size=TEXT_CHUNK_SIZE):
        chunk.append(row)
        if len(chunk) >= TEXT_CHUNK_SIZE:
            yield from _meeting_text_chunk(chunk)
            chunk = []
    if chunk:
        yield from _meeting_text_chunk(chunk)


def _meeting_text_chunk(chunk: list[tuple]) -> Iterator[list[str]]:
    from partners.models import Participation

    people: dict[int, list[tuple]] = defaultdict(list)
    participations = (
        Participation.objects.filter(meeting_id__in=[row[0] for row in chunk])
        .order_by()  # sorted below; the default order would join the meetings again
        .values_list("meeting_id", "organization__slug", "role", "attendees")
    )
    for meeting_id, slug, role, attendees in participations:
        text = f"{slug}:{role}" if attendees is None else f"{slug}:{role}:{attendees}"
        people[meeting_id].append((role != "host", slug, text))
    for meeting_id, date, title, kind, coalition, partnership, duration, visibility, outcomes in chunk:
        parts = people.get(meeting_id)
        yield [
            date.isoformat(),
            _text(title),
            _text(kind),
            _text(coalition),
            _text(partnership),
            "" if duration is None else str(duration),
            _text(visibility),
            _text(outcomes),
            neutralise(join_list(p[2] for p in sorted(parts))) if parts else "",
        ]


MEETINGS = Resource(
    name="meetings",
    title="Meetings and activities",
    columns=(
        Column("date", _attr("date"), "YYYY-MM-DD."),
        Column("title", _attr("title")),
        Column("kind", _attr("kind")),
        Column("coalition", _attr("coalition.slug")),
        Column("partnership", _attr("partnership.title"), "The partnership's title."),
        Column("duration_minutes", _attr("duration_minutes")),
        Column("visibility", _attr("visibility"), "coalition or participants."),
        Column("outcomes", _attr("outcomes")),
        Column(
            "participants",
            _participants,
            "organisation-slug:role[:attendees] separated by ';', role host or participant.",
        ),
    ),
    text_rows=_meeting_text_rows,
)


def _action_item_coalition(item) -> str | None:
    coalition = item.coalition or (item.meeting.coalition if item.meeting else None)
    return coalition.slug if coalition else None


ACTION_ITEMS = Resource(
    name="action_items",
    title="Action items",
    columns=(
        Column("title", _attr("title")),
        Column("status", _attr("status"), "open, done or dropped."),
        Column("due_on", _attr("due_on"), "YYYY-MM-DD."),
        Column("owner_organization", _attr("owner_organization.slug")),
        Column("owner_user", _attr("owner_user.username")),
        Column("meeting_id", _attr("meeting_id")),
        Column("meeting_date", _attr("meeting.date"), "YYYY-MM-DD."),
        Column("meeting", _attr("meeting.title")),
        Column("coalition", _action_item_coalition),
        Column("closed_at", _attr("closed_at")),
    ),
)


RESOURCES: dict[str, Resource] = {
    r.name: r for r in (ORGANIZATIONS, COALITIONS, CONTACTS, MEMBERSHIPS, PARTNERSHIPS, MEETINGS, ACTION_ITEMS)
}


def register_resource(resource: Resource) -> None:
    """Add an exportable list kept by an app above this one (the analytics' pairs)."""
    RESOURCES[resource.name] = resource


def get_resource(name: str | Resource) -> Resource:
    if isinstance(name, Resource):
        return name
    try:
        return RESOURCES[name]
    except KeyError:
        raise ValueError(f"Unknown export resource {name!r}; use one of {', '.join(RESOURCES)}.") from None


def iter_values(resource: Resource, objects: Iterable[Any]) -> Iterator[list[Any]]:
    for obj in objects:
        yield resource.values(obj)
