"""Write the sample spreadsheets of ``tests/spreadsheets/test_spreadsheet_import_rules.py``.

Run ``python tests/spreadsheets/data/make_values_samples.py`` from the repository root to rewrite them.
They are what staff bring: an XLSX saved by Japanese Excel with date cells shown in 和暦
(the era number format), serial numbers and dates typed as text, and CSV files (UTF-8)
with the value forms and the mistakes the import must report.
"""
import csv
import datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent

# The headers of an exchange-activity sheet as the portal exports it (Japanese labels).
ACTIVITY_HEADERS = ["都市", "表示順", "年月", "交流の種類", "内容", "人数(人)", "人数は一部", "出典"]
SOURCE = "市政概要 3(1)"

# Excel's Japanese-calendar date format: 平成28年4月14日 in the cell, a date underneath.
WAREKI_FORMAT = '[$-ja-JP-x-gannen]ggge"年"m"月"d"日";@'


def activity(order, date, direction="派遣", description="サンプル", count="", partial="いいえ"):
    return ["桂林市", order, date, direction, description, count, partial, SOURCE]


def write_csv(name, headers, rows):
    with open(HERE / name, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)


def wareki_xlsx():
    """Date cells (和暦 format), serial numbers and 和暦 text in one XLSX sheet."""
    book = Workbook()
    sheet = book.active
    sheet.append(ACTIVITY_HEADERS)
    rows = [
        activity(901, datetime.datetime(2016, 4, 14)),  # a date cell shown 平成28年4月14日
        activity(902, 42474),  # the serial number of 2016-04-14, as a number cell
        activity(903, "令和6年4月1日"),
        activity(904, "R6.4.1"),
        activity(905, "H28.4.14"),
        activity(906, "平成28年4月"),
        activity(907, "令和元年5月1日", count=1234),  # a number cell
        activity(908, datetime.datetime(2019, 5, 1), count="1,234人"),
    ]
    for row in rows:
        sheet.append(row)
    for cell in (sheet["C2"], sheet["C9"]):
        cell.number_format = WAREKI_FORMAT
    book.save(HERE / "wareki_dates.xlsx")


def value_forms_csv():
    """Every typed form of a date, number, yes/no and choice the import reads."""
    rows = [
        activity(911, "2024-04-01", direction="dispatch", count="67,887人", partial="はい"),
        activity(912, "2024/4/1", direction="受入", count="６７，８８７", partial="○"),
        activity(913, "2024年4月1日", direction=" 招聘 ", count="230名", partial="〇"),
        activity(914, "令和6年4月1日", direction="HOSTING", count="1,234", partial="×"),
        activity(915, "令和元年5月1日", count="5", partial="true"),
        activity(916, "R6.4.1", partial="false"),
        activity(917, "Ｈ２８．４．１４", count="5", partial="1"),
        activity(918, "平成28年4月", partial="0"),
        activity(919, "２０２４／４／１", partial="いいえ"),
        activity(920, "S64.1.7", description="  全角ＡＢＣ　１２３の  交流  "),
        activity(921, "42474"),
        activity(922, "平成28年(2016年)4月14日"),
    ]
    write_csv("value_forms.csv", ACTIVITY_HEADERS, rows)


def header_and_row_mistakes():
    """One CSV per mistake staff make; each must be reported, none silently skipped."""
    write_csv(
        "stray_space_headers.csv",
        [" 都市", "表示順 ", "年　月", "交流の種類", "内容 ", "人数(人)", "人数は一部", "Source"],
        [activity(931, "2016/4/14", description="見出しに空白")],
    )
    write_csv(
        "unknown_city.csv",
        ACTIVITY_HEADERS,
        [activity(941, "2016/4/14"), ["桂休市", 942, "2016/4/14", "派遣", "誤字", "", "いいえ", SOURCE]],
    )
    write_csv(
        "duplicate_key.csv",
        ACTIVITY_HEADERS,
        [activity(951, "2016/4/14"), activity(952, "2016/4/15"), activity("９５１", "2016/4/16")],
    )
    write_csv(
        "unknown_column.csv",
        ACTIVITY_HEADERS[:4] + ["内用"] + ACTIVITY_HEADERS[5:],
        [activity(961, "2016/4/14")],
    )
    write_csv(
        "missing_column.csv",
        [header for header in ACTIVITY_HEADERS if header != "出典"],
        [activity(971, "2016/4/14")[:-1]],
    )
    write_csv(
        "bad_values.csv",
        ACTIVITY_HEADERS,
        [
            activity(981, "2016/4/14"),
            activity(982, "平成28年13月1日"),
            activity(983, "2016/4/14", direction="交換"),
            activity(984, "2016/4/14", count="12.5"),
            activity(985, "2016/4/14", count="12部"),
            activity(986, "2016/4/14", partial="たぶん"),
        ],
    )


if __name__ == "__main__":
    wareki_xlsx()
    value_forms_csv()
    header_and_row_mistakes()
