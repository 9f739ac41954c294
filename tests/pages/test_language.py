"""The footer's language chooser: English by default, Spanish on request (the chooser or the
browser's Accept-Language), through Django's set_language view and the compiled catalogue."""

from django.conf import settings

LANDING_EN = "The shared memory of coalitions against human trafficking"
LANDING_ES = "La memoria compartida de las coaliciones contra la trata de personas"


def test_english_is_the_default(world, client_as):
    html = client_as(None).get("/").content.decode()
    assert LANDING_EN in html
    assert LANDING_ES not in html
    assert '<html lang="en"' in html


def test_the_footer_offers_a_labelled_language_chooser_with_the_current_language_selected(world, client_as):
    html = client_as(None).get("/").content.decode()
    assert 'action="/i18n/setlang/"' in html
    assert '<label for="language-chooser">Language</label>' in html
    assert '<option value="en" lang="en" selected>English</option>' in html
    assert '<option value="es" lang="es">Español</option>' in html
    assert '<option value="fr" lang="fr">Français</option>' in html
    assert "<script>" not in html  # no inline script (CSP)


def test_accept_language_es_gives_an_anonymous_visitor_the_spanish_landing_page(world, client_as):
    html = client_as(None).get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert LANDING_ES in html
    assert LANDING_EN not in html
    assert '<option value="es" lang="es" selected>Español</option>' in html
    assert '<label for="language-chooser">Idioma</label>' in html
    # Each language keeps its own name, whatever the page's language.
    assert '<option value="en" lang="en">English</option>' in html
    assert '<option value="fr" lang="fr">Français</option>' in html


def test_choosing_spanish_makes_the_dashboard_spanish(world, client_as):
    client = client_as(world.member)
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    html = client.get("/").content.decode()
    assert "Panel" in html  # "Dashboard"
    assert "Registrar una actividad" in html  # "Log an activity"
    assert "Log an activity" not in html
    # Choosing English again goes back.
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Log an activity" in client.get("/").content.decode()


def test_choosing_spanish_as_a_visitor_keeps_it_for_later_pages(world, client_as):
    client = client_as(None)
    client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    assert LANDING_ES in client.get("/").content.decode()


def test_an_unknown_language_is_ignored(world, client_as):
    client = client_as(None)
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert LANDING_EN in client.get("/").content.decode()
