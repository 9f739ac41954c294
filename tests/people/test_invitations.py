"""Inviting people: who may invite whom, the e-mail, the signed single-use link that expires in
7 days, choosing a username and password, and clear pages for links that cannot be used."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from audit.invitations import INVITATION_LIFETIME, invitation_create, link_token
from audit.models import AuditEvent, PersonInvitation
from partners.models import CoalitionCoordinator, Profile

pytestmark = pytest.mark.django_db
User = get_user_model()
INVITE = "/people/invite/"
PASSWORD = "a long and unusual passphrase 42"


def sent_link() -> str:
    body = mail.outbox[-1].body
    return re.search(r"http://testserver(/invitations/[^/\s]+/)", body).group(1)


def invite(client, **data):
    data.setdefault("role", "member")
    return client.post(INVITE, data)


def table_state() -> tuple:
    return (
        list(PersonInvitation.objects.order_by("pk").values_list("pk", "token_hash", "accepted_at", "revoked_at")),
        User.objects.count(),
        len(mail.outbox),
    )


def test_admin_invites_a_member_who_receives_an_html_and_text_email(
    world, client_as, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_as(world.admin), email="New.Person@Example.org", organization="org-b")
    assert response.status_code == 302, response.content.decode()
    invitation = PersonInvitation.objects.get()
    assert (invitation.email, invitation.role, invitation.organization) == (
        "new.person@example.org",
        "member",
        world.org_b,
    )
    assert invitation.expires_at - invitation.created_at == pytest.approx(
        INVITATION_LIFETIME, abs=datetime.timedelta(seconds=5)
    )
    message = mail.outbox[-1]
    assert message.to == ["new.person@example.org"]
    assert "Org B" in message.body and "/invitations/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Make your account" in html
    # Only a hash of the secret is stored: the link's secret appears nowhere in the row.
    assert invitation.token_hash not in message.body and len(invitation.token_hash) == 64
    assert AuditEvent.objects.filter(action="invite", actor=world.admin, detail__invitation=invitation.pk).exists()


def test_the_invited_person_chooses_a_username_and_password_and_becomes_a_member(
    world, client_as, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_as(world.admin), email="kim@example.org", organization="org-b")
    link = sent_link()
    anonymous = client_as(None)
    page = anonymous.get(link)
    assert page.status_code == 200 and "Org B" in page.content.decode()
    response = anonymous.post(link, {"username": "kim", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    kim = User.objects.get(username="kim")
    assert kim.email == "kim@example.org" and kim.check_password(PASSWORD)
    assert Profile.objects.get(user=kim).organization == world.org_b
    invitation = PersonInvitation.objects.get()
    assert invitation.accepted_by == kim and invitation.accepted_at is not None
    assert AuditEvent.objects.filter(action="invite_accept", actor=kim).exists()
    # The person signs in with what they chose.
    assert anonymous.post("/accounts/login/", {"username": "kim", "password": PASSWORD}).status_code == 302


def test_a_used_link_gives_a_clear_page_and_makes_no_second_account(
    world, client_as, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_as(world.admin), email="kim@example.org", organization="org-b")
    link = sent_link()
    client_as(None).post(link, {"username": "kim", "password1": PASSWORD, "password2": PASSWORD})
    before = table_state()
    response = client_as(None).post(link, {"username": "kim2", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert table_state() == before


def test_weak_password_is_refused_beside_the_field_and_nothing_is_made(
    world, client_as, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_as(world.admin), email="kim@example.org", organization="org-b")
    link = sent_link()
    before = table_state()
    response = client_as(None).post(link, {"username": "kim", "password1": "password", "password2": "password"})
    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert table_state() == before


def test_a_taken_username_is_refused_beside_the_field(world, client_as, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_as(world.admin), email="kim@example.org", organization="org-b")
    response = client_as(None).post(sent_link(), {"username": "member", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 200 and "username" in response.context["form"].errors
    assert PersonInvitation.objects.get().accepted_at is None


def test_an_expired_link_gives_a_clear_page(world, client_as, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_as(world.admin), email="kim@example.org", organization="org-b")
    link = sent_link()
    PersonInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    before = table_state()
    response = client_as(None).post(link, {"username": "kim", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 410 and "expired" in response.content.decode()
    assert table_state() == before


def test_a_link_older_than_its_signature_allows_is_expired(
    world, client_as, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_as(world.admin), email="kim@example.org", organization="org-b")
    link = sent_link()
    later = __import__("time").time() + INVITATION_LIFETIME.total_seconds() + 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    assert client_as(None).get(link).status_code == 410


@pytest.mark.parametrize(
    "mangle",
    [
        lambda link: link[:-5] + "xxxx/",
        lambda link: "/invitations/not-a-token/",
        lambda link: "/invitations/" + "A" * 300 + "/",
        lambda link: link.replace(":", "::", 1),
    ],
)
def test_a_tampered_link_gives_a_clear_404_never_a_500(world, client_as, django_capture_on_commit_callbacks, mangle):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_as(world.admin), email="kim@example.org", organization="org-b")
    before = table_state()
    response = client_as(None).post(
        mangle(sent_link()), {"username": "kim", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    assert table_state() == before


def test_a_link_signed_for_another_secret_is_refused(world):
    invitation = invitation_create(
        actor=world.admin, email="kim@example.org", role="member", organization=world.org_b, base_url="http://x"
    )
    from django.test import Client

    response = Client().get(f"/invitations/{link_token(invitation, 'guessed-secret')}/")
    assert response.status_code == 404


def test_resending_replaces_the_link_and_revoking_stops_it(world, client_as, django_capture_on_commit_callbacks):
    admin = client_as(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        invite(admin, email="kim@example.org", organization="org-b")
    first = sent_link()
    invitation = PersonInvitation.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert admin.post(f"/people/invitations/{invitation.pk}/resend/").status_code == 302
    second = sent_link()
    assert first != second
    assert client_as(None).get(first).status_code == 404
    assert client_as(None).get(second).status_code == 200
    assert admin.post(f"/people/invitations/{invitation.pk}/revoke/").status_code == 302
    response = client_as(None).get(second)
    assert response.status_code == 410 and "withdrawn" in response.content.decode()
    assert AuditEvent.objects.filter(action__in=["invite_resend", "invite_revoke"]).count() == 2


def test_admin_invites_a_coordinator_who_will_enrol_a_second_factor(
    world, client_as, django_capture_on_commit_callbacks, settings
):
    settings.TWO_FACTOR_REQUIRED_FOR = ["coordinator"]
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_as(world.admin), email="lead@example.org", role="coordinator", coalition="coalition-b")
    assert response.status_code == 302
    link = sent_link()
    anonymous = client_as(None)
    assert "second step" in anonymous.get(link).content.decode()
    anonymous.post(link, {"username": "lead", "password1": PASSWORD, "password2": PASSWORD})
    lead = User.objects.get(username="lead")
    assert CoalitionCoordinator.objects.filter(user=lead, coalition=world.coalition_b).exists()
    # At first sign-in they are walked to the second factor, as every coordinator is.
    anonymous.post("/accounts/login/", {"username": "lead", "password": PASSWORD})
    response = anonymous.get("/")
    assert response.status_code == 302 and "/account/two-factor/" in response["Location"]


def test_coordinator_invites_a_member_of_an_organisation_in_their_coalition(
    world, client_as, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client_as(world.coordinator), email="kim@example.org", organization="org-b")
    assert response.status_code == 302
    assert PersonInvitation.objects.get().invited_by == world.coordinator
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("persona", "data"),
    [
        ("coordinator", {"organization": "org-c"}),  # org C is in coalition B, not theirs
        ("coordinator", {"organization": "org-d"}),  # in no coalition
        ("coordinator", {"role": "coordinator", "coalition": "coalition-a"}),  # admins only
    ],
)
def test_coordinator_cannot_invite_outside_their_coalitions_and_nothing_is_sent(world, client_as, persona, data):
    before = table_state()
    response = invite(client_as(getattr(world, persona)), email="kim@example.org", **data)
    assert response.status_code == 200  # the form again, the refusal beside the field
    assert response.context["form"].errors
    assert table_state() == before


def test_coordinator_is_refused_by_the_service_too(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        invitation_create(
            actor=world.coordinator,
            email="k@example.org",
            role="coordinator",
            coalition=world.coalition_a,
            base_url="http://x",
        )
    with pytest.raises(PermissionDenied):
        invitation_create(
            actor=world.coordinator, email="k@example.org", role="member", organization=world.org_c, base_url="http://x"
        )
    assert not PersonInvitation.objects.exists()


@pytest.mark.parametrize("persona", ["member", "outsider"])
def test_members_cannot_invite_and_nothing_changes(world, client_as, persona):
    before = table_state()
    client = client_as(getattr(world, persona))
    assert client.get(INVITE).status_code == 403
    assert invite(client, email="kim@example.org", organization="org-a").status_code == 403
    assert table_state() == before


def test_anonymous_is_sent_to_sign_in(world, client_as):
    response = client_as(None).post(INVITE, {"email": "kim@example.org", "organization": "org-a", "role": "member"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not PersonInvitation.objects.exists()


def test_coordinator_cannot_resend_or_revoke_someone_elses_invitation(world, client_as):
    invitation = invitation_create(
        actor=world.admin, email="kim@example.org", role="member", organization=world.org_a, base_url="http://x"
    )
    before = table_state()
    client = client_as(world.coordinator)
    assert client.post(f"/people/invitations/{invitation.pk}/resend/").status_code == 404
    assert client.post(f"/people/invitations/{invitation.pk}/revoke/").status_code == 404
    assert table_state() == before


def test_an_address_with_an_account_or_an_open_invitation_is_refused_beside_the_field(world, client_as):
    world.member.email = "member@example.org"
    world.member.save()
    admin = client_as(world.admin)
    response = invite(admin, email="MEMBER@example.org", organization="org-a")
    assert "email" in response.context["form"].errors
    invite(admin, email="kim@example.org", organization="org-a")
    response = invite(admin, email="kim@example.org", organization="org-b")
    assert "email" in response.context["form"].errors
    assert PersonInvitation.objects.count() == 1


def test_missing_organisation_or_coalition_is_named(world, client_as):
    admin = client_as(world.admin)
    assert "organization" in invite(admin, email="a@example.org").context["form"].errors
    assert "coalition" in invite(admin, email="b@example.org", role="coordinator").context["form"].errors
    assert not PersonInvitation.objects.exists()


def test_invitations_are_rate_limited_per_sender(world, client_as, monkeypatch):
    monkeypatch.setattr("audit.invitations.INVITES_PER_HOUR", 2)
    admin = client_as(world.admin)
    for n in range(2):
        assert invite(admin, email=f"p{n}@example.org", organization="org-a").status_code == 302
    response = invite(admin, email="p9@example.org", organization="org-a")
    assert response.status_code == 200 and "many invitations" in response.content.decode()
    assert PersonInvitation.objects.count() == 2


def test_accepting_is_rate_limited_per_address(world, client_as, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr("audit.invitations.ACCEPTS_PER_WINDOW", 1)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_as(world.admin), email="kim@example.org", organization="org-b")
    link = sent_link()
    anonymous = client_as(None)
    anonymous.post(link, {"username": "kim", "password1": "x", "password2": "y"})
    response = anonymous.post(link, {"username": "kim", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 429
    assert not User.objects.filter(username="kim").exists()


def test_coalition_page_offers_coordinators_an_invite_entry_point(world, client_as):
    html = client_as(world.coordinator).get("/coalitions/coalition-a/").content.decode()
    assert 'id="invite-member"' in html and "/people/invite/?coalition=coalition-a" in html
    assert 'id="invite-member"' not in client_as(world.member).get("/coalitions/coalition-a/").content.decode()
    form = client_as(world.coordinator).get("/people/invite/?coalition=coalition-a").context["form"]
    assert sorted(o.slug for o in form.fields["organization"].queryset) == ["org-a", "org-b"]


def test_erasing_a_person_removes_invitations_sent_to_their_address(world):
    from django.core.management import call_command

    invitation_create(
        actor=world.admin, email="Kim@Example.org", role="member", organization=world.org_a, base_url="http://x"
    )
    call_command("erase_contact", email="kim@example.org", verbosity=0, stdout=__import__("io").StringIO())
    assert not PersonInvitation.objects.exists()


def test_a_taken_username_is_refused_even_past_the_forms_own_check(
    world, client_as, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(client_as(world.admin), email="kim@example.org", organization="org-b")
    link = sent_link()
    # The form's own uniqueness check passes; the model's, inside the save, does not.
    monkeypatch.setattr("audit.people_views.AcceptForm.clean_username", lambda self: "member", raising=False)
    response = client_as(None).post(link, {"username": "member", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 200 and "username" in response.context["form"].errors
    assert PersonInvitation.objects.get().accepted_at is None
