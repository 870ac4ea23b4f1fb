"""Public pages of the partner cities: content, accessibility basics, filters, query counts."""
import datetime
import re
from html import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exchange.models import ExchangeActivity, PartnerCity
from tests.factories.exchange import (
    AffiliationMilestoneFactory,
    CityDistanceFactory,
    ExchangeActivityFactory,
    PartnerCityFactory,
)

pytestmark = pytest.mark.django_db


CITY_LIST = reverse("exchange:city-list")
ACTIVITY_LIST = reverse("exchange:activity-list")


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def assert_page_basics(html):
    assert '<html lang="ja">' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert 'aria-label="パンくずリスト"' in html


def test_urls():
    assert CITY_LIST == "/partner-cities/"
    assert ACTIVITY_LIST == "/exchange-activities/"
    assert reverse("exchange:city-detail", kwargs={"slug": "ulsan"}) == "/partner-cities/ulsan/"
    assert reverse("exchange:center") == "/international-center/"


def test_city_list_shows_intro_policies_and_every_city(client):
    html = html_of(client, CITY_LIST)
    assert_page_basics(html)
    assert "本市は中華人民共和国・桂林市" in html
    assert "友好姉妹都市の盟約" in html
    assert "熊本市国際化指針" in html and "熊本市東アジア戦略" in html
    assert "平成21年度(2009年度)" in html
    assert "国内交流(観光政策課)" in html
    for city in PartnerCity.objects.all():
        assert city.get_absolute_url() in html
    assert "平成22年(2010年)4月" in html  # 蔚山: month precision
    assert "平成4年(1992年)5月19日" in html  # ハイデルベルク
    assert "昭和54年(1979年)10月1日" in html  # 桂林
    assert "<caption>" in html and '<th scope="col">' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country_or_region=usa", {"サンアントニオ市", "ローム市"}),
        ("country_or_region=china", {"桂林市", "蘇州国家高新区"}),
        ("relationship_type=sister_city", {"サンアントニオ市", "ローム市", "福井市"}),
        ("relationship_type=partner_city", {"エクサンプロヴァンス市", "蘇州国家高新区"}),
        ("scope=domestic", {"福井市"}),
        ("scope=overseas&country_or_region=taiwan", {"高雄市"}),
        ("scope=domestic&country_or_region=usa", set()),
    ],
)
def test_city_list_filters(client, query, expected):
    response = client.get(f"{CITY_LIST}?{query}")
    assert response.status_code == 200
    assert {city.name for city in response.context["object_list"]} == expected


@pytest.mark.parametrize(
    "query",
    ["country_or_region=atlantis", "relationship_type=enemy", "scope=1", "scope=%00", "page=abc"],
)
def test_city_list_invalid_filters_never_fail(client, query):
    response = client.get(f"{CITY_LIST}?{query}")
    assert response.status_code == 200
    assert len(re.findall(r"<h1[\s>]", response.content.decode())) == 1


def test_city_detail_of_ulsan(client):
    html = html_of(client, reverse("exchange:city-detail", kwargs={"slug": "ulsan"}))
    assert_page_basics(html)
    assert "<h1>蔚山広域市</h1>" in html
    assert "Ulsan Metropolitan City" in html
    assert "大韓民国" in html and "友好協力都市" in html
    assert "平成22年(2010年)4月" in html
    assert "平成22年(2010年)4月1日" not in html
    assert "平成19年(2007年)10月" in html  # milestone
    assert "青少年文化訪問団(21名)の受入" in html
    assert "117万人(2015年現在)" in html
    assert "1,058km²" in html
    assert "釜山広域市の北70km" in html
    assert "35.5384" in html and "129.3114" in html
    assert "国際課" in html
    assert "出典: 熊本市『市政概要』平成28年度版 3(5)" in html


def test_city_detail_counts_the_citys_activities_in_both_languages(client):
    guilin = PartnerCity.objects.get(slug="guilin")
    count = guilin.activities.count()
    assert count > 1
    url = reverse("exchange:city-detail", kwargs={"slug": "guilin"})
    assert f"<caption>桂林市との{guilin.activities_heading}({count}件)</caption>" in html_of(client, url)
    assert f"<caption>Recent main exchanges with Guilin ({count} records)</caption>" in html_of(client, "/en" + url)


