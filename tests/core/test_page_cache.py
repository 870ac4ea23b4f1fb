"""The public pages' cache: a citizen never sees a page older than the last write.

Every way content is written (a save, a delete, a spreadsheet import, its undo, a fixture
load, an emergency notice) makes the next anonymous request render the page again; signed-in
staff always see live pages; browsers revalidate with ``ETag`` / ``Last-Modified``.
"""
import datetime
import gzip
import json

import pytest
import tablib
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from freezegun import freeze_time

from audit.recording import recording_batch
from audit.undo import undo_batch
from core import pagecache
from core.signals import document_loaded
from exchange.models import ExchangeActivity, PartnerCity
from exchange.resources import ExchangeActivityResource
from tests.factories.exchange import ExchangeActivityFactory, PartnerCityFactory
from tests.factories.notices import EmergencyNoticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    """The cache as in production (the suite renders pages live: see conftest)."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 3600


def in_every_language(name, **kwargs):
    """The page's address in each language of the site: ``/…`` and ``/en/…``."""
    addresses = []
    for code, _ in settings.LANGUAGES:
        with translation.override(code):
            addresses.append(reverse(name, kwargs=kwargs))
    assert len(set(addresses)) == len(settings.LANGUAGES) == 2, addresses
    return addresses


@pytest.fixture
def city():
    city = PartnerCityFactory(name="試験市", overview="最初の概要。")
    ExchangeActivityFactory(city=city, description="最初の交流")
    return city


def _text(response):
    return response.content.decode()


def test_an_anonymous_page_is_served_from_the_cache_without_a_query(client, page_cache, city, django_assert_num_queries):
    url = city.get_absolute_url()
    first = client.get(url)
    # A write that sends no signal (a raw UPDATE) is not seen: the page comes from the cache.
    PartnerCity.objects.filter(pk=city.pk).update(overview="黙って変えた概要。")

    with django_assert_num_queries(0):
        second = client.get(url)

    assert second.status_code == 200
    assert second.content == first.content and "最初の概要。" in _text(second)
    assert second["ETag"] == first["ETag"]


@pytest.mark.parametrize("name", ["exchange:city-list", "exchange:activity-list", "exchange:city-detail"])
def test_a_save_changes_the_cached_page_in_every_language(client, page_cache, city, name):
    urls = in_every_language(name, **({"slug": city.slug} if name == "exchange:city-detail" else {}))
    for url in urls:
        assert "試験市" in _text(client.get(url)), url
    # Staff rename the city in Japanese (the English page falls back to it: it has no English).
    with translation.override("ja"):
        city.name = "改名した試験市"
        city.save()
    for url in urls:
        assert "改名した試験市" in _text(client.get(url)), url


def test_a_batch_of_writes_makes_a_new_version_once_more_when_it_commits(page_cache, city):
    # A page another process rendered from the old rows while the write was in flight was
    # stored under the version of the first write: the commit makes that one obsolete too.
    before = pagecache.current_version()
    for n in range(3):
        city.overview = f"{n}回目の概要。"
        city.save()
        ExchangeActivityFactory(city=city, order=100 + n)
    during = pagecache.current_version()
    at_commit = [func for _, func, _ in connection.run_on_commit if func is pagecache.bump]

    assert during != before
    assert at_commit == [pagecache.bump]  # once for the whole transaction, not per row
    at_commit[0]()  # what the commit runs
    assert pagecache.current_version() not in (before, during)


def test_the_city_page_changes_after_a_staff_save_and_a_delete(client, page_cache, city):
    url = city.get_absolute_url()
    activities = reverse("exchange:activity-list") + f"?city={city.slug}"
    assert "最初の概要。" in _text(client.get(url))
    assert "最初の交流" in _text(client.get(activities))

    city.overview = "職員が直した概要。"
    city.save()
    assert "職員が直した概要。" in _text(client.get(url))

    city.activities.get().delete()
    assert "最初の交流" not in _text(client.get(activities))


def _import_description(city, description, user):
    """Import the city's activities again (the fast path) with a new description."""
    resource = ExchangeActivityResource()
    dataset = resource.export(queryset=ExchangeActivity.objects.filter(city=city))
    names = [field.attribute for field in resource.get_export_fields()]
    rows = [list(row) for row in dataset]
    for row in rows:
        row[names.index("description")] = description
    with recording_batch(user=user, label="activities.xlsx", reason="年度の更新", model=ExchangeActivity) as batch:
        result = ExchangeActivityResource().import_data(
            tablib.Dataset(*rows, headers=dataset.headers), dry_run=False, user=user
        )
        assert not result.has_errors() and not result.has_validation_errors()
    return batch


