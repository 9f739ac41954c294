"""App configuration for the reports app."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
