"""Pages put together from kept fragments (``{% fragment %}``, ``pagecache.for_this_version``).

A page the pages' cache does not hold is put together from the fragments and records kept
per content version: it is the same page, byte for byte, changes after any save like the
cached pages do, and reads nothing from the database once its parts are kept.
"""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from freezegun import freeze_time

from exchange.models import PartnerCity
from planning.models import ComprehensivePlan
from tests.factories.notices import EmergencyNoticeFactory

pytestmark = pytest.mark.django_db

DOCUMENT_PAGES = ["/", "/plan/", "/metropolitan-area/", "/recovery/", "/public-relations/",
                  "/international-center/", "/partner-cities/"]


@pytest.fixture
def fragments(settings):
    """Fragments kept as in production (the suite renders pages whole: see conftest)."""
    settings.PORTAL_FRAGMENT_CACHE_SECONDS = 3600


def _pages(client):
    city = PartnerCity.objects.order_by("order").first()
    with translation.override("ja"):
        paths = DOCUMENT_PAGES + [city.get_absolute_url(), "/plan/?table=sectors&format=nope"]
    paths += ["/en" + path for path in paths]
    return {path: client.get(path) for path in paths}


def test_a_page_from_kept_fragments_is_the_same_page(client, settings):
    settings.PORTAL_FRAGMENT_CACHE_SECONDS = 0
    whole = _pages(client)
    settings.PORTAL_FRAGMENT_CACHE_SECONDS = 3600
    first, again = _pages(client), _pages(client)
    for path, response in whole.items():
        assert (response.status_code, response.content) == (first[path].status_code, first[path].content), path
        assert (response.status_code, response.content) == (again[path].status_code, again[path].content), path


@pytest.mark.parametrize("path", ["/plan/", "/en/plan/", "/metropolitan-area/", "/recovery/", "/"])
def test_a_document_page_reads_nothing_once_its_parts_are_kept(client, fragments, path, django_assert_num_queries):
    client.get(path)
    with django_assert_num_queries(0):
        assert client.get(path).status_code == 200


def test_a_save_changes_the_page_at_once(client, fragments):
    plan = ComprehensivePlan.objects.current()
    assert plan.name in client.get("/plan/").content.decode()
    plan.name = "新しい総合計画の名前"
    plan.save()
    assert "新しい総合計画の名前" in client.get("/plan/").content.decode()
    city = PartnerCity.objects.order_by("order").first()
    client.get(city.get_absolute_url())
    city.name = "改名した市"
    city.save()
    assert "改名した市" in client.get(city.get_absolute_url()).content.decode()


def test_staff_see_their_details_after_a_citizen_saw_the_page(client, admin_client, fragments):
    city = PartnerCity.objects.order_by("order").first()
    assert "職員向け" not in client.get(city.get_absolute_url()).content.decode()
    assert "職員向け" in admin_client.get(city.get_absolute_url()).content.decode()
    assert "職員向け" not in client.get(city.get_absolute_url()).content.decode()


def test_a_notice_is_on_the_pages_at_once_and_starts_and_ends_on_time(client, fragments):
    start = timezone.make_aware(datetime.datetime(2026, 12, 2, 9, 0))
    with freeze_time(start - datetime.timedelta(minutes=10)):
        assert "予定された断水" not in client.get("/plan/").content.decode()
        EmergencyNoticeFactory(title="予定された断水", starts_at=start, ends_at=start + datetime.timedelta(hours=3))
        EmergencyNoticeFactory(title="いま出ている避難指示", starts_at=start - datetime.timedelta(hours=1))
        html = client.get("/plan/").content.decode()
        assert "いま出ている避難指示" in html and "予定された断水" not in html
    with freeze_time(start + datetime.timedelta(minutes=5)):
        assert "予定された断水" in client.get("/plan/").content.decode()
    with freeze_time(start + datetime.timedelta(hours=4)):
        assert "予定された断水" not in client.get("/plan/").content.decode()