def test_the_pages_change_after_an_import_and_after_its_undo(client, page_cache, city):
    clerk = get_user_model().objects.create_user("yamada", is_staff=True)
    url = reverse("exchange:activity-list") + f"?city={city.slug}"
    assert "最初の交流" in _text(client.get(url))

    batch = _import_description(city, "取り込んだ交流", clerk)
    page = _text(client.get(url))
    assert "取り込んだ交流" in page and "最初の交流" not in page

    undo_batch(batch, user=clerk)
    page = _text(client.get(url))
    assert "最初の交流" in page and "取り込んだ交流" not in page


def test_a_fixture_load_changes_the_pages(client, page_cache, city, tmp_path):
    url = city.get_absolute_url()
    assert "最初の概要。" in _text(client.get(url))
    record = json.loads(serializers.serialize("json", [city]))
    record[0]["fields"]["overview"] = "読み込んだ概要。"
    fixture = tmp_path / "city.json"
    fixture.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")

    call_command("loaddata", str(fixture), verbosity=0)

    assert "読み込んだ概要。" in _text(client.get(url))


def test_loading_the_document_changes_the_pages(client, page_cache, city):
    url = city.get_absolute_url()
    client.get(url)
    PartnerCity.objects.filter(pk=city.pk).update(overview="読み込み直した概要。")

    document_loaded.send(sender=None, loaded=True)

    assert "読み込み直した概要。" in _text(client.get(url))


@pytest.mark.parametrize("name", ["home", "exchange:activity-list", "recovery:index"])
def test_a_notice_saved_in_the_admin_is_on_the_cached_pages_at_once(client, admin_client, page_cache, name):
    urls = in_every_language(name)
    for url in urls:
        assert "地震による断水" not in _text(client.get(url))
    now = timezone.localtime()
    response = admin_client.post(reverse("admin:notices_emergencynotice_add"), {
        "level": "disaster", "title": "地震による断水", "text": "", "link": "",
        "starts_at_0": now.strftime("%Y-%m-%d"), "starts_at_1": now.strftime("%H:%M:%S"),
        "ends_at_0": "", "ends_at_1": "",
    })
    assert response.status_code == 302
    for url in urls:
        assert "地震による断水" in _text(client.get(url)), url


