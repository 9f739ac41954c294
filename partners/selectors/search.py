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
same cases on both: PostgreSQL uses full-text search over `ct_unaccent()` (an immutable wrapper
around the `unaccent` extension, created by migration 0010 with `pg_trgm`), SQLite uses LIKE on
`ct_search_text()`, a Python function registered on each new connection (see `partners.apps`).
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
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest

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
    or, for words of PREFIX_MIN_LENGTH characters or more, as the start of a word."""

    output_field = BooleanField()

    def __init__(self, expression, *, word: str):
        super().__init__(expression)
        self.word = word

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        prefix = len(self.word) >= PREFIX_MIN_LENGTH
        if connection.vendor == "postgresql":
            # The word holds letters and digits only, so it cannot carry tsquery operators.
            query = f"{self.word}:*" if prefix else self.word
            return (
                f"to_tsvector('simple'::regconfig, COALESCE(ct_unaccent({sql}), '')) "
                f"@@ to_tsquery('simple'::regconfig, %s)",
                [*params, query],
            )
        pattern = f"% {self.word}%" if prefix else f"% {self.word} %"
        return f"ct_search_text({sql}) LIKE %s", [*params, pattern]


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


def organizations_matching(*, queryset: QuerySet[Organization], text: str) -> QuerySet[Organization]:
    """The organisations of `queryset` that match `text`, best first, annotated `search_rank`.

    `queryset` is already restricted to what the viewer may see (a selector of
    partners.selectors.directory), so a search never widens it. An empty query returns it as is.
    """
    words = search_words(text[:SEARCH_MAX_LENGTH])
    if not words:
        return queryset
    postgresql = connections[queryset.db].vendor == "postgresql"
    sector_fields = _sector_name_fields()
    own_sectors = Sector.objects.filter(organizations=OuterRef("pk"))
    points = []
    condition = Q()
    for word in words:
        in_name = Q(_WordIn(F("name"), word=word)) | Q(_WordIn(F("acronym"), word=word))
        in_city = _WordIn(F("city"), word=word)
        in_sector = Exists(own_sectors.filter(_any([_WordIn(F(name), word=word) for name in sector_fields])))
        in_description = _WordIn(F("description"), word=word)
        found = in_name | Q(in_city) | Q(in_sector) | Q(in_description)
        points += [
            Case(When(in_name, then=Value(NAME_POINTS)), default=Value(0.0)),
            Case(When(in_city, then=Value(CITY_POINTS)), default=Value(0.0)),
            Case(When(in_sector, then=Value(SECTOR_POINTS)), default=Value(0.0)),
            Case(When(in_description, then=Value(DESCRIPTION_POINTS)), default=Value(0.0)),
        ]
        if postgresql and len(word) >= FUZZY_MIN_LENGTH:
            # Only a word that finds no organisation as it is typed is taken for a typo, so a
            # search that finds something gives the same results on PostgreSQL and SQLite.
            similarity = _typo_similarity(word, own_sectors, sector_fields)
            typo = Q(_AtLeast(similarity, FUZZY_THRESHOLD)) & ~Exists(queryset.filter(found).values("pk"))
            points.append(Case(When(found, then=Value(0.0)), default=similarity * Value(FUZZY_POINTS)))
            found |= typo
        condition &= found
    phrase = " ".join(search_fold(text[:SEARCH_MAX_LENGTH]).split())
    exact = Q(_Equals(_Unaccent(F("name")), phrase)) | Q(_Equals(_Unaccent(F("acronym")), phrase))
    points.append(Case(When(exact, then=Value(EXACT_POINTS)), default=Value(0.0)))
    rank = points[0]
    for term in points[1:]:
        rank = rank + term
    return (
        queryset.filter(condition)
        .annotate(search_rank=ExpressionWrapper(rank, output_field=FloatField()))
        # Ties by the folded name, so "Café" sorts with "Cafe" and the order is the same on both databases.
        .order_by("-search_rank", _Unaccent(F("name")), "pk")
    )


def _typo_similarity(word: str, own_sectors: QuerySet[Sector], sector_fields: list[str]):
    """The best trigram similarity of `word` to a word of the name, acronym, city or a sector
    name, each word cut to the length of `word` (so a typo in the start of a word counts too)."""
    own = _BestWordSimilarity(F("name"), F("acronym"), F("city"), word=word)
    best_sector = own_sectors.annotate(similarity=_BestWordSimilarity(*[F(name) for name in sector_fields], word=word))
    best_sector = best_sector.order_by("-similarity").values("similarity")[:1]
    return Greatest(own, Coalesce(Subquery(best_sector), Value(0.0)), output_field=FloatField())


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
