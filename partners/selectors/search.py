"""Text search over the directory: `organizations_matching`, the one selector behind the `q`
parameter of the directory page, the organisations API, the exports of the filtered directory
and the organisation type-ahead.

What matches: every word of the query must be found somewhere in the organisation's name,
acronym, city, description or the names of its sectors (and their translations, when the sector
model has `name_<language>` columns). Accents and case are ignored ("cafe" finds "CAFÉ"). A word
of three characters or more also matches the start of a longer word ("shelter" finds
"Shelters"); a shorter word must match a whole word, so "org c" does not find every word that
starts with a c. On PostgreSQL a word of four characters or more that finds no organisation
is taken for a typo: it matches the words of names, acronyms, cities and sector names whose
start is similar to it (pg_trgm similarity of 0.3 or more: "shleter" finds the shelters).

How it ranks: for each word, 4 points if it is in the name or acronym, 2 if in the city, 2 if
in a sector name, 1 if in the description; 8 more when the whole query is the name or the
acronym. A typo match adds at most half a point, so it always ranks below an exact or prefix
match. Ties are sorted by the name without accents or capitals.

The same matching is written twice, each in the database's own terms, and the tests run the
same cases on both. PostgreSQL finds the rows by full-text search over `ct_unaccent()` (an
immutable wrapper around the `unaccent` extension, created by migration 0010 with `pg_trgm` and
a GIN index on the very expression `_DocumentHolds` matches) and ranks them with word-start
regular expressions per field; SQLite uses LIKE on `ct_search_text()`, a Python function
registered on each new connection (see `partners.apps`), for both.
"""

from __future__ import annotations

import re
import unicodedata

from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Greatest

from partners.models import Organization, Sector

SEARCH_MAX_LENGTH = 200
SEARCH_MAX_WORDS = 8  # a long query is cut to its first words, so one request costs a bounded amount
PREFIX_MIN_LENGTH = 3
FUZZY_MIN_LENGTH = 4
FUZZY_THRESHOLD = 0.3  # pg_trgm's own default; similarity("shleter", "shelter") is 0.33

NAME_POINTS = 4.0
CITY_POINTS = 2.0
SECTOR_POINTS = 2.0
DESCRIPTION_POINTS = 1.0
EXACT_POINTS = 8.0
FUZZY_POINTS = 0.5  # times the similarity, so below the 1 point of the weakest exact match

# Letters that lose nothing to Unicode decomposition but that PostgreSQL's unaccent folds.
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})
_WORD = re.compile(r"[^\W_]+")


