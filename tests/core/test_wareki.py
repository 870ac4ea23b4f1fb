"""和暦/西暦/年度 and normalisation rules of the shared module."""
import datetime
import re
from decimal import Decimal

import pytest

from core import wareki


@pytest.mark.parametrize(
    ("day", "precision", "expected"),
    [
        (datetime.date(1992, 5, 19), "day", "平成4年(1992年)5月19日"),
        (datetime.date(2010, 4, 1), "month", "平成22年(2010年)4月"),
        (datetime.date(1979, 10, 1), "day", "昭和54年(1979年)10月1日"),
        (datetime.date(1989, 1, 7), "day", "昭和64年(1989年)1月7日"),
        (datetime.date(1989, 1, 8), "day", "平成元年(1989年)1月8日"),
        (datetime.date(1989, 1, 1), "year", "平成元年(1989年)"),
        (datetime.date(2019, 4, 30), "day", "平成31年(2019年)4月30日"),
        (datetime.date(2019, 5, 1), "day", "令和元年(2019年)5月1日"),
        (datetime.date(2019, 4, 1), "month", "平成31年(2019年)4月"),
        (datetime.date(2024, 4, 1), "day", "令和6年(2024年)4月1日"),
        # Before 明治 the portal knows no era: 西暦 alone, never an error on a page.
        (datetime.date(1718, 1, 1), "year", "1718年"),
        (datetime.date(1868, 1, 10), "day", "1868年1月10日"),
        (datetime.date(1868, 1, 25), "day", "明治元年(1868年)1月25日"),
    ],
)
def test_format_wareki_shows_era_and_gregorian(day, precision, expected):
    assert wareki.format_wareki(day, precision) == expected


def test_format_wareki_rejects_unknown_precision():
    with pytest.raises(ValueError, match="精度"):
        wareki.format_wareki(datetime.date(2016, 4, 14), "week")


def test_format_wareki_of_none_is_empty():
    assert wareki.format_wareki(None) == ""


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2015, "平成27年度(2015年度)"),
        (1989, "平成元年度(1989年度)"),
        (1988, "昭和63年度(1988年度)"),
        (2019, "令和元年度(2019年度)"),
        (1799, "1799年度"),
    ],
)
def test_format_fiscal_year(year, expected):
    assert wareki.format_fiscal_year(year) == expected


@pytest.mark.parametrize(
    ("day", "fiscal_year"),
    [
        (datetime.date(2016, 3, 31), 2015),
        (datetime.date(2016, 4, 1), 2016),
        (datetime.date(2016, 1, 1), 2015),
        (datetime.date(2015, 12, 31), 2015),
    ],
)
def test_fiscal_year_runs_april_to_march(day, fiscal_year):
    assert wareki.fiscal_year_of(day) == fiscal_year
    first, last = wareki.fiscal_year_range(fiscal_year)
    assert first <= day <= last


@pytest.mark.parametrize(
    ("era", "year", "gregorian"),
    [("平成", 28, 2016), ("平成", "元", 1989), ("R", 6, 2024), ("h", 27, 2015), ("昭和", 54, 1979)],
)
def test_era_to_gregorian(era, year, gregorian):
    assert wareki.era_to_gregorian(era, year) == gregorian


def test_era_to_gregorian_rejects_unknown_era():
    with pytest.raises(ValueError, match="元号"):
        wareki.era_to_gregorian("天平", 3)


def test_normalize_text_makes_full_width_half_width_and_trims():
    assert wareki.normalize_text("　平成２８年　 ８月 ＤＶ ") == "平成28年 8月 DV"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("１，５２８件", Decimal(1528)),
        ("４０億９０００万円", Decimal(4_090_000_000)),
        ("約３万６千人", Decimal(36_000)),
        ("約７７.３㎢", Decimal("77.3")),
        ("１，１９０万人", Decimal(11_900_000)),
        ("110万", Decimal(1_100_000)),
    ],
)
def test_parse_japanese_number(text, number):
    assert wareki.parse_japanese_number(text) == number


