"""The Coalition Tracker Django project: settings, URLs, the WSGI/ASGI entry points and the Celery app."""

from coalition.celery import app as celery_app

__all__ = ("celery_app",)
