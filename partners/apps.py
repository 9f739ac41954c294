"""App configuration for the partners domain."""

from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Coalition partners"