def test_a_notice_starts_and_ends_on_time_on_a_cached_page(client, page_cache):
    start = timezone.make_aware(datetime.datetime(2026, 12, 2, 9, 0))
    EmergencyNoticeFactory(title="給水所の開設", starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    url = reverse("home")
    for moment, shown in [("2026-12-02 08:30", False), ("2026-12-02 08:59", False),
                          ("2026-12-02 09:00", True), ("2026-12-02 11:59", True),
                          ("2026-12-02 12:00", False), ("2026-12-02 12:30", False)]:
        with freeze_time(timezone.make_aware(datetime.datetime.fromisoformat(moment))):
            assert ("給水所の開設" in _text(client.get(url))) is shown, moment


def test_a_page_of_today_is_not_kept_past_midnight(client, page_cache, city):
    url = reverse("exchange:anniversary-list")
    with freeze_time(timezone.make_aware(datetime.datetime(2026, 3, 31, 23, 50))):
        before = _text(client.get(url))
    with freeze_time(timezone.make_aware(datetime.datetime(2026, 4, 1, 0, 1))):
        after = _text(client.get(url))
    # 2026-04-01 opens a new 年度 (令和8年度): the page says so.
    assert "令和8年度" not in before and "令和8年度" in after


def test_a_conditional_request_gets_304_until_the_content_changes(client, page_cache, city):
    url = city.get_absolute_url()
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"]

    unchanged = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304 and unchanged["ETag"] == first["ETag"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304

    city.overview = "新しい概要。"
    city.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and "新しい概要。" in _text(changed)
    assert changed["ETag"] != first["ETag"]


def test_signed_in_staff_always_see_live_pages(admin_client, page_cache, city):
    url = city.get_absolute_url()
    changelist = reverse("admin:exchange_partnercity_changelist")
    assert "最初の概要。" in _text(admin_client.get(url))
    admin_client.get(changelist)
    # Rows changed without a signal: only a page rendered again shows them.
    PartnerCity.objects.filter(pk=city.pk).update(overview="黙って変えた概要。", name="黙って改名した市")

    page = admin_client.get(url)
    assert "黙って変えた概要。" in _text(page) and "ETag" not in page
    assert "黙って改名した市" in _text(admin_client.get(changelist))


def test_the_admin_login_page_is_never_stored(client, page_cache):
    login = reverse("admin:login")
    first = client.get(login)
    second = client.get(login)
    assert "ETag" not in second
    assert first.cookies["csrftoken"].value and second.cookies["csrftoken"].value


def test_public_pages_are_compressed_and_staff_pages_are_not(client, admin_client, page_cache):
    url = reverse("exchange:activity-list")
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "交流の記録" in gzip.decompress(response.content).decode()
    # Served again from the cache, compressed again.
    assert client.get(url, HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == "gzip"

    staff = admin_client.get(reverse("admin:exchange_partnercity_changelist"), HTTP_ACCEPT_ENCODING="gzip")
    assert staff.status_code == 200 and "Content-Encoding" not in staff


def test_a_notice_that_starts_by_itself_is_newer_for_a_request_by_date(client, page_cache):
    """No write happens when a scheduled notice starts: a client asking with
    If-Modified-Since alone (a proxy, a crawler) still gets the page with the notice."""
    start = timezone.make_aware(datetime.datetime(2026, 12, 2, 9, 0))
    url = reverse("home")
    with freeze_time(start - datetime.timedelta(minutes=10)):
        EmergencyNoticeFactory(title="予定された断水", starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    with freeze_time(start - datetime.timedelta(minutes=5)):
        before = client.get(url)
    assert "予定された断水" not in _text(before)
    with freeze_time(start + datetime.timedelta(minutes=5)):
        after = client.get(url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
    assert after.status_code == 200 and "予定された断水" in _text(after)


def _through_the_server(request):
    """Status, headers and body as the WSGI server (gunicorn) gets them from the portal.

    The test client drops a HEAD answer's body itself; gunicorn sends whatever it is given.
    """
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=status, headers=dict(headers))

    # As Django's test client does: the request must not close the test's database
    # connection (on PostgreSQL that ends the test's transaction).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        chunks = WSGIHandler()(request.environ, start_response)
        try:
            body = b"".join(chunks)
        finally:
            chunks.close()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return started["status"], started["headers"], body


@pytest.mark.parametrize("cached", [True, False])
def test_a_head_request_gets_the_headers_without_the_body(rf, settings, city, cached):
    settings.PORTAL_PAGE_CACHE_SECONDS = 3600 if cached else 0
    url = city.get_absolute_url()
    status, get_headers, page = _through_the_server(rf.get(url))
    assert status.startswith("200") and "最初の概要。" in page.decode()

    # The first HEAD (a cache miss, or a live page) and the next (from the cache).
    for _ in range(2):
        status, headers, body = _through_the_server(rf.head(url))
        assert status.startswith("200") and body == b""
        assert headers["Content-Length"] == str(len(page))
        assert headers.get("ETag") == get_headers.get("ETag")


def test_a_head_request_for_a_download_gets_no_file(rf, city):
    status, headers, body = _through_the_server(rf.head(reverse("exchange:activity-list") + "?format=csv"))
    assert status.startswith("200") and body == b""
    assert headers["Content-Type"].startswith("text/csv")


def test_what_signed_in_staff_get_is_never_kept_by_a_shared_proxy(admin_client, client, page_cache, city):
    for url in (city.get_absolute_url(), reverse("home"), reverse("admin:index")):
        cache_control = admin_client.get(url)["Cache-Control"]
        assert "private" in cache_control and "no-cache" in cache_control, (url, cache_control)
    anonymous = client.get(city.get_absolute_url())["Cache-Control"]
    assert "private" not in anonymous and "no-cache" in anonymous


def test_an_anonymous_page_makes_no_query_even_when_the_cache_was_emptied(client, page_cache, city, django_assert_num_queries):
    url = city.get_absolute_url()
    pagecache.cache().clear()
    client.get(url)
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200
        assert client.get(url, HTTP_IF_NONE_MATCH='"stale"').status_code == 200


def test_the_hello_world_of_the_benchmark_makes_no_query(client, settings, page_cache, django_assert_num_queries):
    settings.ROOT_URLCONF = "bench.pages_urls"
    pagecache.cache().clear()
    with django_assert_num_queries(0):
        assert client.get("/bench-hello/").content == b"Hello, world"
