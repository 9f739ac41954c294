"""App configuration for the health app."""

from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "health"
    verbose_name = "Partnership health"