def test_parse_japanese_number_without_digits_is_an_error():
    with pytest.raises(ValueError, match="数値"):
        wareki.parse_japanese_number("なし")


def test_normalize_text_keeps_area_units_readable():
    assert wareki.normalize_text("面積約２７,８０９㎢、敷地面積１,６５６㎡") == "面積約27,809km²、敷地面積1,656m²"


def test_normalize_multiline_keeps_paragraphs():
    assert wareki.normalize_multiline("　第１段落 \n\n  第２段落\n") == "第1段落\n第2段落"


def test_normalize_text_keeps_the_wave_dash_of_ranges():
    assert wareki.normalize_text("平成２８年度～平成３５年度") == "平成28年度～平成35年度"


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (40_000, "4万"),
        (1_100_000, "110万"),
        (11_900_000, "1,190万"),
        (4_090_000_000, "40億9,000万"),
        (67_887, "67,887"),
        (36_000, "36,000"),
        (9_999, "9,999"),
    ],
)
def test_format_japanese_number_writes_round_counts_of_man(number, text):
    assert wareki.format_japanese_number(number) == text
    assert wareki.parse_japanese_number(text) == number


def test_format_japanese_number_without_grouping_is_the_document_form():
    assert wareki.format_japanese_number(4_090_000_000, grouping=False) == "40億9000万"


# Reading what staff type in spreadsheets ---------------------------------------------

D = datetime.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-04-01", (D(2024, 4, 1), "day")),
        ("2024/4/1", (D(2024, 4, 1), "day")),
        ("2024.4.1", (D(2024, 4, 1), "day")),
        ("20240401", (D(2024, 4, 1), "day")),
        ("2024年4月1日", (D(2024, 4, 1), "day")),
        ("令和6年4月1日", (D(2024, 4, 1), "day")),
        ("令和元年5月1日", (D(2019, 5, 1), "day")),
        ("R6.4.1", (D(2024, 4, 1), "day")),
        ("r6.4.1", (D(2024, 4, 1), "day")),
        ("H28.4.14", (D(2016, 4, 14), "day")),
        ("H28/4/14", (D(2016, 4, 14), "day")),
        ("S64.1.7", (D(1989, 1, 7), "day")),
        ("T15.12.24", (D(1926, 12, 24), "day")),
        ("M45.7.29", (D(1912, 7, 29), "day")),
        ("Ｒ６．４．１", (D(2024, 4, 1), "day")),
        ("令和６年４月１日", (D(2024, 4, 1), "day")),
        (" 2024 / 4 / 1 ", (D(2024, 4, 1), "day")),
        ("平成28年4月", (D(2016, 4, 1), "month")),
        ("2016/4", (D(2016, 4, 1), "month")),
        ("2016年", (D(2016, 1, 1), "year")),
        ("平成元年1月", (D(1989, 1, 1), "month")),
        ("平成28年(2016年)4月14日", (D(2016, 4, 14), "day")),
        ("1718年", (D(1718, 1, 1), "year")),
        # Documents written before 2019 name later years in 平成.
        ("平成32年4月1日", (D(2020, 4, 1), "day")),
    ],
)
def test_parse_date_reads_every_form(text, expected):
    assert wareki.parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "日付として読めません"),
        ("2016", "日付として読めません"),
        ("2024/2/30", "という日はありません"),
        ("平成28年13月1日", "という日はありません"),
        ("令和元年4月1日", "令和の期間外"),
        ("平成元年1月7日", "平成の期間外"),
        ("平成28年(2015年)4月", "和暦と西暦が合いません"),
        ("X6.4.1", "日付として読めません"),
    ],
)
def test_parse_date_refuses_in_japanese(text, message):
    with pytest.raises(ValueError, match=message) as raised:
        wareki.parse_date(text)
    assert text in str(raised.value)


