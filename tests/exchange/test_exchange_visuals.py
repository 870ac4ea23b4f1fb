"""The map of the partner cities and the charts of the exchange pages, as a citizen gets
them without JavaScript: drawn in the HTML, every city a link, every value in a table."""
import collections
import re

import pytest
from django.urls import reverse

from core.wareki import format_fiscal_year
from exchange.models import CityDistance, ExchangeActivity, PartnerCity, UsageRecord
from exchange.visuals import INSET, WORLD

pytestmark = pytest.mark.django_db

CITY_LIST = reverse("exchange:city-list")
ACTIVITY_LIST = reverse("exchange:activity-list")
CENTER = reverse("exchange:center")


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def svg(html, css_class):
    """The SVG element of class ``css_class`` (its whole text)."""
    match = re.search(rf'<svg class="{css_class}".*?</svg>', html, re.S)
    assert match, css_class
    return match.group(0)


def markers(svg_text):
    """``{place name: (href, accessible name, cx, cy)}`` of the linked markers of a map."""
    found = {}
    for match in re.finditer(
        r'<a class="map-marker[^"]*" href="([^"]+)" aria-label="([^"]+)"[^>]*data-place="([^"]+)">'
        r'<circle cx="([\d.]+)" cy="([\d.]+)"',
        svg_text,
    ):
        href, label, name, cx, cy = match.groups()
        found[name] = (href, label, float(cx), float(cy))
    return found


def view_box(svg_text):
    return [float(number) for number in re.search(r'viewBox="([^"]+)"', svg_text).group(1).split()]


def test_the_city_list_maps_every_city_as_a_link_to_its_page(client):
    html = html_of(client, CITY_LIST)
    assert "<style" not in html and " style=" not in html and "<script" not in html
    world, inset = svg(html, "map map-world"), svg(html, "map map-inset")
    drawn = {**markers(world), **markers(inset)}
    cities = list(PartnerCity.objects.all())
    assert len(cities) == 9
    assert set(drawn) == {city.name for city in cities}
    for city in cities:
        href, label, _, _ = drawn[city.name]
        assert href == city.get_absolute_url()
        # The link's accessible name says the city and its country.
        assert city.name in label and city.get_country_or_region_display() in label
    # Each city is drawn once: on the inset when it is in Japan or nearby, else on the world.
    assert len(re.findall(r'<a class="map-marker', html)) == 9


def test_fukui_and_kumamoto_are_on_the_japan_inset(client):
    inset = svg(html_of(client, CITY_LIST), "map map-inset")
    assert "福井市" in markers(inset)
    assert re.search(r'<g class="map-home" data-place="熊本市">', inset)
    world = svg(html_of(client, CITY_LIST), "map map-world")
    assert "福井市" not in markers(world) and "ハイデルベルク市" in markers(world)


def test_every_marker_lies_within_its_map_and_where_its_coordinates_say(client):
    html = html_of(client, CITY_LIST)
    for css_class, frame in (("map map-world", WORLD), ("map map-inset", INSET)):
        drawing = svg(html, css_class)
        _, _, width, height = view_box(drawing)
        for name, (_, _, cx, cy) in markers(drawing).items():
            assert 0 <= cx <= width and 0 <= cy <= height, name
            city = PartnerCity.objects.get(name=name)
            # Longitude grows to the right, latitude upwards, linearly (equirectangular).
            share_x = (float(city.longitude) - frame.west) / (frame.east - frame.west)
            share_y = (frame.north - float(city.latitude)) / (frame.north - frame.south)
            assert cx == pytest.approx(share_x * width, abs=0.1), name
            assert cy == pytest.approx(share_y * height, abs=0.2), name


def test_west_to_east_on_the_world_map(client):
    drawn = markers(svg(html_of(client, CITY_LIST), "map map-world"))
    x = {name: values[2] for name, values in drawn.items()}
    assert x["サンアントニオ市"] < x["ローム市"] < x["エクサンプロヴァンス市"] < x["ハイデルベルク市"]


def test_the_list_beside_the_map_says_the_same_and_labels_computed_distances(client):
    html = html_of(client, CITY_LIST)
    listing = re.search(r'<ol class="place-list">.*?</ol>', html, re.S).group(0)
    for number, city in enumerate(PartnerCity.objects.order_by("order"), start=1):
        item = re.search(rf'<span class="place-number" aria-hidden="true">{number}</span> (.*?)</li>', listing, re.S)
        assert item, city.name
        assert f'<a href="{city.get_absolute_url()}">{city.name}</a>' in item.group(1)
        assert city.get_country_or_region_display() in item.group(1)
        assert "km(計算値)" in item.group(1)
    # 熊本市–福井市: about 620 km as the crow flies (a road atlas gives ~600 km).
    fukui = re.search(r">福井市</a>(.*?)</li>", listing, re.S).group(1)
    assert "熊本市から約620km(計算値)" in fukui
    assert "大圏距離" in html and "市政概要の数字ではありません" in html
    # The positions the document gives are quoted as the document's.
    for distance in CityDistance.objects.all():
        assert f"市政概要: {distance.reference_place}の{distance.direction}" in listing


