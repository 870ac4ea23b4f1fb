"""Staff login: lockout after repeated failures, session expiry, logout by POST only."""
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from core.templatetags.security import lockout_duration

PASSWORD = "kumamoto-castle-1607-keep"
LOGIN_URL = "/admin/login/?next=/admin/"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Many logins per test: a fast hasher keeps the suite quick (production keeps PBKDF2)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clerk(db):
    return get_user_model().objects.create_user(
        username="clerk", password=PASSWORD, is_staff=True, is_superuser=True
    )


def log_in(client, password):
    return client.post(LOGIN_URL, {"username": "clerk", "password": password})


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_after_the_configured_failures_even_the_right_password_is_refused_until_unlocked(
    client, clerk
):
    limit = django_settings.AXES_FAILURE_LIMIT
    assert limit == 5  # the documented default (PORTAL_LOGIN_FAILURE_LIMIT)
    for attempt in range(1, limit):
        response = log_in(client, f"wrong-{attempt}")
        assert response.status_code == 200, attempt  # the login form again, not locked yet
        assert not logged_in(client)
    response = log_in(client, "wrong-last")
    assert response.status_code == 429

    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)
    html = response.content.decode()
    assert "ログインを一時停止しています" in html
    assert f"パスワードを{limit}回続けて間違えた" in html
    assert "1時間後に自動で解除されます" in html

    call_command("axes_reset_username", "clerk")
    response = log_in(client, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert logged_in(client)


@pytest.mark.django_db
def test_a_lower_configured_limit_locks_sooner(client, clerk, settings):
    settings.AXES_FAILURE_LIMIT = 2
    assert log_in(client, "wrong-1").status_code == 200
    assert log_in(client, "wrong-2").status_code == 429
    assert log_in(client, PASSWORD).status_code == 429
    assert not logged_in(client)


@pytest.mark.django_db
def test_a_success_before_the_limit_forgets_earlier_failures(client, clerk):
    limit = django_settings.AXES_FAILURE_LIMIT
    for attempt in range(limit - 1):
        log_in(client, f"wrong-{attempt}")
    assert log_in(client, PASSWORD).status_code == 302
    client.post("/admin/logout/")
    for attempt in range(limit - 1):
        assert log_in(client, f"again-{attempt}").status_code == 200
    assert log_in(client, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_another_user_is_not_locked_out_by_someone_elses_failures(client, clerk):
    get_user_model().objects.create_user(username="other", password=PASSWORD, is_staff=True)
    for attempt in range(django_settings.AXES_FAILURE_LIMIT):
        log_in(client, f"wrong-{attempt}")
    response = client.post(LOGIN_URL, {"username": "other", "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(hours=1), "1時間"),
        (timedelta(minutes=90), "1時間30分"),
        (timedelta(minutes=15), "15分"),
        (timedelta(seconds=61), "2分"),
        (None, ""),
    ],
)
def test_lockout_duration_is_shown_in_japanese(delta, text):
    assert lockout_duration(delta) == text


@pytest.mark.django_db
def test_session_ends_with_the_browser_and_after_idle_minutes(client, clerk):
    client.force_login(clerk)
    response = client.get("/admin/")
    assert response.status_code == 200
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    # No expiry on the cookie: the browser forgets it when it closes.
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert django_settings.SESSION_COOKIE_AGE == 30 * 60
    session = Session.objects.get(session_key=cookie.value)
    remaining = session.expire_date - timezone.now()
    assert timedelta(minutes=29) < remaining <= timedelta(minutes=30)

    # Each request pushes the end forward ...
    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() + timedelta(minutes=1)
    )
    assert client.get("/admin/").status_code == 200
    assert Session.objects.get(pk=session.pk).expire_date - timezone.now() > timedelta(minutes=29)

    # ... and a session idle for longer than that is over.
    Session.objects.filter(pk=session.pk).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_logout_only_by_post(client, clerk):
    client.force_login(clerk)
    assert client.get("/admin/logout/").status_code == 405
    assert client.get("/admin/").status_code == 200  # still logged in
    response = client.post("/admin/logout/")
    assert response.status_code == 200
    assert not logged_in(client)
    assert client.get("/admin/").status_code == 302


def test_security_settings_come_from_the_environment():
    """The documented variables reach the settings (read once, in a fresh process)."""
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "x" * 60,
        "PORTAL_LOGIN_FAILURE_LIMIT": "3",
        "PORTAL_LOGIN_LOCKOUT_HOURS": "0",
        "PORTAL_SESSION_IDLE_MINUTES": "10",
        "DJANGO_SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO=https",
        "DJANGO_SECURE_HSTS_SECONDS": "600",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME, s.SESSION_COOKIE_AGE, "
        "s.SECURE_PROXY_SSL_HEADER, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE)"
    )
    env["DJANGO_SETTINGS_MODULE"] = "kumamoto_portal.settings"
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split(maxsplit=3)
    assert out[:3] == ["3", "None", "600"]
    assert out[3].strip() == "('HTTP_X_FORWARDED_PROTO', 'https') 600 False True"
