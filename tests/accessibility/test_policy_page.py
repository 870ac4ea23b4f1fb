"""/accessibility/: the ウェブアクセシビリティ方針 and the latest test result it reads from
the file ``make a11y-report`` writes; a file that cannot be read gives a message, not a 500."""
import datetime
import json
import re
import zoneinfo

import pytest
from django.urls import reverse

from accessibility.report import build_report, write_report
from tests.browser.test_public_pages import PAGES

pytestmark = pytest.mark.django_db

URL = "/accessibility/"
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
UNAVAILABLE = "最新の試験結果を読み込めませんでした。しばらくしてから再度ご覧ください。"


def axe_results(violations=(), passes=(), inapplicable=()):
    """axe-core's answer as the browser suite gets it: rules as (id, tags, elements)."""
    def rules(entries):
        return [{"id": rule, "tags": tags, "impact": "serious", "nodes": [{}] * nodes, "help": rule} for rule, tags, nodes in entries]

    return {
        "testEngine": {"version": "4.12.1"},
        "toolOptions": {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}},
        "violations": rules(violations),
        "passes": rules(passes),
        "incomplete": [],
        "inapplicable": rules(inapplicable),
    }


IMAGE_ALT = ("image-alt", ["cat.text-alternatives", "wcag2a", "wcag111"], 2)
CONTRAST = ("color-contrast", ["cat.color", "wcag2aa", "wcag143"], 5)
VIDEO_CAPTION = ("video-caption", ["cat.time-and-media", "wcag2a", "wcag122"], 0)


@pytest.fixture
def report_file(settings, tmp_path):
    path = tmp_path / "report.json"
    settings.PORTAL_ACCESSIBILITY_REPORT = path
    return path


