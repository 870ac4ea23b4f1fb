"""The search test set: queries a citizen would type, written from the document.

Each query names the records it must return first (by the title the result shows; a
title ending in 「…」 is a beginning). The first results must be exactly those records,
in any order among themselves. Runs on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm).
"""
import pytest

from exchange.models import ExchangeActivity
from search.models import SearchEntry
from search.query import SearchQuery

from .results import search_page, titles

pytestmark = pytest.mark.django_db

SISTER_CITIES = ["サンアントニオ市", "ローム市", "福井市"]

JAPANESE = [
    # Inside words: Japanese has no spaces.
    ("姉妹", SISTER_CITIES),
    ("姉妹都市", SISTER_CITIES),
    ("友好都市", ["桂林市", "ハイデルベルク市"]),
    ("ハイデル", ["ハイデルベルク市"]),
    ("桂林", ["桂林市"]),
    ("サンアントニオ", ["サンアントニオ市"]),
    ("エクサン", ["エクサンプロヴァンス市"]),
    ("蔚山", ["蔚山広域市"]),
    ("高雄", ["高雄市"]),
    ("福井", ["福井市"]),
    ("蘇州", ["蘇州国家高新区"]),
    ("益城", ["益城町"]),
    ("宇土", ["宇土市"]),
    ("連携中枢", ["熊本連携中枢都市圏"]),
    ("リーディング産業", ["リーディング産業の育成"]),
    ("地下水", ["世界が認めた地下水の保全と緑あふれるまちづくり"]),
    ("子育て", ["だれもが安心して子育てできる環境を整えます。", "安心して子育てができる少子化対策の推進"]),
    ("少子化", ["安心して子育てができる少子化対策の推進"]),
    ("まちづくり", ["安心して暮らせるまちづくり", "ずっと住みたいまちづくり", "訪れてみたいまちづくり"]),
    ("市電", ["市電やバスなどの公共交通と一体となった都市づくり"]),
    ("国際交流会館", ["熊本市国際交流会館"]),
    ("指定管理者", ["熊本市国際交流会館"]),
    ("国際化指針", ["熊本市国際化指針"]),
    ("東アジア", ["熊本市東アジア戦略"]),
    ("市政だより", ["市政だより"]),
    ("点字", ["点字市政だより"]),
    ("記者クラブ", ["報道機関(市政記者クラブ)を通してのパブリシティ活動"]),
    ("ホームページ", ["ホームページなどによる広報"]),
    ("フェイスブック", ["フェイスブックによる情報発信"]),
    ("熊本地震", ["平成28年熊本地震"]),
    ("生活再建", ["生活再建支援課"]),
    ("市民病院", ["熊本市民病院医師・看護師(計4名)を派遣"]),
    ("パリ", ["エクサンプロヴァンス市: パリの南750km"]),
    ("ネッカー", ["当時の石坂繁熊本市長が訪独の際、ハイデルベルク市を訪問したことを…"]),
    # Width, kana and case are ignored.
    ("ﾊｲﾃﾞﾙﾍﾞﾙｸ", ["ハイデルベルク市"]),
    ("はいでるべるく", ["ハイデルベルク市"]),
    ("ｻﾝｱﾝﾄﾆｵ", ["サンアントニオ市"]),
    ("らじお", ["テレビ・ラジオによる広報"]),
    ("フクイ", ["第30回ふくい春まつりへ市長訪問団(8名)の派遣", "第31回ふくい春まつりへ市長訪問団(6名)の派遣"]),
    ("ＤＶ", ["DV被害者への支援等"]),
    ("rkk", ["RKK", "RKK"]),
    # Places and countries.
    ("中華人民共和国", ["桂林市", "蘇州国家高新区"]),
    ("アメリカ", ["サンアントニオ市", "ローム市"]),
    ("台湾", ["高雄市"]),
    # Several words: every one must match.
    ("サンアントニオ　姉妹", ["サンアントニオ市"]),
    # 和暦 and 西暦 find the same records.
    ("昭和54年", ["桂林市"]),
    ("1979", ["桂林市"]),
    ("平成28年4月14日", ["平成28年熊本地震"]),
    ("２０１６年４月１４日", ["平成28年熊本地震"]),
    ("令和5年度", ["熊本市第7次総合計画"]),
    ("平成35年度", ["熊本市第7次総合計画", "熊本市震災復興計画"]),
    ("2023", ["熊本市第7次総合計画", "熊本市震災復興計画"]),
    ("平成元年", ["熊本市の市制100周年記念式典には同市より市長をはじめ芸能グループが来熊"]),
    ("1989", ["熊本市の市制100周年記念式典には同市より市長をはじめ芸能グループが来熊"]),
]

