"""The folded form search compares, the forms of a date, and highlighting."""
import datetime

import pytest

from search.query import SearchQuery
from search.text import date_terms, excerpt, fiscal_year_terms, fold, highlight, query_terms, western_dates_in


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("ﾊｲﾃﾞﾙﾍﾞﾙｸ", "ハイデルベルク"), ("はいでるべるく", "ハイデルベルク"), ("２０１５", "2015"),
     ("ＤＶ", "DV"), ("heidelberg", "Heidelberg"), ("ガ", "ｶﾞ")],
)
def test_width_kana_and_case_fold_to_one_form(typed, stored):
    assert fold(typed) == fold(stored)


def test_a_query_is_split_into_words_once_each_and_era_year_one_is_gannen():
    assert query_terms("姉妹　都市 姉妹") == ["姉妹", "都市"]
    assert query_terms("平成1年") == ["平成元年"]
    assert query_terms("平成11年") == ["平成11年"]


def test_a_date_is_written_in_wareki_and_seireki_with_its_fiscal_year():
    assert date_terms(datetime.date(2016, 2, 1), "month") == [
        "平成28年(2016年)2月", "平成28年2月", "2016年2月", "平成27年度(2015年度)", "平成27年度", "2015年度",
    ]
    assert date_terms(datetime.date(1989, 1, 1), "year") == ["平成元年(1989年)", "平成元年", "1989年"]
    assert fiscal_year_terms(2019) == ["令和元年度(2019年度)", "令和元年度", "2019年度"]


def test_wareki_dates_in_a_text_get_their_seireki_form():
    assert western_dates_in("昭和54年7月に締結、平成27年度に更新、平成元年") == ["1979年7月", "2015年度", "1989年"]


def test_highlight_marks_what_matched_in_the_text_as_shown_and_escapes_it():
    assert highlight("ハイデルベルク市<b>", fold("ﾊｲﾃﾞﾙ").split()) == "<mark>ハイデル</mark>ベルク市&lt;b&gt;"
    assert highlight("A&B 姉妹", ["姉妹", "a"]) == "<mark>A</mark>&amp;B <mark>姉妹</mark>"


def test_an_excerpt_is_cut_around_the_first_match():
    text = "前" * 300 + "ネッカー河" + "後" * 300
    shown = excerpt(text, ["ねっかー"])
    assert shown.startswith("…") and shown.endswith("…")
    assert "<mark>ネッカー</mark>河" in shown and len(shown) < 250


@pytest.mark.parametrize(("typed", "error"), [("", False), ("姉" * 101, True), (" ".join(f"w{n}" for n in range(11)), True),
     (" ".join(f"w{n}" for n in range(10)), False), ("w " * 20, False)])
def test_a_query_says_why_it_cannot_be_searched(typed, error):
    query = SearchQuery.parse(typed)
    assert bool(query.error) == error
    assert query.searchable == (not error and bool(typed))