def test_city_detail_shows_approximate_figures_and_state(client):
    html = html_of(client, reverse("exchange:city-detail", kwargs={"slug": "rome"}))
    assert "ジョージア州" in html and "姉妹都市" in html
    assert "約36,000人(2013年現在)" in html
    assert "約77.3km²" in html
    assert "平成22年(2010年)3月23日" in html
    assert "平成7年(1995年)5月29日" in html and "盟約" in html
    html = html_of(client, reverse("exchange:city-detail", kwargs={"slug": "heidelberg"}))
    assert "116m" in html and "1,190万人" in html
    html = html_of(client, reverse("exchange:city-detail", kwargs={"slug": "san-antonio"}))
    assert "約3,100万人" in html
    assert "テキサス州" in html


def test_city_detail_of_kaohsiung_and_fukui(client):
    html = html_of(client, reverse("exchange:city-detail", kwargs={"slug": "kaohsiung"}))
    assert "国際交流促進覚書(MOU)" in html
    assert "平成25年(2013年)9月9日" in html
    assert "協定締結までの経緯" in html and "主な交流の経緯" in html
    assert "熊本県と共同" in html
    html = html_of(client, reverse("exchange:city-detail", kwargs={"slug": "fukui"}))
    assert "平成6年(1994年)11月16日" in html and "平成7年(1995年)2月17日" in html
    assert "観光政策課" in html and "出典: 熊本市『市政概要』平成28年度版 4" in html
    assert "約267,000人(2015年7月1日現在)" in html


def test_city_detail_unknown_slug_is_404(client):
    assert client.get("/partner-cities/atlantis/").status_code == 404


def test_activity_list_first_page(client, settings):
    settings.PORTAL_PAGE_SIZE = 20
    response = client.get(ACTIVITY_LIST)
    html = response.content.decode()
    assert_page_basics(html)
    assert response.context["paginator"].count == 65
    assert len(response.context["object_list"]) == 20
    # newest first: 福井市 平成28年4月
    assert "平成28年(2016年)4月" in html and "第31回ふくい春まつり" in html


def test_activity_list_filters(client):
    response = client.get(f"{ACTIVITY_LIST}?city=fukui&fiscal_year=2015")
    assert response.status_code == 200
    rows = list(response.context["object_list"])
    assert len(rows) == 5
    assert all(datetime.date(2015, 4, 1) <= a.date <= datetime.date(2016, 3, 31) for a in rows)
    html = response.content.decode()
    assert '<option value="2015" selected>平成27年度(2015年度)</option>' in html
    response = client.get(f"{ACTIVITY_LIST}?city=guilin&direction=dispatch")
    assert {a.description for a in response.context["object_list"]} == {
        "熊本市高校生友好訪問団(19名)の派遣",
        "友好都市締結35周年事業及び第5回桂林市国際旅行博覧会への派遣(32名)",
        "熊本市高校生友好訪問団(10名)の派遣",
    }


def test_activity_list_pagination_keeps_filter(client, settings):
    settings.PORTAL_PAGE_SIZE = 3
    response = client.get(f"{ACTIVITY_LIST}?city=kaohsiung&page=2")
    html = response.content.decode()
    assert response.context["page_obj"].number == 2
    assert 'href="?city=kaohsiung&amp;page=3"' in html
    assert 'href="?city=kaohsiung&amp;page=1"' in html


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=9999",
        "page=-1",
        "fiscal_year=abc",
        "fiscal_year=1900",
        "fiscal_year=99999999999999999999",
        "city=atlantis",
        "city=1",
        "direction=war",
        "city=fukui&fiscal_year=2010&page=2",
    ],
)
def test_activity_list_invalid_values_never_fail(client, query):
    response = client.get(f"{ACTIVITY_LIST}?{query}")
    assert response.status_code == 200
    assert len(re.findall(r"<h1[\s>]", response.content.decode())) == 1


def test_activity_list_huge_page_shows_last_page(client, settings):
    settings.PORTAL_PAGE_SIZE = 20
    response = client.get(f"{ACTIVITY_LIST}?page=9999")
    assert response.context["page_obj"].number == 4  # 65 rows / 20


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_city_list_query_count_does_not_grow(client):
    small = count_queries(client, CITY_LIST)
    PartnerCity.objects.bulk_create(PartnerCityFactory.build_batch(1000))
    assert count_queries(client, CITY_LIST) == small


