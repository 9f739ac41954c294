"""The directory search on PostgreSQL: the `unaccent` and `pg_trgm` extensions, `ct_unaccent()`
and a full-text (GIN) index over each organisation's name, acronym, city and description.

`ct_unaccent(text)` is lower(unaccent(text)) declared IMMUTABLE, so it may be used in indexes and
folds the same way whatever the session's search_path (the dictionary is named with the schema
the extension lives in). On SQLite this migration does nothing: the search registers Python
functions of the same names on each connection (partners.selectors.search).
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION ct_unaccent(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT lower({schema}.unaccent('{schema}.unaccent'::regdictionary, value)) $$
"""

# The expression partners.selectors.search matches with `@@` (DOCUMENT_SQL): they must stay equal
# for PostgreSQL to use the index.
INDEX = """
CREATE INDEX IF NOT EXISTS partners_organization_search ON partners_organization USING gin ((
    to_tsvector('simple'::regconfig, ct_unaccent(COALESCE(name, '') || ' ' || COALESCE(acronym, '')
    || ' ' || COALESCE(city, '') || ' ' || COALESCE(description, '')))
))
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Both are "trusted" extensions since PostgreSQL 13: the database's owner may create them.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            "WHERE e.extname = 'unaccent'"
        )
        (schema,) = cursor.fetchone()
    schema_editor.execute(FUNCTION.format(schema=schema_editor.quote_name(schema)))
    schema_editor.execute(INDEX)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The extensions stay: other objects of the database may use them.
    schema_editor.execute("DROP INDEX IF EXISTS partners_organization_search")
    schema_editor.execute("DROP FUNCTION IF EXISTS ct_unaccent(text)")


class Migration(migrations.Migration):
    dependencies = [("partners", "0009_colour_vision_safe_sector_colours")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
