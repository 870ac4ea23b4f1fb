"""Pages written for citizens: a crawl of every public page from the home page.

The crawl follows every link of the public site (section pages, city pages, filter links,
page links), so a page added later is checked without being listed here. Each page must
show no file name, no internal label or editing note, and no empty section; each has a
title of its own and marks its section in the navigation; each filter error is tied to an
element that exists.
"""
import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest

pytestmark = pytest.mark.django_db

#: Where the crawl starts: the home page and a filtered and a paged view of each list
#: (filter values are not all linked from the pages).
START = [
    "/",
    "/exchange-activities/?fiscal_year=2015",
    "/exchange-activities/?page=2",
    "/exchange-activities/?fiscal_year=abc",
    "/partner-cities/?scope=xx",
    "/partner-cities/?scope=domestic",
    "/metropolitan-area/members/?kind=xx",
    "/metropolitan-area/members/?kind=town&is_core_city=false",
    "/public-relations/programmes/?medium=radio",
]
#: File names: the document's text, the supplement, data and code files.
FILE_NAME = re.compile(r"[\w-]+\.(?:md|txt|csv|tsv|json|xlsx|py|html)\b", re.IGNORECASE)
#: Labels and notes written for staff, never for citizens. (", section " is a supplement
#: source's section, 「…, 平成28年7月, section 2」: the API's field name source_section is not.)
INTERNAL_LABELS = ["(本文)", "補足資料", "SUPPLEMENT", "10進法", "hpKiji", ", section ", "None", "人ほか"]


