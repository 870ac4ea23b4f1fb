"""Every public list downloads the rows the page shows (all pages, current filters).

For each list and a filtered variant, the CSV (UTF-8 and Shift_JIS), XLSX and JSON are read
back and turned into the cells the page would show; they must equal the page's table rows,
in order. ``shown`` below says how the page writes a download row: the page's column
headings are the download's, a date the page shows as 和暦 is the ``…(和暦)`` column (and its
ISO 8601 column is the same day), a number the page writes with a unit is the bare number.
"""
import datetime
from io import BytesIO

import openpyxl
import pytest
from django.urls import reverse

from core.downloads import Column, Table, write_xlsx
from core.wareki import parse_date, parse_fiscal_year
from tests.support.downloads import body, page_tables, read_download, table_rows

FORMAT_KEYS = ["csv", "csv-sjis", "xlsx", "json"]


def number(text):
    """A count as the page writes it: ``1,234``."""
    return f"{int(text):,}"


def city_row(d):
    return [
        f"{d['都市名']}\n{d['英語名']}",
        d["国・地域"],
        d["州・省など"] or "—",
        d["提携の種類"],
        d["提携年月日(和暦)"],
        d["海外・国内"],
        d["所管課"],
    ]


def activity_row(d):
    # The page names each group of a head-count (「市議会議員3名・職員3名」), as 人数 does.
    return [d["年月(和暦)"], d["都市"], d["種類"], d["内容"], d["人数"] or "—", d["出典"]]


def member_row(d):
    # The page writes 「—」 in an empty cell; the file leaves it empty.
    return [d["順"], d["市町村名"], d["種別"], d["連携中枢都市"] or "—", d["連携中枢都市圏"], f"出典: {d['出典']}"]


def programme_row(d):
    time = d["時間"] + (f"({d['放送枠']})" if d["放送枠"] else "")
    return [d["タイトル"], d["媒体"], d["放送局"], time, d["再放送"] or "—", f"出典: {d['出典']}"]


def publication_row(d):
    circulation = f"{number(d['発行部数'])}{d['発行部数の単位']}"
    if d["発行部数の実績月(和暦)"]:
        circulation += f"\n({d['発行部数の実績月(和暦)']}号実績)"
    return [d["タイトル"], d["発行状況"], circulation, d["概要・その他"], f"出典: {d['出典']}"]


def usage_row(d):
    return [d["区分"], number(d["利用人数(人)"])]


def recovery_row(d):
    return [d["部署名"], f"課長以下 {d['人数(課長以下、名)']}名", d["業務概要"], d["出典"]]


# (url name, query, the page's table caption, how the page shows a download row)
LISTS = {
    "cities": ("exchange:city-list", "", "姉妹・友好都市", city_row),
    "cities-overseas-usa": ("exchange:city-list", "scope=overseas&country_or_region=usa", "姉妹・友好都市", city_row),
    "activities": ("exchange:activity-list", "", "交流の記録", activity_row),
    "activities-guilin-2015": ("exchange:activity-list", "city=guilin&fiscal_year=2015", "交流の記録", activity_row),
    "activities-hosting": ("exchange:activity-list", "direction=hosting", "交流の記録", activity_row),
    "members": ("planning:member-list", "", "構成市町村", member_row),
    "members-towns": ("planning:member-list", "kind=town", "構成市町村", member_row),
    "programmes": ("public_relations:programme-list", "", "テレビ・ラジオ広報番組", programme_row),
    "programmes-radio": ("public_relations:programme-list", "medium=radio", "テレビ・ラジオ広報番組", programme_row),
    "publications": ("public_relations:index", "", "広報刊行物", publication_row),
    "center-usage": ("exchange:center", "", "会館利用状況", usage_row),
    "recovery-divisions": ("recovery:index", "", "復興部の部署と業務概要", recovery_row),
}


def recovery_cells(rows):
    """The recovery page lists each duty with a note of its own source when it differs."""
    return [[*row[:2], "\n".join(line.split(" 出典: ")[0] for line in row[2].split("\n")), row[3]] for row in rows]


@pytest.fixture
def every_row_on_one_page(settings):
    settings.PORTAL_PAGE_SIZE = 10_000


