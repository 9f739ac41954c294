"""Sign in and out, password change and reset with the project's templates."""

from django.core import mail


def test_sign_in_page_and_real_sign_in(world, client):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert 'autocomplete="current-password"' in page.content.decode()
    response = client.post("/accounts/login/", {"username": "member", "password": "pw-for-tests-1"})
    assert response.status_code == 302 and response["Location"] == "/"


def test_wrong_password_shows_a_message(world, client):
    response = client.post("/accounts/login/", {"username": "member", "password": "wrong"})
    assert response.status_code == 200
    assert "did not match" in response.content.decode()


def test_sign_out_is_a_post_form_in_the_navigation(world, client_as):
    client = client_as(world.member)
    html = client.get("/").content.decode()
    assert 'action="/accounts/logout/"' in html
    assert client.post("/accounts/logout/").status_code == 302
    assert "Sign in" in client.get("/").content.decode()


def test_password_reset_sends_an_email_with_a_link(world, client):
    response = client.post("/accounts/password_reset/", {"email": "member@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Reset your Coalition Tracker password"


def test_password_change_page_renders_for_signed_in_users(world, client_as):
    assert client_as(world.member).get("/accounts/password_change/").status_code == 200
    assert client_as(None).get("/accounts/password_change/").status_code == 302
