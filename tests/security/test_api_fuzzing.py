"""Fuzz the API against its own OpenAPI schema (schemathesis, in-process over WSGI).

Every operation of /api/schema/ gets generated requests, as an admin and as a member, with a
bounded number of examples so the run takes a minute or two. A failure is a 5xx or a response
that contradicts the schema (status code, content type, headers or body). FUZZ_EXAMPLES raises
the number of examples per operation for a longer run.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from partners.services.accounts import api_token_create
from tests import factories as f

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """Calling the WSGI handler directly fires request_started/finished, whose
    close_old_connections would close the test's connection inside its transaction (on
    PostgreSQL every later query then fails). Django's test client disconnects it the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _seed(world) -> None:
    """A little of everything, so reads return rows and details exist."""
    f.contact(world.org_a, "Robin Staff", email="robin@example.org")
    f.partnership([world.org_a, world.org_b], coalition=world.coalition_a)
    f.meeting([world.org_a, world.org_b], coalition=world.coalition_a, hosts=[world.org_a])
    f.meeting([world.org_a, world.org_c], visibility="participants")


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["admin", "member"])
def test_the_api_answers_every_generated_request_within_its_schema(
    world, persona, capsys, wsgi_keeps_the_test_connection
):
    from coalition.wsgi import application

    _seed(world)
    _token, key = api_token_create(actor=getattr(world, persona), name="fuzz")
    headers = {"Authorization": f"Token {key}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    failures: list[str] = []
    calls: Counter[str] = Counter()
    operations = 0

    def fuzzer(strategy, label: str):
        @given(case=strategy)
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case) -> None:
            response = case.call(headers=headers)
            calls[label] += 1
            case.validate_response(response, checks=CHECKS, headers=headers)

        return run

    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        try:
            fuzzer(operation.as_strategy(), operation.label)()
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 -- collect every failure, report all
            failures.append(f"{operation.label}: {str(exc).strip()[:1500]}")
    with capsys.disabled():
        print(
            f"\nschemathesis ({persona}): {operations} operations, {sum(calls.values())} requests, "
            f"{len(failures)} failing operations"
        )
    assert operations > 10
    assert not failures, "\n\n".join(failures)