@pytest.mark.django_db
@pytest.mark.parametrize("key", FORMAT_KEYS)
@pytest.mark.parametrize("name", LISTS)
def test_download_holds_the_rows_and_values_the_page_shows(client, every_row_on_one_page, name, key):
    url_name, query, caption, shown = LISTS[name]
    url = reverse(url_name)
    page = client.get(f"{url}?{query}")
    assert page.status_code == 200
    page_rows = table_rows(page.content.decode(), caption)
    if name == "recovery-divisions":
        page_rows = [row for row in page_rows if len(row) == 4]
        page_rows = recovery_cells(page_rows)

    response = client.get(f"{url}?{query}&format={key}")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    headers, rows = read_download(body(response), key)

    assert page_rows, "the page shows no rows: the test would prove nothing"
    assert [shown(row) for row in rows] == page_rows
    if name == "center-usage":
        # Each row of the download is in the page's table of its fiscal year.
        tables = [t for t in page_tables(page.content.decode()) if t["caption"].startswith("会館利用状況")]
        by_year = [(t["caption"].split(" ", 1)[1], row) for t in tables for row in t["rows"]]
        assert [(d["年度(和暦)"], usage_row(d)) for d in rows] == by_year
    for label in headers:
        if label.endswith("(和暦)"):
            iso = label.removesuffix("(和暦)")
            for row in rows:
                if not row[label]:
                    continue
                if iso == "年度":
                    assert parse_fiscal_year(row[label]) == int(row[iso]), row
                else:
                    assert parse_date(row[label])[0] == parse_date(row[iso])[0], row


@pytest.mark.django_db
def test_download_holds_every_page_of_the_filtered_rows(client, settings):
    settings.PORTAL_PAGE_SIZE = 5
    url = reverse("exchange:activity-list")
    page = client.get(f"{url}?direction=dispatch&page=2")
    count = page.context["paginator"].count
    assert count > 10  # several pages
    _, rows = read_download(body(client.get(f"{url}?direction=dispatch&page=2&format=csv")), "csv")
    assert len(rows) == count
    assert {row["種類"] for row in rows} <= {"派遣", "相互訪問(派遣・受入)"}


@pytest.mark.django_db
def test_shift_jis_csv_decodes_as_cp932_and_replaces_what_it_lacks(client):
    from tests.factories.exchange import ExchangeActivityFactory, PartnerCityFactory

    city = PartnerCityFactory(name="試験市", slug="sjis-city")
    # 𠮷 (U+20BB7) is not in CP932; ² (kept by the model) has an NFKC form (2) that is; ～ is in CP932.
    ExchangeActivityFactory(city=city, description="𠮷野家で 10km² ～ 交流")
    content = body(client.get(reverse("exchange:activity-list") + "?city=sjis-city&format=csv-sjis"))
    text = content.decode("cp932")
    assert "〓野家で 10km2 ～ 交流" in text
    assert "試験市" in text


HYPERLINK = '=HYPERLINK("http://example.com/","詳しくはこちら")'


@pytest.mark.django_db
@pytest.mark.parametrize("key", FORMAT_KEYS)
def test_text_that_looks_like_a_formula_never_opens_as_one(client, key):
    """Regression: the CSV wrote ``=HYPERLINK(…)`` as it is, which Excel opens as a live link.

    A CSV cell gets a leading ``'`` (OWASP); an XLSX cell is a text cell; JSON holds the text.
    """
    from openpyxl import load_workbook

    from tests.factories.exchange import ExchangeActivityFactory, PartnerCityFactory

    city = PartnerCityFactory(slug="formula-city")
    ExchangeActivityFactory(city=city, description=HYPERLINK)
    content = body(client.get(reverse("exchange:activity-list") + f"?city=formula-city&format={key}"))
    _, (row,) = read_download(content, key)
    if key in ("csv", "csv-sjis"):
        assert row["内容"] == "'" + HYPERLINK
    else:
        assert row["内容"] == HYPERLINK
    if key == "xlsx":
        cell = load_workbook(BytesIO(content)).worksheets[0].cell(row=2, column=5)  # 内容
        assert (cell.value, cell.data_type) == (HYPERLINK, "s")


def test_a_csv_guards_every_text_that_starts_a_formula_and_no_number():
    """= + - @ tab CR in front of a text: a leading ``'``; -3 as a number stays a number."""
    from decimal import Decimal

    from core.downloads import write_csv_cp932, write_csv_utf8

    values = [
        "=1+2", "+81 96 328 2111", "-3", "@SUM(A1)", "\t=1", "\r=1", "'=quoted", "a=b",
        -3, Decimal("-3.5"), datetime.date(2015, 4, 1), "",
    ]
    table = Table("t", "t", [Column(f"c{i}", lambda obj, i=i: values[i]) for i in range(len(values))])
    expected = [
        "'=1+2", "'+81 96 328 2111", "'-3", "'@SUM(A1)", "'\t=1", "'\r=1", "'=quoted", "a=b",
        "-3", "-3.5", "2015-04-01", "",
    ]
    for writer, key in ((write_csv_utf8, "csv"), (write_csv_cp932, "csv-sjis")):
        _, (row,) = read_download(b"".join(writer(table, [object()])), key)
        assert list(row.values()) == expected, key


