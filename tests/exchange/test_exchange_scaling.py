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
    """Staff see the latest activities first, sorted by (-date, city, order) without a join."""
    url = reverse("admin:exchange_exchangeactivity_changelist")
    with CaptureQueriesContext(connection) as queries:
        page = admin_client.get(url)
    newest = ExchangeActivity.objects.order_by("-date", "city_id", "order").first()
    assert page.context["cl"].result_list[0] == newest
    listing = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "exchange_exchangeactivity"."id"')]
    assert listing and all('ORDER BY "exchange_partnercity"' not in sql for sql in listing)


def test_the_activity_changelist_filters_by_fiscal_year_instead_of_a_date_hierarchy(admin_client):
    url = reverse("admin:exchange_exchangeactivity_changelist")
    page = admin_client.get(url)
    html = page.content.decode()
    assert page.context["cl"].date_hierarchy is None
    assert "平成27年度(2015年度)" in html
    # No 「全 N 件」: it would count the whole table again.
    assert page.context["cl"].full_result_count is None
    filtered = admin_client.get(url, {"fiscal_year": "2015"})
    listed = filtered.context["cl"].result_list
    assert listed and {activity.fiscal_year for activity in listed} == {2015}
    assert filtered.context["cl"].result_count == ExchangeActivity.objects.in_fiscal_year(2015).count()
    for bad in ("abc", "0", "99999999999999999999"):
        response = admin_client.get(url, {"fiscal_year": bad})
        assert response.status_code == 400
        assert "リクエストを処理できません" in response.content.decode()


def test_the_changelist_lists_city_links_only_while_there_are_few(admin_client):
    url = reverse("admin:exchange_exchangeactivity_changelist")
    guilin = PartnerCity.objects.get(slug="guilin")
    link = f'?city__id__exact={guilin.pk}"'
    assert link in admin_client.get(url).content.decode()
    PartnerCity.objects.bulk_create(
        PartnerCityFactory.build_batch(60, responsible_division=guilin.responsible_division)
    )
    assert "?city__id__exact=" not in admin_client.get(url).content.decode()
    # The filter still works, and names the chosen city.
    filtered = admin_client.get(url, {"city__id__exact": guilin.pk})
    assert {activity.city_id for activity in filtered.context["cl"].result_list} == {guilin.pk}
    assert link in filtered.content.decode()


def test_the_changelist_pages_stop_at_the_bound(admin_client, settings):
    settings.PORTAL_MAX_PAGES = 1
    city = PartnerCity.objects.get(slug="guilin")
    ExchangeActivity.objects.bulk_create(
        ExchangeActivityFactory.build(city=city, order=1000 + n) for n in range(100)
    )
    url = reverse("admin:exchange_exchangeactivity_changelist")
    page = admin_client.get(url, {"p": "3"})
    assert page.status_code == 200
    assert page.context["cl"].paginator.num_pages == 1
    assert len(page.context["cl"].result_list) == 100
