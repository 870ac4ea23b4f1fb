"""Rules every public page keeps: Japanese, one h1, breadcrumbs, accessible tables."""
from html.parser import HTMLParser

import pytest
from django.urls import reverse

PUBLIC_URL_NAMES = [
    "home",
    "planning:plan",
    "planning:area",
    "exchange:city-list",
    "exchange:activity-list",
    "exchange:center",
    "public_relations:index",
    "recovery:index",
]


class PageOutline(HTMLParser):
    """Collect what the checks need: the html lang, h1s, tables, captions, th scopes."""

    def __init__(self):
        super().__init__()
        self.lang = None
        self.h1 = 0
        self.tables = 0
        self.captions = 0
        self.th_without_scope = 0
        self.breadcrumbs = False
        self.inline_styles = 0
        self.scripts = 0
        self.stylesheets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "h1":
            self.h1 += 1
        elif tag == "table":
            self.tables += 1
        elif tag == "caption":
            self.captions += 1
        elif tag == "th" and "scope" not in attrs:
            self.th_without_scope += 1
        elif tag == "nav" and attrs.get("aria-label") == "パンくずリスト":
            self.breadcrumbs = True
        elif tag == "script" and not attrs.get("src", "").startswith("/static/"):
            # A script of ours is a static file (the Content Security Policy allows no other).
            self.scripts += 1
        elif tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs.get("href", ""))
        if "style" in attrs:
            self.inline_styles += 1


def outline(response):
    parser = PageOutline()
    parser.feed(response.content.decode())
    return parser


def public_urls():
    from exchange.models import PartnerCity

    urls = [reverse(name) for name in PUBLIC_URL_NAMES]
    urls += [city.get_absolute_url() for city in PartnerCity.objects.all()]
    return urls


@pytest.mark.django_db
def test_every_public_page_is_accessible_japanese_html(client):
    urls = public_urls()
    assert len(urls) >= len(PUBLIC_URL_NAMES) + 9
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = outline(response)
        assert page.lang == "ja", url
        assert page.h1 == 1, url
        assert page.tables == page.captions, url
        assert page.th_without_scope == 0, url
        assert page.inline_styles == 0, url
        assert page.scripts == 0, url
        # Nothing from a CDN: every stylesheet is one of ours.
        assert all(href.startswith("/static/") for href in page.stylesheets), url
        if url != "/":
            assert page.breadcrumbs, url


@pytest.mark.django_db
def test_home_page_leads_to_every_section(client):
    response = client.get(reverse("home"))
    html = response.content.decode()
    for name in PUBLIC_URL_NAMES[1:]:
        assert f'href="{reverse(name)}"' in html, name


@pytest.mark.django_db
def test_unknown_page_is_404_not_500(client):
    assert client.get("/partner-cities/no-such-city/").status_code == 404
    assert client.get("/no-such-page/").status_code == 404


@pytest.mark.django_db
def test_not_found_page_is_japanese_and_shows_no_internals(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "ページが見つかりません" in html
    assert "Traceback" not in html and "urlpatterns" not in html


def test_server_error_page_is_japanese_and_stands_alone():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert 'lang="ja"' in html and "ただいま表示できません" in html
