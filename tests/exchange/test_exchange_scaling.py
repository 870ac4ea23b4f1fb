"""The partner-city pages and admin cost the same whatever the number of related rows."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exchange.models import AffiliationMilestone, ExchangeActivity, PartnerCity
from tests.factories.exchange import (
    AffiliationMilestoneFactory,
    ExchangeActivityFactory,
    PartnerCityFactory,
)

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries]


def _add_rows(city, count, first):
    ExchangeActivity.objects.bulk_create(
        ExchangeActivityFactory.build(city=city, order=first + n) for n in range(count)
    )
    AffiliationMilestone.objects.bulk_create(
        AffiliationMilestoneFactory.build(city=city, order=first + n) for n in range(count)
    )


def test_the_city_change_form_costs_the_same_at_10_and_1000_related_rows(admin_client):
    city = PartnerCityFactory()
    _add_rows(city, 10, 1)
    url = reverse("admin:exchange_partnercity_change", args=[city.pk])
    small = _queries(admin_client, url)
    _add_rows(city, 990, 11)

    large = _queries(admin_client, url)

    assert len(large) == len(small), "\n".join(large[len(small) - 5:][:20])


def test_the_activity_changelist_costs_the_same_at_10_and_1000_rows(admin_client):
    url = reverse("admin:exchange_exchangeactivity_changelist")
    small = len(_queries(admin_client, url))
    cities = PartnerCity.objects.bulk_create(PartnerCityFactory.build_batch(100, responsible_division=PartnerCity.objects.first().responsible_division))
    ExchangeActivity.objects.bulk_create(
        ExchangeActivityFactory.build(city=cities[n % 100], order=1 + n) for n in range(1000)
    )
    assert len(_queries(admin_client, url)) == small


def test_the_city_list_is_paginated(client, settings):
    settings.PORTAL_PAGE_SIZE = 5
    total = PartnerCity.objects.count()
    first = client.get(reverse("exchange:city-list"))
    second = client.get(reverse("exchange:city-list"), {"page": 2})
    assert len(first.context["object_list"]) == 5
    assert first.context["paginator"].count == total
    html = first.content.decode()
    assert f"姉妹・友好都市({total}都市、1ページ目)" in html
    assert 'href="?page=2"' in html
    names = {city.name for city in first.context["object_list"]} | {c.name for c in second.context["object_list"]}
    assert len(names) == min(10, total)


def test_the_fiscal_year_choices_are_read_once_per_content_version(client, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 3600
    url = reverse("exchange:activity-list")
    client.get(url, {"page": 1})
    distinct = [sql for sql in _queries(client, url + "?page=2") if "DISTINCT" in sql]
    assert distinct == []
    assert "平成元年度" not in client.get(url, {"page": 3}).content.decode()

    # A new activity in a new fiscal year: the choices follow the save.
    ExchangeActivityFactory(city=PartnerCity.objects.first(), order=900, date=datetime.date(1989, 6, 1))
    assert "平成元年度" in client.get(url, {"page": 4}).content.decode()


def test_the_activity_changelist_shows_the_newest_first_through_its_index(admin_client):
    """Staff see the latest activities first, sorted by (-date, order) without a join."""
    url = reverse("admin:exchange_exchangeactivity_changelist")
    with CaptureQueriesContext(connection) as queries:
        page = admin_client.get(url)
    newest = ExchangeActivity.objects.order_by("-date", "order").first()
    assert page.context["cl"].result_list[0] == newest
    listing = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "exchange_exchangeactivity"."id"')]
    assert listing and all('ORDER BY "exchange_partnercity"' not in sql for sql in listing)
