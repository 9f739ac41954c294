"""App configuration for the audit app."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from audit import signals  # noqa: F401  (connects the receivers)
        from audit.events import record_domain_event, record_export
        from partners.events import event_recorder_register
        from partners.exports.response import export_recorder_register

        export_recorder_register(record_export)
        event_recorder_register(record_domain_event)
