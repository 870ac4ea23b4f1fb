"""The public pages in a browser: phone first (no sideways scrolling at 320, 390, 768 and
1280 px, key values on screen, no word broken inside), no WCAG 2.1 A/AA violation at 320
and 1280 px, a print layout.

The axe-core crawl of ``PAGES`` is what ``make a11y-report`` publishes on /accessibility/
(``TEST_RESULT`` in conftest.py).
"""
import pytest

from .conftest import TEST_RESULT, axe_violations, horizontal_overflow, run_axe, screenshot, violation_lines

pytestmark = pytest.mark.browser

#: Every section page, every city, each list unfiltered, with a filter, with an invalid
#: filter and on its second page (only the activities have one at 20 rows a page), the
#: search (results over several pages, one section, none) and the pages of the footer.
PAGES = [
    "/",
    "/plan/",
    "/metropolitan-area/",
    "/metropolitan-area/members/",
    "/metropolitan-area/members/?kind=town&is_core_city=false",
    "/metropolitan-area/members/?kind=xx",
    "/partner-cities/",
    "/partner-cities/?scope=domestic",
    "/partner-cities/?scope=xx",
    "/partner-cities/guilin/",
    "/partner-cities/san-antonio/",
    "/partner-cities/heidelberg/",
    "/partner-cities/rome/",
    "/partner-cities/ulsan/",
    "/partner-cities/aix-en-provence/",
    "/partner-cities/suzhou-new-district/",
    "/partner-cities/kaohsiung/",
    "/partner-cities/fukui/",
    "/anniversaries/",
    "/exchange-activities/",
    "/exchange-activities/?fiscal_year=2015",
    "/exchange-activities/?page=2",
    "/exchange-activities/?fiscal_year=abc",
    "/international-center/",
    "/public-relations/",
    "/public-relations/programmes/",
    "/public-relations/programmes/?medium=radio",
    "/public-relations/programmes/?medium=xx",
    "/recovery/",
    "/search/?q=熊本",
    "/search/?q=熊本&page=2",
    "/search/?q=熊本&section=exchange",
    "/search/?q=ハイデルベルグ",
    "/opendata/",
    "/api/v1/docs/",
    "/accessibility/",
]
#: The same pages in English (the search with English words).
PAGES += [
    "/en" + path.replace("q=熊本", "q=Kumamoto").replace("q=ハイデルベルグ", "q=Heidelburg")
    for path in PAGES
]

#: Key values a citizen must see on a phone without scrolling sideways, and where.
KEY_VALUES = [
    ("/international-center/", "302,936"),
    ("/partner-cities/", "平成4年(1992年)5月19日"),
    ("/partner-cities/heidelberg/", "平成4年(1992年)5月19日"),
    ("/en/international-center/", "302,936"),
    ("/en/partner-cities/heidelberg/", "19 May 1992 (Heisei 4)"),
]


def _name(path, width):
    return (path.strip("/").replace("/", "_").replace("?", "_").replace("=", "-") or "home") + f"-{width}"


def sideways_scrolling(page, width):
    """What scrolls sideways at ``width`` px ("": nothing): the page, wider than the
    window, or a table scrolling inside it."""
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if not widths[0] == widths[1] == width:
        return f"scrollWidth {widths[0]}px, 画面 {widths[1]}px"
    scrolling = page.evaluate(
        "[...document.querySelectorAll('main *')].filter(e => e.scrollWidth > e.clientWidth + 1"
        " && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)).length"
    )
    return "横にスクロールする表があります" if scrolling else ""


# Whether the text is drawn inside the window: on screen from left to right, not clipped
# by a scrolling box around it (the point at its middle shows the element itself).
IN_VIEW = """(text) => {
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const at = node.data.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    const top = range.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, Math.max(0, top - window.innerHeight / 2));
    const box = range.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return {left: box.left, right: box.right, lines: range.getClientRects().length,
            scrollX: window.scrollX, shown: !!hit && (hit === node.parentElement || node.parentElement.contains(hit) || hit.contains(node.parentElement))};
  }
  return null;
}"""


@pytest.mark.parametrize("path,value", KEY_VALUES)
@pytest.mark.parametrize("width", [320, 390])
def test_key_values_are_on_screen_on_a_phone(public_page, path, value, width):
    page = public_page(path, width)
    found = page.evaluate(IN_VIEW, value)
    assert found is not None, f"{path}: 「{value}」がありません"
    assert found["scrollX"] == 0
    assert 0 <= found["left"] and found["right"] <= width, f"{path}: 「{value}」が画面の外です {found}"
    assert found["shown"], f"{path}: 「{value}」が隠れています"
    # A number and a date read as one unit: on one line, never cut.
    assert found["lines"] == 1, f"{path}: 「{value}」が行の途中で切れています"


