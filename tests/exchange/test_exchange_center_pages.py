"""The public page of the International Center: /international-center/ (exchange:center)."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exchange.models import Floor, InternationalCenter, Room, UsageCategory, UsageRecord
from tests.factories.exchange_center import FloorFactory

pytestmark = pytest.mark.django_db


NAME = "熊本市国際交流会館"


def get_page(client):
    response = client.get(reverse("exchange:center"))
    assert response.status_code == 200
    return response.content.decode()


def test_url_names_kept():
    assert reverse("exchange:center") == "/international-center/"
    assert reverse("exchange:city-list") == "/partner-cities/"
    assert reverse("exchange:activity-list") == "/exchange-activities/"


def test_page_structure(client):
    html = get_page(client)
    assert '<html lang="ja">' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert "<h1>熊本市国際交流会館</h1>" in html
    assert 'aria-current="page">熊本市国際交流会館<' in html
    assert 'style="' not in html and "<script" not in html


def test_page_shows_the_facts(client):
    html = get_page(client)
    facts = html[html.index('<dl class="facts">'):html.index("</dl>")]
    for text in [
        "熊本市",
        "熊本市国際交流会館共同企業体",
        "平成26年度(2014年度)～平成30年度(2018年度)",
        "一般財団法人熊本市国際交流振興事業団",
        "平成18年度(2006年度)",
        "中央区花畑町4番18号",
        "鉄筋鉄骨コンクリート地上7階、地下2階建",
        "1,656m²",
        "8,439m²",
        "平成6年(1994年)9月1日",
        "40億9000万円",
        "4,090,000,000円",
        "最大230名",
        "国際課",
    ]:
        assert text in facts, text
    assert "出典: 市政概要 3(9)" in html


def test_page_shows_the_paragraphs(client):
    html = get_page(client)
    for start in [
        "<p>本市は世界に開かれた国際都市“くまもと”の実現をめざし",
        "<p>同会館では、1・2階の国際交流サポートセンター(エントランスロビー・交流ラウンジ)",
        "<p>また、最大230名収容可能のホールや各種研修室・会議室",
    ]:
        assert start in html, start


def test_page_shows_the_floor_guide(client):
    html = get_page(client)
    assert "<caption>主要施設(階ごと)</caption>" in html
    labels = re.findall(r'<th scope="row">([^<]*階)</th>', html)
    assert labels == ["6・7階", "5階", "4階", "3階", "2階", "1階", "地下1階", "地下2階"]
    for room in ["ホール(230人)", "大広間B", "小会議室(和)", "研修室3", "NGO活動スペース", "多目的ルーム"]:
        assert re.search(rf"<li[^>]*>{re.escape(room)}</li>", html), room


def test_page_shows_usage_with_computed_total(client):
    html = get_page(client)
    assert "<caption>会館利用状況 平成27年度(2015年度)</caption>" in html
    for label, number in [
        ("ホール", "67,887"),
        ("会議室等(16室)", "134,755"),
        ("サポートセンター", "100,294"),
        ("合計", "302,936"),
    ]:
        assert f'<th scope="row">{label}</th><td class="num">{number}</td>' in html, label


def test_page_404_without_a_center(client):
    InternationalCenter.objects.all().delete()
    assert client.get(reverse("exchange:center")).status_code == 404


def test_page_ignores_stray_query_parameters(client):
    response = client.get(reverse("exchange:center"), {"page": "abc", "fiscal_year": "x" * 50})
    assert response.status_code == 200


def add_rows(center, rooms, usage_years, first_year):
    """Add ``rooms`` rooms (on 10 new floors) and 3 usage rows per year for ``usage_years`` years."""
    floors = [FloorFactory(center=center) for _ in range(10)]
    Room.objects.bulk_create(
        Room(floor=floors[i % 10], order=1000 + i, name=f"追加室{first_year}-{i}", source="市政概要 3(9)")
        for i in range(rooms)
    )
    years = [year for year in range(first_year, first_year + usage_years + 1) if year != 2015][:usage_years]
    UsageRecord.objects.bulk_create(
        UsageRecord(center=center, fiscal_year=year, category=category, number_of_users=1, source="市政概要 3(9)")
        for year in years
        for category in UsageCategory.values
    )


def count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        get_page(client)
    return len(queries)


def test_query_count_is_constant(client):
    center = InternationalCenter.objects.get(name=NAME)
    add_rows(center, rooms=10, usage_years=3, first_year=1900)
    few = count_queries(client)
    add_rows(center, rooms=1000, usage_years=333, first_year=1905)
    assert Room.objects.count() > 1000 and UsageRecord.objects.count() > 1000
    assert Floor.objects.count() == 28
    many = count_queries(client)
    assert few == many
    assert many <= 8