@pytest.mark.django_db
def test_unknown_format_is_a_japanese_404_not_the_page(client):
    response = client.get(reverse("exchange:activity-list") + "?format=pdf")
    assert response.status_code == 404
    html = response.content.decode()
    assert "ページが見つかりません" in html
    assert "その形式のダウンロードはありません(CSV・Excel・JSONから選んでください)。" in html


@pytest.mark.django_db
def test_unknown_format_says_why_in_english_on_an_english_page(client):
    response = client.get("/en/exchange-activities/?format=pdf")
    assert response.status_code == 404
    html = response.content.decode()
    assert "There is no download in that format (choose CSV, Excel or JSON)." in html
    assert '<html lang="en">' in html


@pytest.mark.django_db
def test_list_page_links_each_format_with_the_filters_and_row_count(client):
    response = client.get(reverse("exchange:activity-list") + "?city=guilin&page=2")
    html = response.content.decode()
    count = response.context["paginator"].count
    assert f"全{count}件" in html
    for key in FORMAT_KEYS:
        assert f"?city=guilin&amp;format={key}" in html
    assert "page=2&amp;format" not in html
    assert 'download>CSV(Shift_JIS)</a>' in html


def _activities(city, count, start=0):
    from exchange.models import ExchangeActivity
    from tests.factories.exchange import ExchangeActivityFactory

    built = ExchangeActivityFactory.build_batch(count, city=city)
    for offset, activity in enumerate(built):
        activity.order = start + offset + 1
        activity.date = datetime.date(2010 + offset % 10, 1 + offset % 12, 1)
    ExchangeActivity.objects.bulk_create(built)


def _members(area, count, start=0):
    from planning.models import MemberMunicipality
    from tests.factories.planning import MemberMunicipalityFactory

    built = MemberMunicipalityFactory.build_batch(count, area=area)
    for offset, member in enumerate(built):
        member.order = start + offset + 1
        member.name = f"試験町{start + offset}"
    MemberMunicipality.objects.bulk_create(built)


def _programmes(broadcaster, count, start=0):
    from public_relations.models import BroadcastProgramme
    from tests.factories.public_relations import BroadcastProgrammeFactory

    built = BroadcastProgrammeFactory.build_batch(count, broadcaster=broadcaster)
    for offset, programme in enumerate(built):
        programme.title = f"試験番組{start + offset}"
    BroadcastProgramme.objects.bulk_create(built)


def _download_queries(client, url, key, rows, django_assert_num_queries, expected=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if expected is None:
        with CaptureQueriesContext(connection) as queries:
            _, read = read_download(body(client.get(url + f"&format={key}")), key)
        assert len(read) == rows
        return len(queries)
    with django_assert_num_queries(expected):
        _, read = read_download(body(client.get(url + f"&format={key}")), key)
    assert len(read) == rows
    return expected


@pytest.mark.django_db
@pytest.mark.parametrize("key", FORMAT_KEYS)
@pytest.mark.parametrize("kind", ["activities", "members", "programmes"])
def test_download_query_count_is_the_same_for_10_and_1000_rows(client, django_assert_num_queries, kind, key):
    from tests.factories.exchange import PartnerCityFactory
    from tests.factories.planning import MetropolitanCooperationAreaFactory
    from tests.factories.public_relations import BroadcasterFactory

    if kind == "activities":
        parent = PartnerCityFactory(slug="bulk-city")
        add, url = _activities, reverse("exchange:activity-list") + "?city=bulk-city"
    elif kind == "members":
        # The area filter is not public; a new area's members are the only "village" rows.
        parent = MetropolitanCooperationAreaFactory()
        from planning.models import MemberMunicipality

        MemberMunicipality.objects.filter(kind="village").delete()

        def add(area, count, start=0):
            _members(area, count, start)
            MemberMunicipality.objects.filter(area=area).update(kind="village")

        url = reverse("planning:member-list") + "?kind=village"
    else:
        parent = BroadcasterFactory(name="一括放送局")
        add, url = _programmes, reverse("public_relations:programme-list") + "?broadcaster=一括放送局"
    add(parent, 10)
    queries = _download_queries(client, url, key, 10, django_assert_num_queries)
    add(parent, 990, start=10)
    _download_queries(client, url, key, 1000, django_assert_num_queries, expected=queries)


def test_an_xlsx_sheet_is_named_after_a_title_excel_would_refuse():
    """A title with a colon (English: 「Milestones: Guilin」) names the sheet without it."""
    table = Table("milestones", "Milestones: Guilin [1982/10]?", [Column("Year", lambda row: row)])
    workbook = openpyxl.load_workbook(BytesIO(write_xlsx(table, [1982]).read()))
    assert workbook.sheetnames == ["Milestones  Guilin  1982 10  "]
    assert workbook.active["A2"].value == 1982