def page(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def main_of(html):
    return re.sub(r"\s+", " ", html[html.index("<main"):html.index("</main>")])


def write(path, runs, checks=None):
    write_report(path, build_report(
        runs, checks or {"keyboard": "passed", "reflow": "passed"},
        tested_at=datetime.datetime(2026, 12, 2, 8, 30, tzinfo=TOKYO),
        runner="axe-playwright-python 0.1.8", browser="Chromium 156.0.8078.114",
    ))


def test_url_name():
    assert reverse("accessibility:policy") == URL


def test_the_policy_states_scope_target_dates_and_exceptions(client, report_file):
    html = page(client)
    assert "<title>ウェブアクセシビリティ方針 | 熊本市</title>" in html
    assert '<span aria-current="page">ウェブアクセシビリティ方針</span>' in html
    main = main_of(html)
    assert "<h1>ウェブアクセシビリティ方針</h1>" in main
    for text in ["対象範囲", "このポータルのドメイン配下の、すべてのウェブページ", "目標とする適合レベル",
                 "JIS X 8341-3:2016 の適合レベル AA に準拠", "達成期限", "令和9年(2027年)3月31日",
                 "策定日", "令和8年(2026年)12月2日", "例外事項", "職員用管理画面",
                 "みんなの公共サイト運用ガイドライン"]:
        assert text in main, text
    assert "style=" not in html and "<script" not in html


def test_the_result_names_date_tool_pages_and_each_pages_violations(client, report_file):
    write(report_file, [
        ("/", 320, axe_results(passes=[IMAGE_ALT, CONTRAST])),
        ("/", 1280, axe_results(passes=[IMAGE_ALT, CONTRAST])),
        ("/plan/", 320, axe_results(violations=[IMAGE_ALT], passes=[CONTRAST], inapplicable=[VIDEO_CAPTION])),
        ("/plan/", 1280, axe_results(passes=[IMAGE_ALT, CONTRAST], inapplicable=[VIDEO_CAPTION])),
    ])
    main = main_of(page(client))
    assert '<time datetime="2026-12-02">令和8年(2026年)12月2日</time>' in main
    assert "axe-core 4.12.1(axe-playwright-python 0.1.8 から Chromium 156.0.8078.114 で実行)" in main
    assert "wcag2a、wcag2aa、wcag21a、wcag21aa" in main
    assert "<dt>試験を行ったページ数</dt> <dd>2ページ</dd>" in main
    assert "2か所で達成基準を満たしていません。" in main
    rows = re.findall(r"<tr>(.*?)</tr>", main)
    home = next(row for row in rows if "<code>/</code>" in row)
    plan = next(row for row in rows if "<code>/plan/</code>" in row)
    assert re.findall(r">(\d+)か所<", home) == ["0", "0"] and ">なし<" in home
    assert re.findall(r">(\d+)か所<", plan) == ["2", "0"] and ">image-alt<" in plan


def checklist_row(main, number):
    return next(row for row in re.findall(r"<tr>(.*?)</tr>", main) if f'data-label="番号">{number}</th>' in row)


def test_the_checklist_gives_each_success_criterion_its_result(client, report_file):
    write(report_file, [("/", 320, axe_results(violations=[IMAGE_ALT], passes=[CONTRAST], inapplicable=[VIDEO_CAPTION]))])
    main = main_of(page(client))
    # WCAG 2.1 has 50 success criteria at levels A and AA; JIS X 8341-3:2016 has 38 of them.
    assert len(re.findall(r'data-label="番号">', main)) == 50
    assert main.count('data-label="JIS X 8341-3:2016">対象<') == 38
    assert "満たしていない箇所あり" in checklist_row(main, "1.1.1") and "image-alt" in checklist_row(main, "1.1.1")
    assert ">問題なし<" in checklist_row(main, "1.4.3")
    assert ">該当する箇所なし<" in checklist_row(main, "1.2.2")
    assert ">自動試験の対象外<" in checklist_row(main, "1.2.1")
    assert ">問題なし<" in checklist_row(main, "2.4.7") and "Tabキー" in checklist_row(main, "2.4.7")
    assert ">問題なし<" in checklist_row(main, "1.4.10") and "WCAG 2.1 で追加" in checklist_row(main, "1.4.10")


def test_a_failed_keyboard_check_marks_its_criteria(client, report_file):
    write(report_file, [("/", 320, axe_results(passes=[IMAGE_ALT]))], {"keyboard": "failed", "reflow": "passed"})
    main = main_of(page(client))
    for number in ["2.1.1", "2.4.1", "2.4.3", "2.4.7"]:
        assert "満たしていない箇所あり" in checklist_row(main, number), number
    assert "満たしていない箇所あり" not in checklist_row(main, "1.4.10")


@pytest.mark.parametrize("content", [
    None,  # no file
    "",
    "{not json",
    "[]",
    json.dumps({"format": 99}),
    json.dumps({"format": 1, "tested_at": "2026-12-02"}),
    json.dumps({"format": 1, "tested_at": "昨日", "tool": {}, "tags": [], "widths": [], "rules": [], "pages": [], "checks": []}),
])
def test_a_missing_or_unreadable_file_gives_the_policy_and_a_message(client, report_file, content):
    if content is not None:
        report_file.write_text(content, encoding="utf-8")
    main = main_of(page(client))
    assert "JIS X 8341-3:2016 の適合レベル AA に準拠" in main
    assert UNAVAILABLE in main
    assert "試験を行ったページ数" not in main


def test_the_published_result_covers_every_page_the_browser_suite_crawls(client):
    """The committed file (make a11y-report): each crawled page at 320 and 1280 px."""
    main = main_of(page(client))
    assert UNAVAILABLE not in main
    listed = re.findall(r'<th scope="row" data-label="ページ"><code>([^<]+)</code>', main)
    assert sorted(listed) == sorted(path.replace("&", "&amp;") for path in PAGES)
    assert "幅320pxでの違反" in main and "幅1280pxでの違反" in main


def test_every_page_links_to_the_policy_in_its_footer(client):
    for url in ["/", "/exchange-activities/", "/opendata/", URL]:
        html = client.get(url).content.decode()
        footer = html[html.index('<footer class="site-footer">'):]
        assert f'<a href="{URL}">ウェブアクセシビリティ方針</a>' in footer, url


def test_the_policy_is_in_the_sitemap(client):
    assert f"<loc>http://testserver{URL}</loc>" in client.get("/sitemap.xml").content.decode()
