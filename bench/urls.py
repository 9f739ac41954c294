"""Benchmark URLs: the application's, plus a bare view that returns a fixed JSON body."""

from django.http import JsonResponse
from django.urls import include, path

BODY = {"status": "ok", "items": list(range(20))}


def bare(request):
    """The framework's floor: the whole middleware stack, no query of its own, fixed JSON."""
    return JsonResponse(BODY)


urlpatterns = [path("bench/bare/", bare), path("", include("coalition.urls"))]