# The English names the document gives the partner cities (SUPPLEMENT.md), searched in
# the English index (language "en") and on the Japanese pages, which show them too.
ENGLISH = [
    ("Guilin", ["桂林市"], "Guilin"),
    ("San Antonio", ["サンアントニオ市"], "San Antonio, Texas"),
    ("texas", ["サンアントニオ市"], "San Antonio, Texas"),
    ("heidelberg", ["ハイデルベルク市"], "Heidelberg"),
    ("HEIDEL", ["ハイデルベルク市"], "Heidelberg"),
    ("Rome, Georgia", ["ローム市"], "Rome, Georgia"),
    ("Ulsan", ["蔚山広域市"], "Ulsan Metropolitan City"),
    ("provence", ["エクサンプロヴァンス市"], "Aix-en-Provence"),
    ("Suzhou", ["蘇州国家高新区"], "Suzhou New District (Suzhou National New & Hi-tech Industrial Development Zone)"),
    ("Ｋａｏｈｓｉｕｎｇ", ["高雄市"], "Kaohsiung City"),
    ("Fukui", ["福井市"], "Fukui"),
]


def _first(found, count):
    return found[:count]


def _matches(expected, shown):
    return shown.startswith(expected[:-1]) if expected.endswith("…") else shown == expected


def _assert_first(found, expected, query):
    first = _first(found, len(expected))
    unmatched = list(first)
    for title in expected:
        hit = next((shown for shown in unmatched if _matches(title, shown)), None)
        assert hit is not None, f"「{query}」: {title} is not among the first results {first}"
        unmatched.remove(hit)


def test_the_set_has_40_japanese_and_10_english_queries():
    assert len(JAPANESE) >= 40 and len(ENGLISH) >= 10


@pytest.mark.parametrize(("query", "expected"), JAPANESE, ids=[query for query, _ in JAPANESE])
def test_japanese_query_returns_its_records_first(client, query, expected):
    response = search_page(client, query)
    assert response.status_code == 200
    _assert_first(titles(response), expected, query)


@pytest.mark.parametrize(("query", "expected", "english"), ENGLISH, ids=[query for query, _, _ in ENGLISH])
def test_english_query_finds_the_city_in_both_languages(client, query, expected, english):
    # On the Japanese pages, which show each city's English name.
    _assert_first(titles(search_page(client, query)), expected, query)
    # In the English index: the city under its English name.
    found = [entry.title for entry in SearchEntry.objects.in_language("en").search(SearchQuery.parse(query))]
    assert found[:1] == [english]


# On the English pages (/en/search/): a city's English name finds the city first, then
# every record shown with it (its exchange activities name it in their line in English).
# (query, the results first, the city whose activities the query must find, more words)
ENGLISH_PAGE = [
    ("Heidelberg", ["Heidelberg"], "heidelberg", {}),
    ("heidel", ["Heidelberg"], "heidelberg", {}),
    ("Guilin", ["Guilin"], "guilin", {}),
    ("San Antonio", ["San Antonio, Texas"], "san-antonio", {}),
    ("Rome, Georgia", ["Rome, Georgia"], "rome", {}),
    ("ULSAN", ["Ulsan Metropolitan City"], "ulsan", {}),
    ("Aix-en-Provence", ["Aix-en-Provence"], "aix-en-provence", {}),
    ("Suzhou", ["Suzhou New District (Suzhou National New & Hi-tech Industrial Development Zone)"], "suzhou-new-district", {}),
    ("Ｋａｏｈｓｉｕｎｇ", ["Kaohsiung City"], "kaohsiung", {}),
    ("Fukui", ["Fukui"], "fukui", {}),
    # Several words: the city's activities of one kind.
    ("Fukui Hosting", [], "fukui", {"direction": "hosting"}),
    ("Guilin Dispatch", [], "guilin", {"direction": "dispatch"}),
]


@pytest.mark.parametrize(
    ("query", "expected", "city", "only"), ENGLISH_PAGE, ids=[query for query, *_ in ENGLISH_PAGE]
)
def test_english_page_finds_a_city_and_its_activities_by_its_english_name(client, query, expected, city, only):
    _assert_first(titles(search_page(client, query, language="en")), expected, query)
    activities = ExchangeActivity.objects.filter(city__slug=city, **only)
    assert activities.exists()
    found = titles(search_page(client, query, language="en", section="exchange-activities"))
    assert sorted(found) == sorted(activities.values_list("description", flat=True)), query


def test_the_english_page_set_has_10_queries():
    assert len(ENGLISH_PAGE) >= 10
