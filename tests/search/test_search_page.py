"""The search page as citizens use it: messages, highlights, links, sections, pages, titles."""
import re

import pytest
from django.db.models import Q
from django.urls import reverse

from core.wareki import fiscal_year_range
from exchange.models import ExchangeActivity
from search.models import SearchEntry
from search.query import MAX_LENGTH, SearchQuery
from tests.factories.exchange import PartnerCityFactory

from .results import results, search_page, titles

pytestmark = pytest.mark.django_db

SECTIONS = ["総合計画", "連携中枢都市圏", "姉妹・友好都市", "交流の記録", "国際交流会館", "広報", "震災復興"]


def _text(response):
    return response.content.decode()


def _main(response):
    return re.search(r"<main[^>]*>(.*?)</main>", _text(response), re.S).group(1)


def _title(response):
    return re.search(r"<title>(.*?)</title>", _text(response), re.S).group(1)


def test_an_empty_query_asks_for_words(client):
    response = search_page(client, "  　 ")
    assert response.status_code == 200
    assert "調べたい言葉を入力してください" in _text(response)
    assert results(response) == []
    assert _title(response) == "サイト内検索 | 熊本市"


def test_an_overlong_query_is_refused_with_the_limit(client):
    response = search_page(client, "姉" * (MAX_LENGTH + 1))
    assert response.status_code == 200
    assert f"{MAX_LENGTH}文字以内で入力してください({MAX_LENGTH + 1}文字ありました)" in _text(response)
    assert results(response) == []


def test_too_many_words_are_refused(client):
    response = search_page(client, " ".join(f"語{n}" for n in range(11)))
    assert response.status_code == 200
    assert "10語までにしてください" in _text(response)


@pytest.mark.parametrize(
    "query",
    ['"', "'", "%", "_", "%_%", "*", "NEAR(", "AND", "OR NOT", "-", "^市", "\\", "\x07",
     "'; DROP TABLE search_searchentry; --", "市 OR 県", "<script>alert(1)</script>", "😀", "﷽"],
)
def test_odd_queries_answer_a_page_never_an_error(client, query):
    response = search_page(client, query)
    assert response.status_code == 200
    assert "<script>alert" not in _text(response)
    assert SearchEntry.objects.exists()  # nothing was dropped


@pytest.mark.parametrize("character", ["%", "_", "%%"])
def test_percent_and_underscore_are_characters_not_wildcards(character):
    found = SearchEntry.objects.in_language("ja").search(SearchQuery.parse(character))
    assert found.count() < SearchEntry.objects.in_language("ja").count()
    assert all(character in entry.search_text for entry in found)


def test_matched_words_are_highlighted_as_shown_whatever_the_width(client):
    html = _text(search_page(client, "ﾊｲﾃﾞﾙ"))
    assert "<mark>ハイデル</mark>ベルク市" in html


def test_highlighting_escapes_the_record_text(client):
    PartnerCityFactory(name="<b>試験</b>市&", heading="<i>見出し</i>")
    html = _text(search_page(client, "試験"))
    assert "&lt;b&gt;<mark>試験</mark>&lt;/b&gt;市&amp;" in html
    assert "<b>" not in html and "<i>" not in html


def test_every_result_links_to_its_page_and_its_place_there(client):
    pages = {}
    for entry in SearchEntry.objects.in_language("ja"):
        if entry.url not in pages:
            response = client.get(entry.url)
            assert response.status_code == 200, entry.url
            pages[entry.url] = _text(response)
        if entry.anchor:
            assert f'id="{entry.anchor}"' in pages[entry.url], f"{entry.title}: #{entry.anchor} on {entry.url}"
    assert len(pages) >= 15


def test_a_result_links_to_the_row_of_the_record(client):
    activity = ExchangeActivity.objects.get(description__startswith="第30回ふくい春まつり")
    (title, link), *_ = results(search_page(client, "第30回ふくい春まつり"))
    assert link == f"/partner-cities/fukui/#exchangeactivity-{activity.pk}"