def test_the_city_page_shows_the_map_with_its_city_marked(client):
    city = PartnerCity.objects.get(slug="heidelberg")
    html = html_of(client, city.get_absolute_url())
    world = svg(html, "map map-world")
    assert re.search(r'<a class="map-marker map-marker-current" href="/partner-cities/heidelberg/"[^>]*aria-current="page"', world)
    assert len(re.findall("map-marker-current", html)) == 1
    assert '<strong aria-current="page">ハイデルベルク市</strong>' in html
    fukui = html_of(client, reverse("exchange:city-detail", kwargs={"slug": "fukui"}))
    assert "map-marker-current" in svg(fukui, "map map-inset")


def chart_values(html, chart_id):
    """``{bar label: {series label: value}}`` as drawn in the chart ``chart_id``."""
    figure = re.search(rf'<figure class="chart" id="{chart_id}">.*?</figure>', html, re.S).group(0)
    drawing = figure[: figure.index("</svg>", figure.index('class="chart-bars"'))]
    values = {}
    for bar in re.finditer(r'<g class="chart-bar" data-label="([^"]+)"(.*?)</g>', drawing, re.S):
        values[bar.group(1)] = {
            series: int(value)
            for series, value in re.findall(r'data-series="([^"]*)" data-value="(\d+)"', bar.group(2))
        }
    return figure, values


def table_values(figure):
    """The same, read from the table under the chart."""
    table = figure[figure.index("<table") :]
    values = {}
    for row in re.finditer(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', table, re.S):
        values[row.group(1)] = {
            series: int(value.replace(",", ""))
            for series, value in re.findall(r'<li data-series="[^"]*">([^<]+) <span class="nowrap">([\d,]+)件', row.group(2))
        }
    return values


def expected_counts(activities, key):
    counts = collections.defaultdict(collections.Counter)
    for activity in activities:
        counts[key(activity)][activity.get_direction_display()] += 1
    return {label: dict(counter) for label, counter in counts.items()}


def test_activity_charts_count_every_record_and_their_tables_say_the_same(client):
    html = html_of(client, ACTIVITY_LIST)
    activities = list(ExchangeActivity.objects.select_related("city"))
    by_year = expected_counts(activities, lambda a: format_fiscal_year(a.fiscal_year))
    by_city = expected_counts(activities, lambda a: a.city.name)
    for chart_id, expected in (("activities-by-year", by_year), ("activities-by-city", by_city)):
        figure, drawn = chart_values(html, chart_id)
        assert drawn == expected
        assert table_values(figure) == expected
        assert '<div class="chart-drawing" aria-hidden="true">' in figure
        assert "<figcaption>" in figure
    # Every page of the list, not just the first 20 rows.
    assert sum(sum(bar.values()) for bar in by_year.values()) == len(activities) == 65


def test_activity_charts_follow_the_filter(client):
    html = html_of(client, f"{ACTIVITY_LIST}?city=guilin&fiscal_year=2015")
    guilin = ExchangeActivity.objects.filter(city__slug="guilin").in_fiscal_year(2015)
    _, by_city = chart_values(html, "activities-by-city")
    assert by_city == {"桂林市": expected_counts(guilin, lambda a: a.city.name)["桂林市"]}
    _, by_year = chart_values(html, "activities-by-year")
    assert list(by_year) == ["平成27年度(2015年度)"]
    empty = html_of(client, f"{ACTIVITY_LIST}?fiscal_year=abc")
    assert "グラフにする値がありません。" in empty


def test_the_center_chart_draws_each_usage_figure_of_the_table(client):
    html = html_of(client, CENTER)
    figure, drawn = chart_values(html, "usage-chart")
    records = list(UsageRecord.objects.all())
    assert drawn == {record.category_label(): {"": record.number_of_users} for record in records}
    assert "数値は下の表のとおり" in figure
    after = html[html.index("</figure>") :]
    for record in records:
        assert f'<th scope="row">{record.category_label()}</th><td class="num">{record.number_of_users:,}</td>' in after


@pytest.mark.parametrize(
    "url,queries",
    [
        # sections, policies, cities + their distances (map), the filtered list's count and page
        (CITY_LIST, 7),
        # the city with division, milestones, distances, activities; the map's cities + distances
        ("/partner-cities/fukui/", 7),
        # the filter's years, count, page; the two charts' counts (the city box is text:
        # no query of every city for its options)
        (ACTIVITY_LIST, 6),
        # and the cities' names, to find the one typed
        (f"{ACTIVITY_LIST}?city=guilin&fiscal_year=2015", 7),
        (CENTER, 6),
    ],
)
def test_the_pages_with_map_or_charts_take_a_fixed_number_of_queries(client, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_english_charts_count_activities_in_the_singular_and_the_plural(client):
    """Guilin has one exhibition and three dispatches: 「1 activity」, 「3 activities」."""
    page = client.get("/en/exchange-activities/").content.decode()
    assert re.search(r'data-series="Exhibition">Exhibition <span class="nowrap">1 activity</span>', page)
    assert ">3 activities<" in page
    assert "1 activities" not in page