def test_city_detail_query_count_does_not_grow(client):
    city = PartnerCityFactory()
    for _ in range(3):
        ExchangeActivityFactory(city=city)
        AffiliationMilestoneFactory(city=city)
    CityDistanceFactory(city=city)
    url = city.get_absolute_url()
    small = count_queries(client, url)
    ExchangeActivity.objects.bulk_create(ExchangeActivityFactory.build_batch(1000, city=city))
    milestones = AffiliationMilestoneFactory.build_batch(300, city=city)
    type(milestones[0]).objects.bulk_create(milestones)
    assert count_queries(client, url) == small


def test_activity_list_query_count_does_not_grow(client):
    cities = PartnerCityFactory.create_batch(10)
    url = f"{ACTIVITY_LIST}?fiscal_year=2015&page=2"
    small = count_queries(client, url)
    activities = [
        ExchangeActivityFactory.build(city=cities[i % 10], date=datetime.date(2000 + i % 20, 1 + i % 12, 1))
        for i in range(1000)
    ]
    ExchangeActivity.objects.bulk_create(activities)
    assert count_queries(client, url) == small


def test_international_center_stub_still_answers(client):
    assert client.get(reverse("exchange:center")).status_code == 200


@pytest.mark.parametrize("direction", ["dispatch", "hosting"])
def test_activity_filter_finds_an_exchange_of_visits_both_ways(client, direction):
    response = client.get(ACTIVITY_LIST, {"city": "kaohsiung", "direction": direction})
    html = response.content.decode()
    assert response.status_code == 200
    assert "高雄市副市長、高雄市議会議長ら訪問団が熊本市を訪問" in html
    assert "相互訪問(派遣・受入)" in html


def test_a_date_before_meiji_is_shown_in_gregorian_not_an_error(client):
    """Regression: an activity typed as 1800-01-01 made every activity page answer 500."""
    guilin = PartnerCity.objects.get(slug="guilin")
    ExchangeActivityFactory(city=guilin, date=datetime.date(1800, 1, 1), date_precision="day")
    guilin.affiliated_on = datetime.date(1868, 1, 10)
    guilin.save()
    for url in (ACTIVITY_LIST, "/partner-cities/guilin/", "/partner-cities/"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "1800年1月1日" in client.get("/partner-cities/guilin/").content.decode()
    assert "1799年度" in client.get(ACTIVITY_LIST).content.decode()


@pytest.mark.django_db
def test_a_citys_english_page_shows_the_english_name_the_dataset_publishes(client):
    # One English name per city: the English page's, the Japanese page's 英語名 and the
    # open data's 英語名 column (SUPPLEMENT.md's official names, 蘇州国家高新区 in full).
    from django.utils import translation

    from tests.support.downloads import body, read_download

    with translation.override("ja"):
        dataset = client.get(reverse("opendata:file", args=["partner-cities.csv"]))
    _, rows = read_download(body(dataset), "csv")
    published = {row["提携先名称"]: row["英語名"] for row in rows}
    assert published["蘇州国家高新区"] == (
        "Suzhou New District (Suzhou National New & Hi-tech Industrial Development Zone)"
    )
    for city in PartnerCity.objects.all():
        with translation.override("en"):
            page = client.get(city.get_absolute_url()).content.decode()
        assert escape(published[city.name_ja]) in page, city.name_ja  # English pages show name_en
        japanese = client.get(city.get_absolute_url()).content.decode()
        assert f'<dd lang="en">{escape(published[city.name_ja])}</dd>' in japanese


@pytest.mark.django_db
def test_english_city_facts_space_their_units_and_brackets(client):
    # 「116m」「(2014年推計)」 read in English as 「116 m」「 (2014, …)」, not 「116m」「people(2014」.
    html = client.get("/en/partner-cities/heidelberg/").content.decode()
    lists = [part.split("</dl>")[0] for part in html.split('<dl class="facts">')[1:]]
    facts = re.sub(r"<[^>]+>", "|", next(part for part in lists if "Altitude" in part))
    assert re.search(r"\d m\|", facts) and not re.search(r"\dm\|", facts), facts
    assert "people (" in facts and "people(" not in facts, facts
