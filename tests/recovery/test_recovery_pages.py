"""The public page of section 6 (/recovery/): facts of the document, structure, queries."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recovery.models import DepartmentDivision, Duty, RecoveryDepartment
from tests.factories.recovery import (
    BasicPolicyFactory,
    DepartmentDivisionFactory,
    EarthquakeRecoveryPlanFactory,
)
from tests.recovery.test_recovery_models import garbled_glyphs

URL = "/recovery/"


@pytest.fixture
def page(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def main_of(html):
    return html[html.index("<main"):html.index("</main>")]


def test_url_name():
    assert reverse("recovery:index") == URL


def test_page_is_japanese_with_one_h1_and_breadcrumbs(page):
    assert '<html lang="ja">' in page
    assert len(re.findall(r"<h1[\s>]", page)) == 1
    assert "<h1>震災復興</h1>" in page
    assert 'aria-label="パンくずリスト"' in page
    assert '<span aria-current="page">震災復興</span>' in page
    assert "style=" not in page
    assert "<script" not in page


def test_earthquake_and_department(page):
    main = main_of(page)
    assert "平成28年熊本地震" in main
    assert "平成28年(2016年)4月14日" in main
    assert "平成28年(2016年)5月6日" in main
    assert "復興部" in main
    assert "復興部は、既存組織と連携して震災復興に係る諸事業を組織横断的に推進し" in main
    assert "新たな業務や事業の企画・実施を行う。" in main
    assert "復興総務課" in main


def test_staffing_table(page):
    main = main_of(page)
    table = re.search(r"<table>\s*<caption>復興部の人員</caption>.*?</table>", main, re.S).group(0)
    for label, count in [("部長", "1名"), ("課長", "3名"), ("課員", "36名"), ("人員", "40名")]:
        assert re.search(
            rf'<th scope="row">{label}</th><td class="num">{count}</td>', table
        ), label
    assert '<th scope="col"' in table


def test_divisions_table_with_staff_and_numbered_duties(page):
    main = main_of(page)
    table = re.search(r"<caption>復興部の部署と業務概要</caption>.*?</table>", main, re.S).group(0)
    assert '<th scope="col">部署名</th>' in table
    assert '<th scope="col">業務概要</th>' in table
    names = re.findall(r'<th scope="row"[^>]*>([^<]+)</th>', table)
    assert names == ["復興総務課", "生活再建支援課", "住宅再建支援課"]
    assert table.count("課長以下 15名") == 2
    assert table.count("課長以下 9名") == 1
    # Numbered as the document numbers them: (1), (2), …
    assert len(re.findall(r"<li>\(\d\) ", table)) == 9
    assert "<li>(4) 被災住宅の相談等に関すること。</li>" in table
    assert "仮設住宅等に係る被災者の入居及び退去の管理に関すること。" in table
    assert "『市政概要』平成28年度版 6(1)" in table


def test_recovery_plan_facts_with_their_sources(page):
    main = main_of(page)
    assert "熊本市震災復興計画" in main
    assert "平成28年(2016年)10月14日" in main
    assert "平成28年度(2016年度)" in main
    assert "令和元年度(2019年度)" in main
    assert "4年間" in main
    assert "現行(平成28年(2016年)4月1日現在)の市域を基本とし、必要に応じて広域的な対応を図る" in main
    assert "熊本市第7次総合計画(平成28年度(2016年度)～令和5年度(2023年度))" in main
    assert "の前期基本計画の一部" in main
    assert "熊本市ホームページ「熊本市震災復興計画について」" in main
    assert "『熊本市震災復興計画概要(案)』(熊本市、平成28年7月) 2" in main
    assert "『熊本市震災復興計画概要(案)』(熊本市、平成28年7月) 3" in main
    assert "出典: 熊本市『市政概要』平成28年度版 6(2)" in main


def test_plan_sections_in_order_and_the_illegible_structure_named_once(page):
    main = main_of(page)
    headings = re.findall(r'<h3 id="plan-[a-z_]+">(.+?)</h3>', main)
    # エ 計画の構成 has nothing under it (illegible, and not in the supplement): no empty
    # section, its heading is named in the plan's one note on what is not legible.
    assert headings == ["ア 計画の対象地域", "イ 計画の位置付け", "ウ 計画期間", "オ 基本方針"]
    intro = main[main.index('<h2 id="plan">'):main.index("ア 計画の対象地域")]
    note = re.search(r'class="not-legible"><p>(.*?)</p>', intro).group(1)
    assert "文字化けしていて読めません" in note
    assert "「エ 計画の構成」は本文を読めず" in note
    assert "「オ 基本方針」は読める部分だけ" in note
    # The supplement's facts stand under their own headings.
    target = main[main.index("ア 計画の対象地域"):main.index("イ 計画の位置付け")]
    assert "現行(平成28年(2016年)4月1日現在)の市域" in target
    period = main[main.index('<h3 id="plan-period">'):main.index('<h3 id="plan-basic_policy">')]
    assert "令和元年度(2019年度)" in period and "4年間" in period


def test_every_fiscal_year_of_the_plan_follows_one_era_rule(page):
    """Regression: the period read 「～平成31年度(2019年度)」 above 「終了年度 令和元年度(2019年度)」.

    FY2019 (April 2019 to March 2020) is 令和元年度, as the era in force at the end of the
    calendar year it begins in; the text written in 2016 is shown by the same rule.
    """
    period = main_of(page)[main_of(page).index("ウ 計画期間"):]
    assert "平成31年度" not in main_of(page)
    assert "<dd>平成28年度(2016年度)～令和元年度(2019年度)の4年間</dd>" in period
    assert "<dt>終了年度</dt><dd>令和元年度(2019年度)</dd>" in period


def test_basic_policy_slogan_and_items(page):
    main = main_of(page)
    basic = main[main.index("オ 基本方針"):]
    assert "～市民力・地域力・行政力を結集し、安全・安心な熊本の再生と創造～" in basic
    items = re.findall(r'<li value="(\d)">([^<]+)</li>', basic)
    assert items == [
        ("1", "避難から復旧、そして、74万市民が総力をあげ明日を見据えた復興へ"),
        ("2", "「安全・安心」と「元気・活力」、そして「地域経済」の回復に向けた効果的かつ迅速な市政展開"),
        ("3", "市民・地域と行政が協働で支える安全・安心で「上質な生活都市」の創造"),
    ]


def test_page_shows_no_garbled_glyph(page):
    glyphs = garbled_glyphs()
    assert {c for c in main_of(page) if c in glyphs} == set()


def _count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


def _add_rows(n):
    """Add ``n`` duties (spread over new divisions), divisions and basic policies."""
    department = RecoveryDepartment.objects.get(name="復興部")
    divisions = [DepartmentDivisionFactory(department=department) for _ in range(max(1, n // 100))]
    Duty.objects.bulk_create(
        Duty(division=divisions[i % len(divisions)], number=i + 1, text=f"業務{i}",
             source="市政概要 6(1)")
        for i in range(n)
    )
    plan = EarthquakeRecoveryPlanFactory()
    BasicPolicyFactory.create_batch(max(1, n // 100), plan=plan)


@pytest.mark.django_db
def test_query_count_is_constant_with_10_or_1000_duties(client):
    _add_rows(10)
    small = _count_queries(client)
    _add_rows(1000)
    assert Duty.objects.count() >= 1000
    assert DepartmentDivision.objects.count() >= 13
    large = _count_queries(client)
    assert large == small


def test_the_not_legible_note_stands_only_where_no_supplement_fact_replaces_the_text(page):
    """Said once, plainly: one note for the plan names everything that is not legible."""
    assert page.count('class="not-legible"') == 1
