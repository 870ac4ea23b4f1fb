"""Every other table a display page shows downloads too: ``?table=<name>&format=…``.

As in ``test_list_downloads``: each download, read back in each format, is turned into the
cells the page shows (``shown``) and must equal the page's table rows, in order; its query
count must not grow with the rows.
"""
import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from core.wareki import parse_date
from tests.support.downloads import body, clean, read_download, table_rows

FORMAT_KEYS = ["csv", "csv-sjis", "xlsx", "json"]
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def source(d):
    return f"出典: {d['出典']}"


def sector_row(d):
    return [f"第{d['章']}章", d["基本構想の基本方針"], d["基本計画の章名"], source(d)]


def member_row(d):
    return [d["順"], d["市町村名"], d["種別"], d["連携中枢都市"] or "—"]


def figure_row(d):
    return [d["項目"], d["数値"]]


def milestone_row(d):
    return [d["年月日(和暦)"], d["種類"], d["内容"]]


def city_activity_row(d):
    return [d["年月(和暦)"], d["種類"], d["内容"], d["人数"] or "—"]


def anniversary_row(d):
    return [d["時期(和暦)"], f"{d['都市']}({d['提携の種類']})", f"{d['周年']}周年", d["提携年月日(和暦)"]]


def programme_row(d):
    time = d["時間"] + (f"({d['放送枠']})" if d["放送枠"] else "")
    return [d["タイトル"], d["放送局"], time, d["再放送"] or "—", source(d)]


def staff_row(d):
    return [d["職"], f"{int(d['人数(名)']):,}名"]


def rooms_by_floor(rows):
    """The floor guide as the page shows it: one row per floor, its rooms one per line."""
    floors = {}
    for d in rows:
        room = d["施設名"] + (f"({int(d['定員(人)']):,}人)" if d["定員(人)"] else "")
        floors.setdefault(d["階層"], []).append(room)
    return [[floor, "\n".join(rooms)] for floor, rooms in floors.items()]


def caption_of_area(page, rest):
    return f"{page.context['area'].name}{rest}"


def caption_of_city(page, rest):
    city = page.context["city"]
    return f"{city.name}との{city.activities_heading if rest == 'activities' else rest}"


CITY = reverse("exchange:city-detail", args=["guilin"])

# (page URL, table name, the caption the table starts with (or how to find it from the
# page), how the page shows a download row)
TABLES = {
    "plan-sectors": (reverse("planning:plan"), "sectors", "分野別施策の基本方針", sector_row),
    "area-members": (
        reverse("planning:area"), "members", lambda page: caption_of_area(page, "の構成市町村"), member_row,
    ),
    "area-figures": (
        reverse("planning:area"), "figures", lambda page: caption_of_area(page, "の事業所・通勤・人口"), figure_row,
    ),
    "city-milestones": (CITY, "milestones", lambda page: caption_of_city(page, "提携の歩み"), milestone_row),
    "city-activities": (CITY, "activities", lambda page: caption_of_city(page, "activities"), city_activity_row),
    "anniversaries-next": (reverse("exchange:anniversary-list"), "next", "各都市の次の周年", anniversary_row),
    "anniversaries-past": (reverse("exchange:anniversary-list"), "past", "令和元年度", anniversary_row),
    "pr-tv": (reverse("public_relations:index"), "tv", "テレビ広報", programme_row),
    "pr-radio": (reverse("public_relations:index"), "radio", "ラジオ広報", programme_row),
}