class PageParser(HTMLParser):
    """Read what the checks need: visible text, title, links, ids, aria attributes and
    the outline of headings with whether any text stands under each."""

    CONTAINERS = {"section", "main", "article", "nav", "aside", "dd", "li", "td", "th"}
    VOID = {"br", "img", "input", "meta", "link", "hr", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.text = []
        self.links = []
        self.ids = set()
        self.described_by = []
        self.nav_links = []
        self.nav_current = []
        self.empty_headings = []
        self._in_title = False
        self._skip = 0
        self._in_nav = False
        self._heading = None
        self._open = []  # [level, text, has_content, container depth]
        self._depth = 0
        self._about = []  # open elements about a section (its source, its contact line)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # A source or contact line says where a section's content comes from; it is no content.
        about = self._about or {"source", "contact"} & set((attrs.get("class") or "").split())
        if about and tag not in self.VOID:
            self._about.append(tag)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if attrs.get("aria-describedby"):
            self.described_by += attrs["aria-describedby"].split()
        if tag == "title":
            self._in_title = True
        elif tag in ("script", "style"):
            self._skip += 1
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
            if self._in_nav:
                self.nav_links.append(attrs["href"])
            if self._in_nav and attrs.get("aria-current"):
                self.nav_current.append((attrs["href"], attrs["aria-current"]))
        elif tag == "nav" and attrs.get("aria-label") == "主なメニュー":
            self._in_nav = True
        elif re.fullmatch(r"h[1-6]", tag):
            level = int(tag[1])
            self._close_headings(lambda entry: entry[0] >= level)
            self._heading = [level, "", False, self._depth]
        elif tag in ("table", "img", "svg", "input", "select"):
            self._has_content()
        if tag in self.CONTAINERS:
            self._depth += 1

    def handle_endtag(self, tag):
        if self._about and self._about[-1] == tag:
            self._about.pop()
        if tag == "title":
            self._in_title = False
        elif tag in ("script", "style"):
            self._skip -= 1
        elif tag == "nav":
            self._in_nav = False
        elif re.fullmatch(r"h[1-6]", tag) and self._heading:
            self._open.append(self._heading)
            self._heading = None
        if tag in self.CONTAINERS:
            self._depth -= 1
            self._close_headings(lambda entry: entry[3] > self._depth)

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._skip:
            return
        self.text.append(data)
        if not data.strip():
            return
        if self._heading is not None:
            self._heading[1] += data.strip()
        elif not self._about:
            self._has_content()

    def close(self):
        super().close()
        self._close_headings(lambda entry: True)

    def _has_content(self):
        for entry in self._open:
            entry[2] = True

    def _close_headings(self, which):
        keep = []
        for entry in self._open:
            if which(entry):
                if not entry[2] and entry[0] > 1:
                    self.empty_headings.append(entry[1])
            else:
                keep.append(entry)
        self._open = keep

    @property
    def visible_text(self):
        return re.sub(r"\s+", " ", " ".join(self.text))


def parse(html):
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def _public(url):
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and parts.path.startswith("/") and not (
        parts.path.startswith("/admin/") or parts.path.startswith("/static/")
    )


@pytest.fixture(scope="module")
def crawled(django_db_setup, django_db_blocker):
    """Every public page reachable from ``START``: ``{url: (html, parsed page)}``."""
    from django.conf import settings
    from django.test import Client, override_settings

    client = Client()
    pages, queue = {}, list(START)
    # What the root conftest's per-test fixtures set: plain HTTP, no static manifest.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with django_db_blocker.unblock(), override_settings(SECURE_SSL_REDIRECT=False, STORAGES=storages):
        while queue and len(pages) < 400:
            url = queue.pop(0)
            if url in pages:
                continue
            response = client.get(url)
            assert response.status_code == 200, url
            if response.streaming or not response["Content-Type"].startswith("text/html"):
                continue  # a download, a feed, the sitemap: not a page to read
            html = response.content.decode()
            page = parse(html)
            pages[url] = (html, page)
            for link in page.links:
                link = urldefrag(link.replace("&amp;", "&"))[0]
                if link.startswith("?"):
                    link = urlsplit(url).path + link
                if link and _public(link) and link not in pages:
                    queue.append(link)
    return pages


def test_the_crawl_walks_both_trees(crawled):
    """Every page reached in Japanese is reached in English under /en/ (its language link), and back."""
    paths = {urlsplit(url).path for url in crawled}
    english = {path for path in paths if path.startswith("/en/")}
    japanese = paths - english
    assert len(crawled) < 400  # the crawl's bound was not what stopped it
    assert "/en/partner-cities/heidelberg/" in english
    assert {"/en" + path for path in japanese} == english


def test_the_crawl_reaches_every_kind_of_page(crawled):
    """Every section page, every city page, filtered and paged lists."""
    paths = {urlsplit(url).path for url in crawled}
    for path in ["/", "/plan/", "/metropolitan-area/", "/metropolitan-area/members/",
                 "/partner-cities/", "/partner-cities/heidelberg/", "/partner-cities/fukui/",
                 "/exchange-activities/", "/international-center/", "/public-relations/",
                 "/public-relations/programmes/", "/recovery/"]:
        assert path in paths, path
    assert len(crawled) > 30


def test_no_page_shows_a_file_name(crawled):
    found = {url: FILE_NAME.findall(page.visible_text) for url, (_, page) in crawled.items()}
    assert {url: names for url, names in found.items() if names} == {}


def test_no_page_shows_an_internal_label(crawled):
    found = {
        url: [label for label in INTERNAL_LABELS if label in page.visible_text]
        for url, (_, page) in crawled.items()
    }
    assert {url: labels for url, labels in found.items() if labels} == {}


def test_no_page_has_an_empty_section(crawled):
    found = {url: page.empty_headings for url, (_, page) in crawled.items()}
    assert {url: headings for url, headings in found.items() if headings} == {}


def test_the_empty_section_check_finds_an_empty_section():
    page = parse(
        '<main><h2>国内交流(観光政策課)</h2><p class="source">出典: 熊本市『市政概要』平成28年度版 4</p>'
        "<section><h3>エ 計画の構成</h3></section>"
        "<h2>基本方針</h2><h3>見出し</h3><p>本文</p></main>"
    )
    assert page.empty_headings == ["エ 計画の構成", "国内交流(観光政策課)"]


def test_sources_name_the_publication(client):
    html = client.get("/partner-cities/heidelberg/").content.decode()
    assert "英語名・位置の出典: 各都市が用いる英語名と、市の中心のおよその緯度・経度(世界測地系)" in html
    assert "出典: 熊本市『市政概要』平成28年度版 3(3)" in html
    html = client.get("/recovery/").content.decode()
    assert "出典: 熊本市ホームページ「熊本市震災復興計画について」" in html


def test_coordinates_read_with_their_hemisphere(client):
    html = client.get("/partner-cities/san-antonio/").content.decode()
    assert "市の中心のおよその位置: 北緯29.4241度、西経98.4936度" in html


def test_staff_see_the_editing_notes_citizens_do_not(client, admin_client):
    url = "/partner-cities/san-antonio/"
    assert "10進法" not in client.get(url).content.decode()
    staff_page = admin_client.get(url).content.decode()
    assert "経度 -98.4936。10進法、世界測地系。経度の負の値は西経" in staff_page


def test_every_filtered_or_paged_page_has_a_title_of_its_own(crawled):
    by_title = {}
    for url, (html, page) in crawled.items():
        main = html[html.index("<main"):html.index("</main>")]
        by_title.setdefault(page.title.strip(), set()).add(main)
    # Two addresses may show the same page (``?page=1`` and none); different pages never
    # share a title.
    assert {title: len(mains) for title, mains in by_title.items() if len(mains) > 1} == {}


def test_filtered_titles_name_the_filter_and_the_page(client):
    def title(url):
        return parse(client.get(url).content.decode()).title

    assert title("/exchange-activities/?city=guilin&fiscal_year=2015") == (
        "交流の記録(都市: 桂林市、年度: 平成27年度(2015年度)) | 熊本市"
    )
    assert title("/exchange-activities/?page=2") == "交流の記録(2ページ目) | 熊本市"
    assert title("/metropolitan-area/members/?kind=xx") == "構成市町村(絞り込みの条件に誤りがあります) | 熊本市"


def test_navigation_marks_the_current_section(crawled):
    sections = {href for _, page in crawled.values() for href in page.nav_links}
    for url, (_, page) in crawled.items():
        path = urlsplit(url).path
        if not any(path.startswith(href) for href in sections):
            # The home page and pages outside the navigation (search, open data, API).
            assert page.nav_current == [], url
            continue
        (current,) = page.nav_current
        href, value = current
        assert path.startswith(href), url
        assert value == ("page" if path == href else "true"), url


def test_every_page_names_its_icon(crawled):
    for url, (html, _) in crawled.items():
        assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html, url
        assert 'href="/static/favicon.png" type="image/png"' in html, url


def test_the_icons_are_served(client):
    from django.contrib.staticfiles import finders

    svg = finders.find("favicon.svg")
    png = finders.find("favicon.png")
    assert open(svg, encoding="utf-8").read().startswith("<svg")
    assert open(png, "rb").read(8) == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("url", [
    "/exchange-activities/?fiscal_year=abc",
    "/partner-cities/?scope=xx",
    "/metropolitan-area/members/?kind=xx",
    "/public-relations/programmes/?medium=xx",
])
def test_filter_errors_are_shown_and_tied_to_their_field(client, url):
    html = client.get(url).content.decode()
    page = parse(html)
    assert page.described_by, url
    for error_id in page.described_by:
        assert error_id in page.ids, error_id
    # Every list says it the same way: the summary above the fields, the message at the field.
    assert '<p class="filter-summary" id="filter-errors">' in html
    assert "絞り込みの条件に誤りがあります" in html
    (field,) = re.findall(r'<select name="(\w+)" aria-invalid="true"', html)
    assert field in url


def test_aria_describedby_points_at_existing_ids_on_every_page(crawled):
    missing = {
        url: [i for i in page.described_by if i not in page.ids] for url, (_, page) in crawled.items()
    }
    assert {url: ids for url, ids in missing.items() if ids} == {}


def test_head_counts_show_every_group_the_line_names(client):
    html = client.get("/partner-cities/ulsan/").content.decode()
    assert '<td class="num" data-label="人数">市議会議員3名・職員3名</td>' in html
    assert '<td class="num" data-label="人数">職員3名・市民ランナー1名</td>' in html
    from exchange.models import ExchangeActivity

    activity = ExchangeActivity.objects.get(description__contains="(高校生15名)")
    html = client.get(activity.city.get_absolute_url()).content.decode()
    assert '<td class="num" data-label="人数">高校生15名・中学生8名・役員6名</td>' in html


def test_long_pages_have_a_table_of_contents(crawled):
    """A page of four or more sections (h2) opens with a list of links to each of them."""
    for url, (html, page) in crawled.items():
        ids = re.findall(r'<h2 id="([^"]+)"', html)
        if len(ids) < 4:
            continue
        toc = re.search(r'<nav class="toc" aria-label="[^"]+">(.*?)</nav>', html, re.S)
        assert toc, url
        assert sorted(set(re.findall(r'href="#([^"]+)"', toc.group(1)))) == sorted(set(ids)), url
