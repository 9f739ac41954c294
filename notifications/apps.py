"""App configuration for the notifications app: it listens for meeting changes when it starts."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from notifications.listeners import meeting_changes_queue
        from partners.events import meeting_listener_register

        # Planning, changing or cancelling a meeting e-mails its invitees (notifications/invitations.py).
        meeting_listener_register(meeting_changes_queue)
