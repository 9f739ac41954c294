"""The read-replica router: writes and ordinary reads on `default`, analytics and exports on `replica`."""

from __future__ import annotations

import pytest
from django.db import connections
from django.test import RequestFactory

from coalition.db_routers import ReplicaRouter, replica_reads
from coalition.middleware import ReplicaReadsMiddleware
from partners.models import Meeting, Organization
from tests import factories as f


def test_the_test_settings_have_a_second_alias_mirroring_default():
    assert connections["replica"].settings_dict["TEST"]["MIRROR"] == "default"


def test_reads_use_default_unless_asked_for_the_replica():
    router = ReplicaRouter()
    assert router.db_for_read(Organization) == "default"
    with replica_reads():
        assert router.db_for_read(Organization) == "replica"
        assert router.db_for_write(Organization) == "default"
    assert router.db_for_read(Organization) == "default"


def test_without_a_replica_configured_reads_stay_on_default(settings):
    settings.DATABASES = {"default": settings.DATABASES["default"]}
    with replica_reads():
        assert ReplicaRouter().db_for_read(Organization) == "default"


def test_only_default_is_migrated():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "partners") is True
    assert router.allow_migrate("replica", "partners") is False


@pytest.mark.django_db(databases=["default", "replica"], transaction=True, serialized_rollback=True)
def test_querysets_inside_replica_reads_run_on_the_replica_and_see_committed_rows():
    org = f.organization("Replicated Org")
    with replica_reads():
        queryset = Organization.objects.filter(pk=org.pk)
        assert queryset.db == "replica"
        assert queryset.get().name == "Replicated Org"
        # Writes inside the block still go to default.
        org.name = "Renamed"
        org.save()
    assert Organization.objects.db_manager("default").get(pk=org.pk).name == "Renamed"


def test_the_middleware_routes_only_safe_requests_under_the_configured_paths(settings):
    settings.REPLICA_READ_PATHS = ["/analytics/"]
    seen = {}

    def view(request):
        seen[request.method, request.path] = ReplicaRouter().db_for_read(Meeting)
        from django.http import HttpResponse

        return HttpResponse()

    middleware = ReplicaReadsMiddleware(view)
    factory = RequestFactory()
    middleware(factory.get("/analytics/pairs/"))
    middleware(factory.post("/analytics/pairs/"))
    middleware(factory.get("/organizations/"))
    assert seen == {
        ("GET", "/analytics/pairs/"): "replica",
        ("POST", "/analytics/pairs/"): "default",
        ("GET", "/organizations/"): "default",
    }