@pytest.fixture
def in_fiscal_year_2019(monkeypatch):
    """Today is 令和元年12月1日: 桂林市's 40th anniversary (令和元年10月1日) is this 年度's."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2019, 12, 1))


def read(client, url, name, key):
    response = client.get(f"{url}?table={name}&format={key}")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return read_download(body(response), key)


def assert_wareki_beside_iso(headers, rows):
    for label in headers:
        if label.endswith("(和暦)"):
            iso = label.removesuffix("(和暦)")
            for row in rows:
                if re.fullmatch(r"\d{4}", row[iso]):  # a date known to the year: 1999
                    assert parse_date(row[label])[0].year == int(row[iso]), row
                else:
                    assert parse_date(row[label])[0] == parse_date(row[iso])[0], row


@pytest.mark.django_db
@pytest.mark.parametrize("key", FORMAT_KEYS)
@pytest.mark.parametrize("table", TABLES)
def test_table_download_holds_the_rows_and_values_the_page_shows(client, in_fiscal_year_2019, table, key):
    url, name, caption, shown = TABLES[table]
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    caption = caption(page) if callable(caption) else caption
    page_rows = table_rows(html, caption)
    assert page_rows, "the page shows no rows: the test would prove nothing"
    # The page links each format of this table, with its row count.
    for fmt in FORMAT_KEYS:
        assert f"?table={name}&amp;format={fmt}" in html
    assert f"全{len(page_rows)}件" in html

    headers, rows = read(client, url, name, key)
    assert [[clean(cell) for cell in shown(row)] for row in rows] == page_rows
    assert_wareki_beside_iso(headers, rows)


@pytest.mark.django_db
@pytest.mark.parametrize("key", FORMAT_KEYS)
def test_area_figures_give_the_number_its_unit_and_whether_it_is_approximate(client, key):
    _, rows = read(client, reverse("planning:area"), "figures", key)
    assert len(rows) == 6
    for d in rows:
        shown = d["数値"]
        assert shown.startswith("約") == (d["概数"] == "はい"), d
        assert shown.endswith(d["単位"]), d
        digits = shown.removeprefix("約").removesuffix(d["単位"]).replace(",", "")
        if digits.endswith("万"):
            assert int(d["数"]) == int(digits[:-1]) * 10_000, d
        else:
            assert int(d["数"]) == int(digits), d
    population = next(d for d in rows if d["項目"] == "圏域人口")
    assert population["数値"] == "110万人"  # 市政概要 2: 「110万圏域人口」


@pytest.mark.django_db
@pytest.mark.parametrize("key", FORMAT_KEYS)
def test_policy_fields_download_in_the_order_and_words_of_the_page(client, key):
    html = client.get(reverse("planning:area")).content.decode()
    section = html[html.index('id="pillars"'):]
    page_fields = [clean(text) for text in re.findall(r"<dt id=\"[^\"]+\">(.*?)</dt>", section)]
    pillars = [clean(text) for text in re.findall(r"<h3 id=\"pillar-\d+\">(.*?)</h3>", section)]

    _, rows = read(client, reverse("planning:area"), "fields", key)
    assert page_fields, "the page shows no policy fields"
    assert [f"{d['記号']} {d['政策分野']}" for d in rows] == page_fields
    assert list(dict.fromkeys(d["取組"] for d in rows)) == pillars
    for d in rows:
        if d["分類"]:
            assert f"≪{d['分類']}≫" in section
        assert clean(d["内容"]).split("\n")[0] in clean(section), d


@pytest.mark.django_db
@pytest.mark.parametrize("key", FORMAT_KEYS)
def test_center_rooms_download_is_the_floor_guide(client, key):
    url = reverse("exchange:center")
    page_rows = table_rows(client.get(url).content.decode(), "主要施設")
    _, rows = read(client, url, "rooms", key)
    assert page_rows
    assert rooms_by_floor(rows) == page_rows


@pytest.mark.django_db
@pytest.mark.parametrize("key", FORMAT_KEYS)
def test_recovery_staff_download_is_each_department_staff_table(client, key):
    url = reverse("recovery:index")
    page = client.get(url)
    departments = page.context["departments"]
    page_rows = []
    for department in departments:
        page_rows += table_rows(page.content.decode(), f"{department.name}の人員")
    _, rows = read(client, url, "staff", key)
    assert page_rows
    assert [staff_row(d) for d in rows] == page_rows
    assert {d["組織"] for d in rows} == {department.name for department in departments}


@pytest.mark.django_db
def test_shift_jis_table_download_decodes_as_cp932(client):
    content = body(client.get(reverse("public_relations:index") + "?table=tv&format=csv-sjis"))
    text = content.decode("cp932")
    assert text.startswith("タイトル,媒体,放送局")


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["table=nothing&format=csv", "format=csv"])
def test_unknown_table_is_a_japanese_404(client, query):
    # The anniversaries page has no main table: only its named tables download.
    response = client.get(reverse("exchange:anniversary-list") + f"?{query}")
    assert response.status_code == 404
    html = response.content.decode()
    assert "ページが見つかりません" in html
    assert "この表のダウンロードはありません。" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "reason"),
    [("table=nope&format=csv", "This table has no download."),
     ("table=sectors&format=nope", "There is no download in that format (choose CSV, Excel or JSON).")],
)
def test_unknown_table_or_format_says_why_on_the_english_404_page(client, query, reason):
    response = client.get(f"/en/plan/?{query}")
    assert response.status_code == 404
    assert reason in response.content.decode()


@pytest.mark.django_db
def test_other_404s_do_not_show_their_internal_message(client):
    html = client.get("/partner-cities/no-such-city/").content.decode()
    assert "ページが見つかりません" in html
    assert "No " not in html and "matches the given query" not in html


# --- The query count does not grow with the rows -------------------------------------


def add_sector_policies(count, start):
    from planning.models import ComprehensivePlan
    from tests.factories.planning import SectorPolicyFactory

    plan = ComprehensivePlan.objects.current()
    for number in range(start, start + count):
        SectorPolicyFactory(plan=plan, number=100 + number)


def add_members(count, start):
    from planning.models import MetropolitanCooperationArea
    from tests.factories.planning import MemberMunicipalityFactory

    area = MetropolitanCooperationArea.objects.current()
    for number in range(start, start + count):
        MemberMunicipalityFactory(area=area, order=100 + number, name=f"試験町{number}")


def add_policy_fields(count, start):
    from planning.models import MetropolitanCooperationArea
    from tests.factories.planning import PolicyFieldFactory

    pillar = MetropolitanCooperationArea.objects.current().pillars.order_by("number").first()
    for number in range(start, start + count):
        PolicyFieldFactory(pillar=pillar, order=100 + number, letter=f"X{number}")


def add_rooms(count, start):
    from exchange.models import InternationalCenter
    from tests.factories.exchange_center import RoomFactory

    floor = InternationalCenter.objects.first().floors.first()
    RoomFactory.create_batch(count, floor=floor)


def add_milestones(count, start):
    from exchange.models import PartnerCity
    from tests.factories.exchange import AffiliationMilestoneFactory

    city = PartnerCity.objects.get(slug="guilin")
    for number in range(start, start + count):
        AffiliationMilestoneFactory(city=city, order=100 + number)


def add_activities(count, start):
    from exchange.models import PartnerCity
    from tests.factories.exchange import ExchangeActivityFactory

    city = PartnerCity.objects.get(slug="guilin")
    for number in range(start, start + count):
        ExchangeActivityFactory(city=city, order=100 + number)


def add_cities(count, start):
    from tests.factories.exchange import PartnerCityFactory

    for number in range(start, start + count):
        PartnerCityFactory(slug=f"bulk-city-{number}", affiliated_on=datetime.date(1979, 11, 1))


def add_tv_programmes(count, start):
    from tests.factories.public_relations import BroadcastProgrammeFactory

    for number in range(start, start + count):
        BroadcastProgrammeFactory(medium="tv", title=f"試験番組{number}")


def add_departments(count, start):
    from tests.factories.recovery import RecoveryDepartmentFactory

    RecoveryDepartmentFactory.create_batch(count)


GROWING = {
    "sectors": (reverse("planning:plan"), add_sector_policies),
    "members": (reverse("planning:area"), add_members),
    "fields": (reverse("planning:area"), add_policy_fields),
    "rooms": (reverse("exchange:center"), add_rooms),
    "milestones": (CITY, add_milestones),
    "activities": (CITY, add_activities),
    "next": (reverse("exchange:anniversary-list"), add_cities),
    "past": (reverse("exchange:anniversary-list"), add_cities),
    "tv": (reverse("public_relations:index"), add_tv_programmes),
    "staff": (reverse("recovery:index"), add_departments),
}


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["csv", "xlsx"])
@pytest.mark.parametrize("name", GROWING)
def test_table_download_query_count_is_the_same_for_few_and_many_rows(
    client, django_assert_num_queries, in_fiscal_year_2019, name, key
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url, add = GROWING[name]
    add(2, 0)
    with CaptureQueriesContext(connection) as captured:
        _, few = read(client, url, name, key)
    add(60, 2)
    with django_assert_num_queries(len(captured)):
        _, many = read(client, url, name, key)
    assert len(many) > len(few)
