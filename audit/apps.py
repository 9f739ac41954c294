"""App configuration for the audit app."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
