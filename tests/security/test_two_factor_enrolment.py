"""First sign-in of an admin or coordinator under the production default: enrolment before anything else."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
import segno
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditAction, AuditEvent, RecoveryCode
from tests import factories as f
from tests.security.test_two_factor import code_for, sign_in

pytestmark = pytest.mark.django_db
SETUP, VERIFY, CODES = "/account/two-factor/", "/account/two-factor/verify/", "/account/two-factor/recovery-codes/"


@pytest.fixture(autouse=True)
def _production_default(settings):
    settings.TWO_FACTOR_REQUIRED_FOR = ["admin", "coordinator"]  # what production gets with no setting
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def new_coordinator(world):
    return f.user("new-coordinator", coordinates=[world.coalition_a])


def land(client: Client, path: str) -> Client:
    """Follow redirects from `path` and return the response of the page the user lands on."""
    return client.get(path, follow=True)


def enrol(client: Client, user, *, follow: bool = False):
    """Open the enrolment page (which makes the key at once) and confirm it with the app's first code."""
    page = client.get(SETUP)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return device, client.post(SETUP, {"token": code_for(device), "next": "/organizations/"}, follow=follow)


def test_first_sign_in_of_a_new_coordinator_lands_on_enrolment_with_the_key_to_type(new_coordinator):
    client = Client()
    response = client.post(reverse("login"), {"username": "new-coordinator", "password": "pw-for-tests-1"}, follow=True)
    assert response.redirect_chain[-1][0].startswith(SETUP)
    body = response.content.decode()
    assert "Your role requires two-factor sign-in" in body
    device = TOTPDevice.objects.get(user=new_coordinator, confirmed=False)
    assert response.context["secret"].replace(" ", "") in device.config_url
    assert 'id="totp-secret"' in body and "Sign out" in body


def test_the_enrolment_page_shows_the_set_up_link_of_this_device_as_a_qr_code(new_coordinator):
    client = Client()
    response = client.post(reverse("login"), {"username": "new-coordinator", "password": "pw-for-tests-1"}, follow=True)
    body = response.content.decode()
    device = TOTPDevice.objects.get(user=new_coordinator, confirmed=False)
    # The same link drawn independently: its modules' path must be the one on the page.
    path = segno.make(device.config_url, error="m").svg_inline(scale=4, border=4).split(' d="')[1].split('"')[0]
    assert body.count("<svg") >= 1 and f'd="{path}"' in body
    assert "QR code of the set-up link" in body  # the code's text equivalent
    other = segno.make(device.config_url.replace("secret=", "secret=A"), error="m")
    assert other.svg_inline(scale=4, border=4).split(' d="')[1].split('"')[0] != path


@pytest.mark.parametrize("path", ["/", "/organizations/", "/account/", "/admin/", "/coalitions/"])
def test_until_enrolled_no_page_of_the_site_opens(new_coordinator, path):
    client = sign_in("new-coordinator")
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)


def test_until_enrolled_the_api_refuses_the_session(new_coordinator):
    client = sign_in("new-coordinator")
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 403
    assert "second factor" in response.json()["detail"]


def test_an_admin_is_walked_through_enrolment_too(world):
    client = sign_in("admin")
    assert land(client, "/").redirect_chain[-1][0].startswith(SETUP)


def test_signing_out_is_always_possible_before_enrolling(new_coordinator):
    client = sign_in("new-coordinator")
    client.post(reverse("logout"))
    assert client.get("/account/")["Location"].startswith(reverse("login"))


def test_enrolment_with_a_correct_code_shows_the_recovery_codes_exactly_once(new_coordinator):
    client = sign_in("new-coordinator")
    device, response = enrol(client, new_coordinator)
    assert response.status_code == 302 and response["Location"].startswith(CODES)
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(actor=new_coordinator, action=AuditAction.TWO_FACTOR).exists()
    shown = client.get(response["Location"])
    codes = shown.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    body = shown.content.decode()
    assert all(code in body for code in codes)
    assert "Download as text" in body and "I have saved them" in body
    assert "no-store" in shown["Cache-Control"]
    again = client.get(CODES).content.decode()
    assert not any(code in again for code in codes)
    assert "already shown" in again
    saved = client.post(response["Location"], {"next": "/organizations/"})
    assert saved["Location"] == "/organizations/"
    assert client.get("/organizations/").status_code == 200
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/organizations/").status_code == 200


def test_the_download_holds_the_same_codes_as_the_page(new_coordinator):
    client = sign_in("new-coordinator")
    _device, response = enrol(client, new_coordinator, follow=True)
    text = unquote(response.context["download"].split(",", 1)[1])
    assert [line for line in text.splitlines() if "-" in line and " " not in line] == response.context["codes"]


def test_a_wrong_code_keeps_the_coordinator_on_the_enrolment_page(new_coordinator):
    client = sign_in("new-coordinator")
    client.get(SETUP)
    response = client.post(SETUP, {"token": "000000"})
    assert response.status_code == 200 and "not valid" in response.content.decode()
    assert client.get("/organizations/").status_code == 302
    assert not RecoveryCode.objects.filter(user=new_coordinator).exists()


def test_reloading_the_enrolment_page_keeps_the_same_key(new_coordinator):
    client = sign_in("new-coordinator")
    first = client.get(SETUP).context["secret"]
    assert client.get(SETUP).context["secret"] == first
    assert TOTPDevice.objects.filter(user=new_coordinator).count() == 1


def test_recovery_codes_are_stored_hashed_never_in_plain_text(new_coordinator):
    client = sign_in("new-coordinator")
    _device, response = enrol(client, new_coordinator, follow=True)
    codes = response.context["codes"]
    stored = list(RecoveryCode.objects.filter(user=new_coordinator).values_list("code_hash", flat=True))
    assert len(stored) == 10
    for code in codes:
        bare = code.replace("-", "")
        assert not any(code in row or bare in row for row in stored)
    assert all(row.startswith("sha256$") for row in stored)
    assert len({row.split("$")[1] for row in stored}) == 10  # a salt per code


def test_the_plain_codes_appear_nowhere_in_the_database(new_coordinator):
    from django.db import connection

    client = sign_in("new-coordinator")
    _device, response = enrol(client, new_coordinator, follow=True)
    code = response.context["codes"][0]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                assert not any(code in str(value) or code.replace("-", "") in str(value) for value in row), table


def test_a_member_is_not_asked_to_enrol(world):
    assert sign_in("member").get("/organizations/").status_code == 200
