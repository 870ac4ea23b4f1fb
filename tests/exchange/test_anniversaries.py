"""Anniversaries (周年) of the partner cities: every 5 years from the 10th."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.models import PartnerCity
from tests.factories.exchange import PartnerCityFactory

pytestmark = pytest.mark.django_db

ANNIVERSARIES = reverse("exchange:anniversary-list")


@pytest.fixture
def today(monkeypatch):
    """Set the portal's today (Asia/Tokyo) to the date the test gives."""

    def set_today(day):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    return set_today


def test_anniversaries_come_every_five_years_from_the_tenth():
    guilin = PartnerCity.objects.get(slug="guilin")  # 昭和54年10月1日
    found = guilin.anniversaries_between(datetime.date(1900, 1, 1), datetime.date(2020, 1, 1))
    assert [(a.years, a.date) for a in found] == [
        (10, datetime.date(1989, 10, 1)),
        (15, datetime.date(1994, 10, 1)),
        (20, datetime.date(1999, 10, 1)),
        (25, datetime.date(2004, 10, 1)),
        (30, datetime.date(2009, 10, 1)),
        (35, datetime.date(2014, 10, 1)),
        (40, datetime.date(2019, 10, 1)),
    ]
    assert found[-1].title == "桂林市 友好都市提携40周年"


def test_a_29_february_affiliation_has_its_anniversary_on_28_february_in_common_years():
    city = PartnerCityFactory(affiliated_on=datetime.date(2000, 2, 29))
    assert city.anniversary(10).date == datetime.date(2010, 2, 28)
    assert city.anniversary(20).date == datetime.date(2020, 2, 29)


def test_each_citys_next_anniversary_is_on_or_after_the_day():
    found = {a.city.slug: a for a in PartnerCity.objects.next_anniversaries(datetime.date(2019, 10, 1))}
    assert len(found) == PartnerCity.objects.count()
    assert (found["guilin"].years, found["guilin"].date) == (40, datetime.date(2019, 10, 1))
    assert (found["heidelberg"].years, found["heidelberg"].date) == (30, datetime.date(2022, 5, 19))
    dates = [a.date for a in PartnerCity.objects.next_anniversaries(datetime.date(2019, 10, 1))]
    assert dates == sorted(dates)


def test_the_page_lists_the_next_anniversaries_and_those_of_this_fiscal_year(client, today):
    today(datetime.date(2019, 12, 1))  # 令和元年度: 2019-04-01 to 2020-03-31
    html = client.get(ANNIVERSARIES).content.decode()
    upcoming, past = html.split("にすでに迎えた周年")
    assert "令和元年度(2019年度)" in past
    # 桂林市's 40th (2019-10-01) is behind us this fiscal year; its 45th is next.
    assert "令和元年(2019年)10月1日" in past and "40周年" in past
    assert "令和6年(2024年)10月1日" in upcoming and "45周年" in upcoming
    # ハイデルベルク市 (平成4年5月19日): 30th on 2022-05-19, nothing this fiscal year.
    assert "令和4年(2022年)5月19日" in upcoming and "令和4年" not in past
    assert 'type="text/calendar"' in html


def test_the_page_says_when_no_anniversary_was_this_fiscal_year(client, today):
    today(datetime.date(2018, 4, 1))
    html = client.get(ANNIVERSARIES).content.decode()
    assert "今年度はまだ周年を迎えた都市はありません。" in html


def test_a_month_precision_affiliation_shows_its_month(client, today):
    today(datetime.date(2019, 12, 1))
    html = client.get(ANNIVERSARIES).content.decode()
    assert "令和2年(2020年)4月<" in html  # 蔚山広域市: 平成22年4月, 10周年


def test_staff_see_the_coming_years_anniversaries_on_the_admin_index(admin_client, today):
    today(datetime.date(2019, 6, 1))
    html = admin_client.get(reverse("admin:index")).content.decode()
    module = html.split('id="anniversaries-module"')[1].split("</div>")[0]
    assert "令和元年(2019年)10月1日 — 桂林市 友好都市提携40周年" in module
    assert "令和2年(2020年)4月 — 蔚山広域市 友好協力都市提携10周年" in module
    assert "2022年" not in module  # more than a year ahead


def test_the_page_takes_one_query_whatever_the_number_of_cities(client, django_assert_num_queries):
    PartnerCityFactory.create_batch(20)
    # The cities, and the emergency notices every public page reads (none here).
    with django_assert_num_queries(2):
        assert client.get(ANNIVERSARIES).status_code == 200
