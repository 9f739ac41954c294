"""The system checks (which `migrate` runs too) find nothing to warn about in the analytics models."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_check_reports_no_warnings_for_the_analytics_models():
    out = io.StringIO()
    # --database runs the database-dependent model checks too (covering indexes among them).
    call_command("check", "analytics", "--database", "default", "--fail-level", "WARNING", stdout=out, stderr=out)
    assert "System check identified no issues" in out.getvalue()
    assert "W040" not in out.getvalue()
