"""App configuration for the imports app."""

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "imports"
