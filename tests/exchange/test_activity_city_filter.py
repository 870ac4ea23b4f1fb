"""The activity list's city box: a city typed by its name (Japanese or English, full-width
or half-width, katakana or hiragana) or given by its slug, without JavaScript; the names it
suggests as one types; a page that does not grow with the number of cities."""
import json
import re

import pytest
from django.urls import reverse

from exchange.models import ExchangeActivity, PartnerCity
from tests.factories.exchange import ExchangeActivityFactory, PartnerCityFactory

pytestmark = pytest.mark.django_db

LIST = reverse("exchange:activity-list")
SUGGESTIONS = reverse("exchange:city-suggestions")


def rows(response):
    """The cities of the list's rows (the table's city column)."""
    html = response.content.decode()
    table = html[html.index("<table class=\"cards\">"):]
    return set(re.findall(r'data-label="(?:都市|City)"><a href="[^"]+">([^<]+)</a>', table))


def box(response):
    match = re.search(r'<input type="text" name="city"[^>]*>', response.content.decode())
    assert match, "都市の入力欄がありません"
    return match.group(0)


@pytest.mark.parametrize("typed", [
    "guilin",  # the slug, as every link to the list has it
    "桂林市", "桂林", "Guilin", "GUILIN", "ＧＵＩＬＩＮ", " guilin ", "Guilin City",
])
def test_a_city_typed_by_name_or_slug_filters_the_list(client, typed):
    response = client.get(LIST, {"city": typed})
    assert response.status_code == 200
    assert rows(response) == {"桂林市"}
    assert response.context["paginator"].count == ExchangeActivity.objects.filter(city__slug="guilin").count()
    # The box shows the city by its name, and the title names it.
    assert 'value="桂林市"' in box(response)
    assert "(都市: 桂林市)" in response.content.decode()


@pytest.mark.parametrize("typed", ["サンアントニオ市", "さんあんとにお市", "ｻﾝｱﾝﾄﾆｵ市", "san antonio, texas"])
def test_katakana_hiragana_and_width_are_ignored(client, typed):
    response = client.get(LIST, {"city": typed})
    assert rows(response) == {"サンアントニオ市"}


