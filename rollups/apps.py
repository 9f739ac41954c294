"""App configuration for the rollups app."""

from django.apps import AppConfig


class RollupsConfig(AppConfig):
    name = "rollups"
