"""The demo app: it sits above every other app, since seeding the demo composes all of them."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
    verbose_name = "Demo region"
