"""App configuration for the partners domain."""

from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Coalition partners"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from partners.selectors.search import sqlite_functions_register

        # SQLite has no unaccent: the directory search registers its own functions per connection.
        connection_created.connect(sqlite_functions_register, dispatch_uid="partners.search.sqlite")
