"""App configuration for the notifications app: it listens for meeting changes when it starts."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from partners import events

        # The meeting listener registry arrives with the meeting planning of issue 14; until then
        # there is nothing to listen to.
        register = getattr(events, "meeting_listener_register", None)
        if register is not None:
            from notifications.listeners import meeting_changes_queue

            register(meeting_changes_queue)