def test_results_are_grouped_by_section_each_once(client):
    html = _text(search_page(client, "熊本市"))
    headings = re.findall(r'<h2 id="results-[^"]*">(.*?)</h2>', html)
    assert len(headings) >= 2
    assert len(headings) == len(set(headings))
    assert set(headings) <= set(SECTIONS)


def test_the_counts_per_section_narrow_the_query_to_one_section(client):
    html = _text(search_page(client, "熊本"))
    assert re.search(r'href="\?q=%E7%86%8A%E6%9C%AC&amp;section=recovery">震災復興\(\d+\)</a>', html)
    response = search_page(client, "熊本", section="recovery")
    found = results(response)
    assert found and all(link.startswith("/recovery/") for _, link in found)
    assert _title(response) == "「熊本」の検索結果 震災復興 | 熊本市"


def test_results_are_paginated_and_each_page_has_its_own_title(client):
    first, second = search_page(client, "市"), search_page(client, "市", page=2)
    assert len(results(first)) == 20
    assert results(second) and set(results(first)).isdisjoint(results(second))
    assert _title(first) == "「市」の検索結果 | 熊本市"
    assert _title(second) == "「市」の検索結果 2ページ目 | 熊本市"
    assert 'href="?q=%E5%B8%82&amp;page=2"' in _text(first)


def test_each_query_has_its_own_title(client):
    assert _title(search_page(client, "姉妹")) == "「姉妹」の検索結果 | 熊本市"
    assert _title(search_page(client, "桂林")) == "「桂林」の検索結果 | 熊本市"


def test_no_result_suggests_the_nearest_spellings_and_the_sections(client):
    html = _main(search_page(client, "ハイデルベルグ"))
    assert "「ハイデルベルグ」に一致する記録は見つかりませんでした。" in html
    suggestions = re.search(r'<ul class="search-suggestions">(.*?)</ul>', html, re.S).group(1)
    assert ">ハイデルベルク市</a>" in suggestions
    assert 'href="/search/?q=%E3%83%8F%E3%82%A4%E3%83%87%E3%83%AB%E3%83%99%E3%83%AB%E3%82%AF%E5%B8%82"' in suggestions
    for label, url in [("姉妹・友好都市", "/partner-cities/"), ("震災復興", "/recovery/"), ("総合計画", "/plan/")]:
        assert f'<a href="{url}">{label}</a>' in html


def test_a_word_near_nothing_gets_the_sections_to_browse_only(client):
    html = _main(search_page(client, "zqxwv"))
    assert "search-suggestions" not in html
    for label in SECTIONS:
        assert html.count(f">{label}</a>") == 1


def _activities(query):
    found = SearchEntry.objects.in_language("ja").search(SearchQuery.parse(query))
    return set(found.filter(model="exchange.exchangeactivity").values_list("object_id", flat=True))


def test_wareki_and_seireki_years_find_the_same_activities():
    start, end = fiscal_year_range(2015)
    dated = set(
        ExchangeActivity.objects.filter(Q(date__year=2015) | Q(date__range=(start, end))).values_list("pk", flat=True)
    )
    assert dated  # the document has activities in 2015
    assert _activities("平成27年") == _activities("2015") >= dated
    assert _activities("平成27年度") == _activities("2015年度") >= set(
        ExchangeActivity.objects.filter(date__range=(start, end)).values_list("pk", flat=True)
    )


@pytest.mark.parametrize(
    "url_name", ["home", "planning:plan", "exchange:city-list", "exchange:activity-list", "public_relations:index", "recovery:index", "search:results"]
)
def test_every_page_has_a_labelled_search_box_in_its_header(client, url_name):
    html = _text(client.get(reverse(url_name)))
    header = re.search(r'<header class="site-header">(.*?)</header>', html, re.S).group(1)
    form = re.search(r'<form method="get" action="/search/" role="search"[^>]*aria-labelledby="site-search-label"', header)
    assert form
    assert '<label for="site-search-q" id="site-search-label">サイト内検索</label>' in header
    assert '<input type="search" id="site-search-q" name="q"' in header
