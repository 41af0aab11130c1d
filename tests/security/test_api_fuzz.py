"""Schemathesis fuzzes every operation of /api/v1/openapi.json with the token of each role of the
test cast (and none): whatever it sends, the API answers without a 5xx and, where the schema
documents the status (every 4xx is, with its problem body), with a body that matches it."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from xaso.accounts.services import api_token_issue
from xaso.places.loader import places_load
from xaso.places.models import Commune, Province
from xaso.wsgi import application


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Schemathesis calls the WSGI app directly, which closes old connections when a request ends;
    inside the test's transaction that closes the test database connection. Django's own test
    client disconnects this handler the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Every role of the cast; the fast run takes the three that reach the most (no token, a citizen,
# the system admin), the rest run with `-m slow` (CI's full run).
FAST_ROLES = ["anonymous", "citizen", "system_admin"]
SLOW_ROLES = [
    "one_stop_officer",
    "specialist",
    "commune_leader",
    "clerk",
    "village_head",
    "province_supervisor",
]
ROLES = FAST_ROLES + [pytest.param(role, marks=pytest.mark.slow) for role in SLOW_ROLES]


@pytest.fixture(scope="module")
def official_places(django_db_setup, django_db_blocker):
    """The official list of provinces and communes, so that fuzzed codes reach real places: loaded
    and committed once for the module (loading 3,321 communes for each case cost more than the
    case), then the rows it added are deleted. Each case still runs in its own rolled-back
    transaction on top of them."""
    with django_db_blocker.unblock():
        provinces = set(Province.objects.values_list("code", flat=True))
        communes = set(Commune.objects.values_list("code", flat=True))
        places_load()
    yield
    with django_db_blocker.unblock():
        Commune.objects.exclude(code__in=communes).delete()
        Province.objects.exclude(code__in=provinces).delete()


@pytest.fixture(params=ROLES)
def bearer(request, official_places, commune, village, citizen):
    """The role's token, so fuzzing gets past authentication into the handlers as each role."""
    if request.param == "anonymous":
        return {}
    user = request.getfixturevalue(request.param)
    return {"Authorization": f"Bearer {api_token_issue(user=user, name='fuzz')}"}


# Generating the schema touches no database: it is safe at import.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("XASO_SCHEMATHESIS_EXAMPLES", "6")),
    derandomize=True,  # the same examples every run: CI never flakes on a lucky draw
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_no_operation_answers_5xx_or_off_schema(case, bearer):
    case.call_and_validate(
        headers=bearer,
        checks=[
            not_a_server_error,
            response_schema_conformance,
            content_type_conformance,
            status_code_conformance,
        ],
    )
