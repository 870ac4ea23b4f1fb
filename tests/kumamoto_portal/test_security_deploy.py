"""Production settings: Django's deployment checks pass, headers are set, error pages are
Japanese and show no internals."""
import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

ROOT = Path(__file__).resolve().parents[2]
INTERNALS = ["Traceback", "internal-detail", "settings.py", "DEBUG", "CSRF verification failed",
             "DisallowedHost", "RuntimeError", "Invalid HTTP_HOST"]


def production_env(**overrides):
    """The environment of a production deployment (no development variables)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PORTAL_"))}
    env.update(
        DJANGO_DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portal.example.jp",
    )
    env.update(overrides)
    return env


def check_deploy(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, cwd=ROOT, capture_output=True, text=True,
    )


def test_check_deploy_reports_no_warnings_in_production():
    result = check_deploy(production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_behind_a_proxy_reports_no_warnings():
    result = check_deploy(production_env(
        DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO=https",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://portal.example.jp",
    ))
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_does_warn_when_hsts_is_switched_off():
    """The check really looks: turning HSTS off in production is reported."""
    result = check_deploy(production_env(DJANGO_SECURE_HSTS_SECONDS="0"))
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


@pytest.mark.django_db
def test_public_page_sends_the_security_headers(client, settings):
    response = client.get("/partner-cities/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    csp = {d.split()[0]: d.split()[1:] for d in response["Content-Security-Policy"].split("; ")}
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"]
    assert not any("unsafe" in source for sources in csp.values() for source in sources)


@pytest.mark.django_db
def test_https_redirect_and_hsts_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/partner-cities/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/partner-cities/"
    response = client.get("/partner-cities/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


@pytest.mark.django_db
def test_behind_a_proxy_the_forwarded_https_counts_as_secure(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/partner-cities/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
    assert client.get("/partner-cities/", HTTP_X_FORWARDED_PROTO="http").status_code == 301


def assert_japanese_without_internals(response, status, heading):
    html = response.content.decode()
    assert response.status_code == status
    assert 'lang="ja"' in html and heading in html
    for word in INTERNALS:
        assert word not in html, word


@pytest.fixture
def production(settings):
    settings.DEBUG = False


@pytest.mark.django_db
def test_bad_request_page(client, production):
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert_japanese_without_internals(response, 400, "リクエストを処理できません")


@pytest.mark.django_db
def test_forbidden_page_for_a_staff_user_without_permission(client, production):
    clerk = get_user_model().objects.create_user(username="nobody", is_staff=True)
    client.force_login(clerk)
    response = client.get("/admin/exchange/partnercity/")
    assert_japanese_without_internals(response, 403, "このページは表示できません")


@pytest.mark.django_db
def test_csrf_failure_page(production):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "a", "password": "b"})
    assert_japanese_without_internals(response, 403, "送信を受け付けられません")


@pytest.mark.django_db
def test_not_found_page(client, production):
    response = client.get("/partner-cities/no-such-city/")
    assert_japanese_without_internals(response, 404, "ページが見つかりません")


@pytest.mark.django_db
def test_server_error_page(production, settings):
    from django.test import Client

    settings.ROOT_URLCONF = "tests.support.error_urls"
    response = Client(raise_request_exception=False).get("/broken/")
    assert_japanese_without_internals(response, 500, "ただいま表示できません")


class InlineCode(HTMLParser):
    """Count what a strict Content Security Policy blocks: inline scripts, styles, handlers."""

    def __init__(self):
        super().__init__()
        self.blocked = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json":
            self.blocked.append("inline <script>")
        if tag == "style":
            self.blocked.append("<style>")
        if "style" in attrs:
            self.blocked.append(f"style= on <{tag}>")
        self.blocked += [f"{name}= on <{tag}>" for name in attrs if name.startswith("on")]


ADMIN_PAGES = ["", "add/", "import/", "export/", "{pk}/change/", "{pk}/history/", "{pk}/delete/"]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_admin_and_spreadsheet_pages_have_no_inline_code_the_policy_would_block(
    admin_client, page
):
    from exchange.models import PartnerCity

    url = "/admin/exchange/partnercity/" + page.format(pk=PartnerCity.objects.first().pk)
    response = admin_client.get(url)
    assert response.status_code == 200, url
    parser = InlineCode()
    parser.feed(response.content.decode())
    assert parser.blocked == [], url