@pytest.mark.parametrize("width", [320, 390])
def test_words_never_break_inside(public_page, width):
    page = public_page("/partner-cities/", width)
    for word in ["Heidelberg", "Aix-en-Provence", "Kaohsiung"]:
        found = page.evaluate(IN_VIEW, word)
        assert found is not None, word
        assert found["lines"] == 1, f"「{word}」が単語の途中で改行されています"


#: The window widths of each page, smallest first: phones, a tablet, a desktop.
WIDTHS = [320, 390, 768, 1280]
#: Those at which axe-core checks the page too (it does not scroll sideways at any).
AXE_WIDTHS = [320, 1280]


@pytest.mark.parametrize("path", PAGES)
def test_public_page_has_no_wcag_violation_and_no_sideways_scrolling(public_page, path):
    """One visit a page, the window resized to each width in turn (the layout follows the
    width alone: no script). Every problem at every width is listed, then the test fails."""
    page = public_page(path, WIDTHS[0])
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, _name(path, width))
        problem = sideways_scrolling(page, width)
        TEST_RESULT.check("reflow", not problem)
        problems += [f"{width}px: {problem}"] if problem else []
        if width in AXE_WIDTHS:
            results = run_axe(page)
            TEST_RESULT.record(path, width, results)
            problems += [f"{width}px: {line}" for line in violation_lines(results)]
    assert not problems, f"{path}\n" + "\n".join(problems)


def test_print_layout_shows_the_content_only(public_page):
    page = public_page("/exchange-activities/", 1280)
    page.emulate_media(media="print")
    for selector in [".site-nav", ".filter-form", ".admin-link", ".breadcrumbs", ".pagination"]:
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("main table").first.is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('main table')).breakInside") == "avoid"


#: The pages that draw a map or charts, and the drawings each must show.
GRAPHICS = [
    ("/partner-cities/", ["svg.map-world", "svg.map-inset"]),
    ("/partner-cities/fukui/", ["svg.map-world", "svg.map-inset"]),
    ("/exchange-activities/", ["#activities-by-year svg.chart-bars", "#activities-by-city svg.chart-bars"]),
    ("/exchange-activities/?city=guilin", ["#activities-by-year svg.chart-bars", "#activities-by-city svg.chart-bars"]),
    ("/international-center/", ["#usage-chart svg.chart-bars"]),
    ("/metropolitan-area/", ["#members-by-kind svg.chart-bars"]),
    ("/recovery/", ["figure.chart svg.chart-bars"]),
    ("/public-relations/", ["#circulation svg.chart-bars"]),
]


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("path,selectors", GRAPHICS)
def test_maps_and_charts_show_without_javascript(browser, public_page, live_server, path, selectors, width):
    """Drawn by the server: with JavaScript off they are on the page and inside the window.

    axe-core is itself a script (its run waits on timers, which never fire with JavaScript
    off), so it audits the page opened with JavaScript on, after the test has checked that
    both draw the same: the page's own scripts are static files (the city box's combobox)
    that leave the drawings alone.
    """
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 900}, locale="ja-JP"
    )
    try:
        page = context.new_page()
        assert page.goto(live_server.url + path, wait_until="networkidle").status == 200
        screenshot(page, _name(path, width) + "-nojs")
        for selector in selectors:
            drawing = page.locator(selector).first
            assert drawing.is_visible(), f"{path}: {selector} が見えません"
            box = drawing.bounding_box()
            assert box["width"] > 100 and box["height"] > 40, f"{path}: {selector} {box}"
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{path}: {selector} が画面の外 {box}"
        assert horizontal_overflow(page) <= 0, f"{width}px で横スクロールが出ます"
        without_javascript = [page.locator(selector).first.evaluate("e => e.outerHTML") for selector in selectors]
    finally:
        context.close()
    page = public_page(path, width)
    sources = page.locator("script").evaluate_all("scripts => scripts.map(s => s.getAttribute('src') || '')")
    assert all(source.startswith("/static/") for source in sources), sources
    assert [page.locator(selector).first.evaluate("e => e.outerHTML") for selector in selectors] == without_javascript
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


def test_print_layout_keeps_the_map_and_charts(public_page):
    for path, selectors in [GRAPHICS[0], GRAPHICS[2]]:
        page = public_page(path, 1280)
        page.emulate_media(media="print")
        for selector in selectors:
            assert page.locator(selector).first.is_visible(), f"{path}: 印刷で {selector} が消えます"
        figure = "figure.place-map" if "map" in selectors[0] else "figure.chart"
        assert page.evaluate(f"getComputedStyle(document.querySelector('{figure}')).breakInside") == "avoid"