def test_an_unknown_city_says_so_in_japanese_and_lists_nothing(client):
    response = client.get(LIST, {"city": "どこにもない市"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "「どこにもない市」という都市は見つかりません。都市名を日本語か英語で入力してください。" in html
    assert "条件に合う交流の記録はありません。" in html
    assert 'aria-invalid="true"' in box(response)


def test_an_unknown_city_says_so_in_english_on_english_pages(client):
    response = client.get("/en/exchange-activities/", {"city": "Atlantis"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "No partner city is called “Atlantis”. Type a city’s name in Japanese or English." in html
    assert rows(response) == set()


def test_an_english_name_filters_the_english_list(client):
    response = client.get("/en/exchange-activities/", {"city": "桂林市"})
    assert rows(response) == {"Guilin"}
    assert 'value="Guilin"' in box(response)


def test_a_name_two_cities_share_is_ambiguous(client):
    first = PartnerCity.objects.first()
    for n in (1, 2):
        PartnerCityFactory(english_name="Springfield", name_en="Springfield",
                           responsible_division=first.responsible_division)
    response = client.get(LIST, {"city": "springfield"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "「springfield」に当てはまる都市が複数あります" in html
    assert "条件に合う交流の記録はありません。" in html


@pytest.mark.parametrize("value", ["", "   "])
def test_an_empty_box_lists_every_city(client, value):
    response = client.get(LIST, {"city": value})
    assert response.context["paginator"].count == ExchangeActivity.objects.count()


def test_the_page_costs_the_same_at_10_and_1000_cities(client, django_assert_num_queries):
    division = PartnerCity.objects.first().responsible_division
    PartnerCity.objects.bulk_create(
        PartnerCityFactory.build_batch(10 - PartnerCity.objects.count(), responsible_division=division)
    )
    assert PartnerCity.objects.count() == 10
    with django_assert_num_queries(6):
        small = client.get(LIST)
    with django_assert_num_queries(7):
        client.get(LIST, {"city": "桂林市"})
    cities = PartnerCity.objects.bulk_create(PartnerCityFactory.build_batch(990, responsible_division=division))
    assert PartnerCity.objects.count() == 1000
    ExchangeActivity.objects.bulk_create(
        ExchangeActivityFactory.build(city=city, order=1) for city in cities
    )
    with django_assert_num_queries(6):
        large = client.get(LIST)
    with django_assert_num_queries(7):
        client.get(LIST, {"city": "桂林市"})
    # No option per city: the page does not grow with them (the per-city chart is bounded).
    assert "<option" not in box(large)
    assert len(large.content) < 2 * len(small.content)


def test_the_per_city_chart_shows_the_largest_cities_and_groups_the_others(client):
    division = PartnerCity.objects.first().responsible_division
    cities = PartnerCity.objects.bulk_create(PartnerCityFactory.build_batch(40, responsible_division=division))
    ExchangeActivity.objects.bulk_create(
        ExchangeActivityFactory.build(city=city, order=1) for city in cities
    )
    html = client.get(LIST).content.decode()
    figure = html[html.index('id="activities-by-city"'):]
    figure = figure[: figure.index("</figure>")]
    labels = re.findall(r'<g class="chart-bar" data-label="([^"]+)" data-total="(\d+)"', figure)
    assert len(labels) == 15
    assert labels[-1][0] == "その他(35都市)"
    # The bars and the table add up to every activity.
    assert sum(int(total) for _, total in labels) == ExchangeActivity.objects.count()
    assert "その他(35都市)</th>" in figure
    assert "記録の多い14都市を多い順に示し、残りの35都市は「その他」にまとめています。" in html


def test_suggestions_name_the_cities_containing_what_is_typed(client):
    answer = json.loads(client.get(SUGGESTIONS, {"q": "ｻﾝ"}).content)
    # The name that starts with it first, then the one that holds it.
    assert answer == {"cities": [
        {"value": "サンアントニオ市", "label": "サンアントニオ市(San Antonio, Texas)"},
        {"value": "エクサンプロヴァンス市", "label": "エクサンプロヴァンス市(Aix-en-Provence)"},
    ]}
    english = json.loads(client.get("/en" + SUGGESTIONS, {"q": "gui"}).content)
    assert english == {"cities": [{"value": "Guilin", "label": "Guilin"}]}
    assert json.loads(client.get(SUGGESTIONS, {"q": ""}).content) == {"cities": []}
    assert json.loads(client.get(SUGGESTIONS, {"q": "x" * 500}).content) == {"cities": []}


def test_suggestions_are_at_most_ten_those_starting_with_the_text_first(client):
    division = PartnerCity.objects.first().responsible_division
    PartnerCity.objects.bulk_create(PartnerCityFactory.build_batch(30, responsible_division=division))
    cities = json.loads(client.get(SUGGESTIONS, {"q": "試験"}).content)["cities"]
    assert len(cities) == 10
    PartnerCityFactory(name="中央ロック市", english_name="Central Rock", order=1000, responsible_division=division)
    PartnerCityFactory(name="ロック市", english_name="Rock", order=1001, responsible_division=division)
    found = json.loads(client.get(SUGGESTIONS, {"q": "ろっく"}).content)["cities"]
    assert [city["value"] for city in found] == ["ロック市", "中央ロック市"]


def test_the_box_carries_what_the_combobox_script_needs(client):
    response = client.get(LIST)
    html = response.content.decode()
    assert f'data-combobox-url="{SUGGESTIONS}"' in box(response)
    assert re.search(r'<script src="/static/js/city-combobox[^"]*\.js" defer></script>', html)
    english = client.get("/en/exchange-activities/")
    assert 'data-combobox-url="/en/exchange-activities/cities/"' in box(english)