def test_parse_date_of_the_display_form_is_its_inverse():
    for day, precision in [(D(1992, 5, 19), "day"), (D(2010, 4, 1), "month"), (D(1989, 1, 1), "year")]:
        assert wareki.parse_date(wareki.format_wareki(day, precision)) == (day, precision)


@pytest.mark.parametrize(
    ("serial", "expected"), [(42474, D(2016, 4, 14)), (45383.75, D(2024, 4, 1)), ("61", D(1900, 3, 1))]
)
def test_excel_serial_numbers(serial, expected):
    assert wareki.excel_serial_to_date(serial) == expected


@pytest.mark.parametrize("serial", [0, -1, 3000000, "x"])
def test_excel_serial_numbers_out_of_range_are_refused(serial):
    with pytest.raises(ValueError, match="シリアル値"):
        wareki.excel_serial_to_date(serial)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015", 2015),
        ("平成27年度", 2015),
        ("2015年度", 2015),
        ("令和元年度", 2019),
        ("２０１５", 2015),
        ("２０１５年度", 2015),
        ("H27年度", 2015),
        ("平成27年度(2015年度)", 2015),
        ("平成35年度", 2023),
        ("FY2015", 2015),
        (2015, 2015),
        (2015.0, 2015),
    ],
)
def test_parse_fiscal_year(text, expected):
    assert wareki.parse_fiscal_year(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2015.5", "整数ではありません"),
        (2015.5, "整数ではありません"),
        ("平成27", "年度として読めません"),
        ("2015年", "年度として読めません"),
        ("平成27年度(2016年度)", "和暦と西暦が合いません"),
    ],
)
def test_parse_fiscal_year_refuses_in_japanese(text, message):
    with pytest.raises(ValueError, match=message):
        wareki.parse_fiscal_year(text)


def test_format_fiscal_year_reads_back():
    assert wareki.parse_fiscal_year(wareki.format_fiscal_year(2015)) == 2015


@pytest.mark.parametrize(
    ("text", "units", "expected"),
    [
        ("67,887人", ("人",), 67887),
        ("６７，８８７人", ("人",), 67887),
        ("230名", ("人",), 230),
        ("1,656㎡", ("m²",), 1656),
        ("1,656m2", ("m²",), 1656),
        ("1,234部", ("部",), 1234),
        ("-95", (), -95),
        (1234, (), 1234),
    ],
)
def test_parse_whole_number(text, units, expected):
    assert wareki.parse_whole_number(text, units) == expected


def test_parse_quantity_keeps_decimals():
    assert wareki.parse_quantity("27,809.5km²", ("km²",)) == Decimal("27809.5")


