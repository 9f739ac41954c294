"""The account page: roles, and personal API tokens shown once, listed and revoked."""

from partners.models import ApiToken


def test_account_page_shows_the_users_roles(world, client_as):
    html = client_as(world.coordinator).get("/account/").content.decode()
    assert "Coalition A" in html
    html = client_as(world.member).get("/account/").content.decode()
    assert "Org A" in html
    assert client_as(None).get("/account/").status_code == 302


def test_token_key_is_shown_once_and_only_its_prefix_afterwards(world, client_as):
    client = client_as(world.member)
    response = client.post("/account/", {"name": "sync script"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=world.member)
    html = response.content.decode()
    start = html.index('id="new-token">') + len('id="new-token">')
    key = html[start : html.index("<", start)]
    assert ApiToken.hash_key(key) == token.key_hash
    assert "no-store" in response["Cache-Control"]
    later = client.get("/account/").content.decode()
    assert key not in later and token.prefix in later and "sync script" in later


def test_token_needs_a_name(world, client_as):
    response = client_as(world.member).post("/account/", {"name": "  "})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_user_revokes_their_token_but_not_someone_elses(world, client_as):
    from partners.services.accounts import api_token_create

    mine, _ = api_token_create(actor=world.member, name="mine")
    theirs, _ = api_token_create(actor=world.outsider, name="theirs")
    client = client_as(world.member)
    assert client.post(f"/account/tokens/{theirs.pk}/revoke/").status_code == 404
    assert ApiToken.objects.filter(pk=theirs.pk).exists()
    assert client.get(f"/account/tokens/{mine.pk}/revoke/").status_code == 405  # POST only
    assert client.post(f"/account/tokens/{mine.pk}/revoke/").status_code == 302
    assert not ApiToken.objects.filter(pk=mine.pk).exists()
