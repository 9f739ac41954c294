"""The preferences page and API: each person changes only their own, bad input is named."""

from __future__ import annotations

import pytest
from django.urls import reverse

from notifications.models import NotificationPreference

pytestmark = pytest.mark.django_db

PAGE = reverse("notifications:preferences")
API = reverse("notifications:preferences_api")


def test_the_account_page_links_to_the_preferences(client, world):
    client.force_login(world.member)
    assert PAGE in client.get(reverse("partners:account")).content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_member_sees_every_topic_but_the_coordinators_digest(client, world):
    client.force_login(world.member)
    page = client.get(PAGE).content.decode()
    assert 'name="meetings"' in page and 'name="renewals"' in page and 'name="action_items"' in page
    assert 'name="digest"' not in page
    client.force_login(world.coordinator)
    assert 'name="digest"' in client.get(PAGE).content.decode()


def test_saving_the_form_keeps_the_choices(client, world):
    client.force_login(world.coordinator)
    response = client.post(PAGE, {"digest": "on", "meetings": "on", "language": "en"})
    assert response.status_code == 302
    pref = NotificationPreference.objects.get(user=world.coordinator)
    assert pref.digest and pref.meetings
    assert not (pref.action_items or pref.renewals or pref.contact_confirmations)


def test_an_unknown_language_is_refused_beside_the_field(client, world):
    client.force_login(world.member)
    response = client.post(PAGE, {"meetings": "on", "language": "xx"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not NotificationPreference.objects.filter(user=world.member).exists()


def test_the_api_answers_the_defaults_before_anything_is_saved(api, world):
    api.force_authenticate(world.member)
    response = api.get(API)
    assert response.status_code == 200
    assert response.json() == {
        "digest": True,
        "meetings": True,
        "action_items": True,
        "renewals": True,
        "contact_confirmations": True,
        "language": "en",
    }


def test_a_patch_changes_only_the_fields_it_names(api, world):
    api.force_authenticate(world.member)
    response = api.patch(API, {"renewals": False}, format="json")
    assert response.status_code == 200 and response.json()["renewals"] is False
    pref = NotificationPreference.objects.get(user=world.member)
    assert not pref.renewals and pref.meetings and pref.action_items


def test_a_put_sets_every_field(api, world):
    api.force_authenticate(world.member)
    api.patch(API, {"renewals": False, "meetings": False}, format="json")
    response = api.put(API, {"meetings": False}, format="json")
    assert response.status_code == 200
    assert response.json()["renewals"] is True and response.json()["meetings"] is False


def test_a_bad_value_is_a_400_naming_the_field_and_changes_nothing(api, world):
    api.force_authenticate(world.member)
    response = api.patch(API, {"language": "xx"}, format="json")
    assert response.status_code == 400 and "language" in response.json()
    assert not NotificationPreference.objects.filter(user=world.member).exists()


def test_writes_take_json_only(api, world):
    api.force_authenticate(world.member)
    response = api.patch(API, "renewals=false", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert not NotificationPreference.objects.filter(user=world.member).exists()


def test_anonymous_callers_get_nothing_and_change_nothing(api, world):
    assert api.get(API).status_code in (401, 403)
    assert api.patch(API, {"renewals": False}, format="json").status_code in (401, 403)
    assert not NotificationPreference.objects.exists()
