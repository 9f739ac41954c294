"""App configuration for the health app."""

from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "health"
    verbose_name = "Partnership health"

    def ready(self) -> None:
        from health import lifecycle  # noqa: F401  (connects the status-change handlers)