@pytest.mark.parametrize(
    ("text", "units", "message"),
    [
        ("2015.5", (), "整数ではありません"),
        ("1,23", (), "数値として読めません"),
        ("abc", (), "数値として読めません"),
        ("1,234本", ("部",), "単位「本」はこの列の単位(部)ではありません"),
        ("5人", (), "単位「人」を付けず"),
    ],
)
def test_parse_whole_number_refuses_in_japanese(text, units, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        wareki.parse_whole_number(text, units)


@pytest.mark.parametrize(
    "day, precision, span",
    [
        (datetime.date(2015, 8, 1), "month", (datetime.date(2015, 8, 1), datetime.date(2015, 8, 31))),
        (datetime.date(2016, 2, 1), "month", (datetime.date(2016, 2, 1), datetime.date(2016, 2, 29))),
        (datetime.date(2015, 12, 1), "month", (datetime.date(2015, 12, 1), datetime.date(2015, 12, 31))),
        (datetime.date(2015, 1, 1), "year", (datetime.date(2015, 1, 1), datetime.date(2015, 12, 31))),
        (datetime.date(2015, 5, 19), "day", (datetime.date(2015, 5, 19), datetime.date(2015, 5, 19))),
    ],
)
def test_date_span_covers_the_days_a_date_of_its_precision_stands_for(day, precision, span):
    assert wareki.date_span(day, precision) == span


@pytest.mark.parametrize("text,restated", [
    # Written in 2016: the plan's years after the era change read by the one era rule.
    ("平成28年度(2016年度)～平成31年度(2019年度)の4年間", "平成28年度(2016年度)～令和元年度(2019年度)の4年間"),
    ("平成35年度(西暦2023年度)を目標年次とし", "令和5年度(2023年度)を目標年次とし"),
    ("中間年にあたる平成31年度に", "中間年にあたる令和元年度(2019年度)に"),
    ("(平成28年度～平成35年度)", "(平成28年度(2016年度)～令和5年度(2023年度))"),
    # Days and months by the era of that day; the 西暦 beside each.
    ("平成31年4月30日まで", "平成31年(2019年)4月30日まで"),
    ("平成22年3月には", "平成22年(2010年)3月には"),
    ("現行(平成28年4月1日現在)", "現行(平成28年(2016年)4月1日現在)"),
    ("平成元年の", "平成元年(1989年)の"),
    ("昭和63年度", "昭和63年度(1988年度)"),
    # Already in the portal's form: unchanged.
    ("平成4年(1992年)5月19日", "平成4年(1992年)5月19日"),
    # A name, a disagreeing 西暦 and an impossible day are left as written.
    ("平成28年熊本地震", "平成28年熊本地震"),
    ("平成28年度(2015年度)", "平成28年度(2015年度)"),
    ("平成28年2月30日", "平成28年2月30日"),
    ("", ""),
])
def test_dates_in_text_are_restated_by_the_era_rule(text, restated):
    assert wareki.restate_eras(text) == restated


# English pages: the same dates and fiscal years in English forms.

def test_english_dates_name_the_era_year():
    from core.wareki import format_english_date, format_english_fiscal_year

    assert format_english_date(datetime.date(1992, 5, 19)) == "19 May 1992 (Heisei 4)"
    assert format_english_date(datetime.date(1992, 5, 1), "month") == "May 1992 (Heisei 4)"
    assert format_english_date(datetime.date(1989, 1, 1), "year") == "1989 (Heisei 1)"
    assert format_english_date(datetime.date(2019, 4, 30)) == "30 April 2019 (Heisei 31)"
    assert format_english_date(datetime.date(2019, 5, 1)) == "1 May 2019 (Reiwa 1)"
    assert format_english_date(datetime.date(1718, 5, 19)) == "19 May 1718"
    assert format_english_date(None) == ""
    assert format_english_fiscal_year(2015) == "FY2015"


def test_localized_forms_follow_the_active_language():
    from django.utils import translation

    from core.wareki import localized_date, localized_fiscal_year, localized_number

    with translation.override("en"):
        assert localized_date(datetime.date(2016, 4, 14)) == "14 April 2016 (Heisei 28)"
        assert localized_fiscal_year(2015) == "FY2015"
        assert localized_number(1100000) == "1,100,000"
    with translation.override("ja"):
        assert localized_date(datetime.date(2016, 4, 14)) == "平成28年(2016年)4月14日"
        assert localized_fiscal_year(2015) == "平成27年度(2015年度)"
        assert localized_number(1100000) == "110万"


@pytest.mark.parametrize("text,restated", [
    ("平成28年7月", "July 2016 (Heisei 28)"),
    ("平成28年度(2016年度)～平成31年度(2019年度)", "FY2016～FY2019"),
    ("平成4年5月19日に", "19 May 1992 (Heisei 4)に"),
    # A name and a disagreeing 西暦 are left as written, as in Japanese.
    ("平成28年熊本地震", "平成28年熊本地震"),
    ("平成28年度(2015年度)", "平成28年度(2015年度)"),
])
def test_dates_in_text_read_in_english_forms(text, restated):
    assert wareki.english_eras(text) == restated