def search_fold(value: str) -> str:
    """Lower case without accents ("CAFÉ" → "cafe"): what `ct_unaccent()` does in the database."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_FOLD)


def search_words(text: str) -> list[str]:
    """The distinct words of a query, folded, at most SEARCH_MAX_WORDS of them."""
    words: list[str] = []
    for word in _WORD.findall(search_fold(text)):
        if word not in words:
            words.append(word)
    return words[:SEARCH_MAX_WORDS]


def search_text(value: str | None) -> str:
    """A field's folded words between single spaces, with a space at each end, so that
    `LIKE '% word%'` finds a word or the start of one (SQLite's `ct_search_text()`)."""
    return " " + " ".join(_WORD.findall(search_fold(value or ""))) + " "


def _fold_or_none(value: str | None) -> str | None:
    return None if value is None else search_fold(value)


def sqlite_functions_register(sender, connection, **kwargs) -> None:
    """Give each new SQLite connection the functions the search uses (a `connection_created`
    receiver; PostgreSQL gets its own `ct_unaccent()` from migration 0010)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("ct_unaccent", 1, _fold_or_none, deterministic=True)
        connection.connection.create_function("ct_search_text", 1, search_text, deterministic=True)


class _WordIn(Func):
    """True when the text expression holds `word` (a folded word of the query), as a whole word
    or, for words of PREFIX_MIN_LENGTH characters or more, as the start of a word. Used for the
    ranking (and to match on SQLite): a regular expression on PostgreSQL, LIKE on SQLite."""

    output_field = BooleanField()

    def __init__(self, expression, *, word: str):
        super().__init__(expression)
        self.word = word

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        prefix = len(self.word) >= PREFIX_MIN_LENGTH
        if connection.vendor == "postgresql":
            # The word holds letters and digits only: nothing in it is special to a regex.
            pattern = rf"\m{self.word}" if prefix else rf"\m{self.word}\M"
            return f"ct_unaccent({sql}) ~ %s", [*params, pattern]
        pattern = f"% {self.word}%" if prefix else f"% {self.word} %"
        return f"ct_search_text({sql}) LIKE %s", [*params, pattern]


# The organisation's own words as one document; migration 0010 indexes this very expression
# (GIN), so PostgreSQL finds the rows holding a word without reading every description.
DOCUMENT_SQL = (
    "to_tsvector('simple'::regconfig, ct_unaccent(COALESCE({name}, '') || ' ' || COALESCE({acronym}, '') "
    "|| ' ' || COALESCE({city}, '') || ' ' || COALESCE({description}, '')))"
)


class _DocumentHolds(Func):
    """PostgreSQL full-text match: the name, acronym, city or description holds `word` (as a whole
    word, or as the start of one for words of PREFIX_MIN_LENGTH characters or more)."""

    output_field = BooleanField()

    def __init__(self, *, word: str):
        super().__init__(F("name"), F("acronym"), F("city"), F("description"))
        self.word = word

    def as_sql(self, compiler, connection, **extra_context):
        columns, params = {}, []
        for name, expression in zip(("name", "acronym", "city", "description"), self.source_expressions, strict=True):
            columns[name], column_params = compiler.compile(expression)
            params += column_params
        # The word holds letters and digits only, so it cannot carry tsquery operators.
        query = f"{self.word}:*" if len(self.word) >= PREFIX_MIN_LENGTH else self.word
        return f"{DOCUMENT_SQL.format(**columns)} @@ to_tsquery('simple'::regconfig, %s)", [*params, query]


class _AnyOf(Func):
    """`pk IN (subquery)`, written `pk = ANY(ARRAY(subquery))` on PostgreSQL: the array is computed
    once and looked up in the primary key's index, so it combines with the full-text index."""

    output_field = BooleanField()

    def __init__(self, queryset: QuerySet):
        super().__init__(F("pk"), Subquery(queryset))

    def as_sql(self, compiler, connection, **extra_context):
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        subquery_sql, subquery_params = compiler.compile(self.source_expressions[1])
        if connection.vendor == "postgresql":
            return f"{pk_sql} = ANY(ARRAY{subquery_sql})", [*pk_params, *subquery_params]
        return f"{pk_sql} IN {subquery_sql}", [*pk_params, *subquery_params]


class _Unaccent(Func):
    function = "ct_unaccent"


def _sector_name_fields() -> list[str]:
    """`name` and its translations (`name_es`, ... when django-modeltranslation adds them)."""
    return [f.attname for f in Sector._meta.concrete_fields if f.name == "name" or f.name.startswith("name_")]


def _any(conditions: list) -> Q:
    combined = Q()
    for condition in conditions:
        combined |= Q(condition)
    return combined


def _points(condition, points: float) -> Case:
    return Case(When(condition, then=Value(points)), default=Value(0.0))


def organizations_matching(*, queryset: QuerySet[Organization], text: str) -> QuerySet[Organization]:
    """The organisations of `queryset` that match `text`, best first, annotated `search_rank`.

    `queryset` is already restricted to what the viewer may see (a selector of
    partners.selectors.directory), so a search never widens it. An empty query returns it as is.
    """
    words = search_words(text[:SEARCH_MAX_LENGTH])
    if not words:
        return queryset
    postgresql = connections[queryset.db].vendor == "postgresql"
    visible = queryset.order_by()
    sector_fields = _sector_name_fields()
    points = []
    condition = Q()
    for word in words:
        sectors = Sector.objects.filter(_any([_WordIn(F(name), word=word) for name in sector_fields]))
        in_sector = _AnyOf(Organization.sectors.through.objects.filter(sector__in=sectors).values("organization_id"))
        in_name = Q(_WordIn(F("name"), word=word)) | Q(_WordIn(F("acronym"), word=word))
        in_city = _WordIn(F("city"), word=word)
        in_description = _WordIn(F("description"), word=word)
        points += [
            _points(in_name, NAME_POINTS),
            _points(in_city, CITY_POINTS),
            _points(in_sector, SECTOR_POINTS),
            _points(in_description, DESCRIPTION_POINTS),
        ]
        if not postgresql:
            condition &= in_name | Q(in_city) | Q(in_sector) | Q(in_description)
            continue
        found = Q(_DocumentHolds(word=word)) | Q(in_sector)
        if len(word) >= FUZZY_MIN_LENGTH:
            # Only a word that finds no organisation as it is typed is taken for a typo, so a
            # search that finds something gives the same results on PostgreSQL and SQLite.
            found_somewhere = Exists(visible.filter(found))
            similarity = _BestWordSimilarity(F("name"), F("acronym"), F("city"), word=word)
            similar_sectors = Sector.objects.filter(
                _any([_AtLeast(_BestWordSimilarity(F(name), word=word), FUZZY_THRESHOLD) for name in sector_fields])
            )
            in_similar_sector = _AnyOf(
                Organization.sectors.through.objects.filter(sector__in=similar_sectors).values("organization_id")
            )
            typo = Q(_AtLeast(similarity, FUZZY_THRESHOLD)) | Q(in_similar_sector)
            typos = visible.filter(~found_somewhere).filter(typo).values("pk")
            # A typo earns half its similarity (a similar sector name counts as the threshold).
            typo_points = Greatest(
                similarity, Case(When(in_similar_sector, then=Value(FUZZY_THRESHOLD)), default=Value(0.0))
            ) * Value(FUZZY_POINTS)
            points.append(Case(When(found_somewhere, then=Value(0.0)), default=typo_points))
            found |= Q(_AnyOf(typos))
        condition &= found
    phrase = " ".join(search_fold(text[:SEARCH_MAX_LENGTH]).split())
    exact = Q(_Equals(_Unaccent(F("name")), phrase)) | Q(_Equals(_Unaccent(F("acronym")), phrase))
    points.append(_points(exact, EXACT_POINTS))
    rank = points[0]
    for term in points[1:]:
        rank = rank + term
    return (
        queryset.filter(condition)
        .annotate(search_rank=ExpressionWrapper(rank, output_field=FloatField()))
        # Ties by the folded name, so "Café" sorts with "Cafe" and the order is the same on both databases.
        .order_by("-search_rank", _Unaccent(F("name")), "pk")
    )


class _BestWordSimilarity(Func):
    """PostgreSQL: the highest pg_trgm similarity between `word` and the start of a word of the
    text expressions (folded), 0 when they hold no word."""

    output_field = FloatField()

    def __init__(self, *expressions, word: str):
        super().__init__(*expressions)
        self.word = word

    def as_sql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for expression in self.source_expressions:
            sql, expression_params = compiler.compile(expression)
            parts.append(sql)
            params += expression_params
        text = f"concat_ws(' ', {', '.join(parts)})"
        # Only compiled column SQL is put in the string; the word travels as a parameter.
        return (
            "(SELECT COALESCE(max(similarity(%s, left(lexeme, %s))), 0) FROM unnest(tsvector_to_array("  # noqa: S608
            f"to_tsvector('simple'::regconfig, COALESCE(ct_unaccent({text}), '')))) AS lexeme)",
            [self.word, len(self.word), *params],
        )


class _AtLeast(Func):
    output_field = BooleanField()

    def __init__(self, expression, limit: float):
        super().__init__(expression, Value(limit))
        self.template = "%(expressions)s"
        self.arg_joiner = " >= "


class _Equals(Func):
    output_field = BooleanField()

    def __init__(self, expression, value: str):
        super().__init__(expression, Value(value))
        self.template = "%(expressions)s"
        self.arg_joiner = " = "
