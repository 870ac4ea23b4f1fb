"""SQLite as an embedded database: WAL, a busy timeout, immediate transactions, and a
Japanese 503 page (never a 500, never a 400) when the database stays busy.

The lock tests run the portal in other processes on a real SQLite file
(``tests/support/sqlite_file.py``) while this test holds SQLite's write lock, as an
import running in another worker would.
"""
import sqlite3
from contextlib import contextmanager

import pytest
from django.core.exceptions import BadRequest
from django.db import OperationalError
from django.test import RequestFactory
from django.urls import path

from core.database import BUSY_MESSAGE
from core.views import server_error
from tests.support.sqlite_file import finish
from kumamoto_portal.urls import urlpatterns as portal_urlpatterns


@contextmanager
def write_lock(database):
    """Hold SQLite's write lock on ``database`` (what a running import does)."""
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.rollback()
        holder.close()


def test_the_file_database_runs_in_wal_with_a_busy_timeout_and_immediate_transactions(file_portal):
    result = file_portal.run("""
        from django.db import connection, transaction
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            mode = cursor.fetchone()[0]
            cursor.execute("PRAGMA busy_timeout")
            timeout = cursor.fetchone()[0]
        report(mode=mode, timeout=timeout, transaction_mode=connection.transaction_mode)
    """)
    assert result == {"mode": "wal", "timeout": 20000, "transaction_mode": "IMMEDIATE"}


def test_citizens_read_every_page_while_a_writer_holds_the_lock(file_portal):
    """Public pages read outside a transaction: a running import never blocks them."""
    process = file_portal.when_ready(file_portal.start("""
        from django.urls import reverse
        from exchange.models import PartnerCity
        urls = ["/", reverse("exchange:city-list"), PartnerCity.objects.first().get_absolute_url(),
                reverse("exchange:activity-list"), reverse("planning:member-list"),
                reverse("public_relations:index"), reverse("recovery:index")]
        browser = client(anonymous=True)
        wait_for_test()
        report(statuses={url: browser.get(url).status_code for url in urls})
    """, PORTAL_SQLITE_BUSY_SECONDS="0.1"))
    with write_lock(file_portal.database):
        file_portal.go(process)
        result = finish(process)
    assert set(result["statuses"].values()) == {200}, result


def test_a_staff_page_waiting_too_long_for_the_lock_is_a_japanese_503(file_portal):
    process = file_portal.when_ready(file_portal.start("""
        browser = client()
        wait_for_test()
        response = browser.get("/admin/exchange/partnercity/")
        report(status=response.status_code, retry_after=response.get("Retry-After"),
               text=response.content.decode())
    """, PORTAL_SQLITE_BUSY_SECONDS="0.1"))
    with write_lock(file_portal.database):
        file_portal.go(process)
        result = finish(process)
    assert result["status"] == 503
    assert result["retry_after"] == "30"
    assert BUSY_MESSAGE in result["text"]
    assert "locked" not in result["text"]


def locked_view(request):
    raise OperationalError("database is locked")


def locked_changelist(request):
    # What a changelist does with any error while it filters: a 400 (backoffice.admin).
    try:
        raise OperationalError("database is locked")
    except OperationalError as error:
        raise BadRequest("一覧の絞り込みの指定が正しくありません。") from error


def broken_view(request):
    raise OperationalError("no such table: nowhere")


urlpatterns = [
    path("locked/", locked_view),
    path("locked-changelist/", locked_changelist),
    path("broken/", broken_view),
    *portal_urlpatterns,
]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url", ["/locked/", "/locked-changelist/"])
def test_a_busy_database_is_a_japanese_503_with_retry_after(client, url):
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    text = response.content.decode()
    assert "データベースが使用中です" in text and BUSY_MESSAGE in text
    assert "locked" not in text and "絞り込み" not in text
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_other_database_errors_stay_a_500(client):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "no such table" not in response.content.decode()


def test_a_lock_outside_a_view_is_a_503_too():
    """A session saved after the view meets the lock: Django's 500 handler answers 503."""
    request = RequestFactory().get("/admin/")
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert BUSY_MESSAGE in response.content.decode()
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        assert server_error(request).status_code == 500
