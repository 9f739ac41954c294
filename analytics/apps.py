"""App configuration for the analytics app."""

from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "analytics"
    verbose_name = "Analytics"

    def ready(self) -> None:
        # The collaboration pairs are one of the stand-alone exports (/imports/exports/pairs.csv).
        from analytics.exports import register_pairs_export

        register_pairs_export()
