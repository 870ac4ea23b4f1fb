"""The public pages with the keyboard only: Tab goes through the page in reading order,
from the skip link to the footer, and always shows where the focus is (WCAG 2.1.1,
2.4.1, 2.4.3, 2.4.7)."""
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.wcag_check("keyboard")]

# Every element Tab stops at (document order), and how each looks without the focus.
PREPARE = """() => {
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
  window.tabStops = [...document.querySelectorAll(selector)].filter(e =>
    !e.disabled && e.tabIndex >= 0 && e.type !== 'hidden' && e.getClientRects().length > 0
    && getComputedStyle(e).visibility !== 'hidden');
  window.unfocused = window.tabStops.map(e => getComputedStyle(e).boxShadow);
  return window.tabStops.length;
}"""

# The focused element: which tab stop, where on the page it lies, and how it looks.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const style = getComputedStyle(e);
  const box = e.getBoundingClientRect();
  const index = window.tabStops.indexOf(e);
  const region = e.closest('.skip-link') ? 'skip' : e.closest('[role=alert]') ? 'notice'
    : e.closest('.site-nav') ? 'nav' : e.closest('header') ? 'header'
    : e.closest('.breadcrumbs') ? 'breadcrumbs' : e.closest('main') ? 'main'
    : e.closest('footer') ? 'footer' : 'other';
  const label = (e.labels && e.labels.length ? e.labels[0].innerText : e.innerText || e.value || '').trim();
  return {
    index, region, label, tag: e.tagName.toLowerCase(), type: e.type || '',
    inFilter: !!e.closest('.filter-form'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
    shadowChanged: index >= 0 && style.boxShadow !== window.unfocused[index],
    top: box.top + window.scrollY, left: box.left, height: box.height,
    inView: box.bottom > 0 && box.top < window.innerHeight && box.right > 0 && box.left < window.innerWidth,
  };
}"""

#: The regions of every page in reading order.
REGIONS = ["skip", "notice", "header", "nav", "breadcrumbs", "main", "footer"]


def tab_through(page):
    """Press Tab from the top of the page until the focus leaves it; what each stop was."""
    count = page.evaluate(PREPARE)
    stops = []
    for _ in range(count + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (stops and focused["index"] == 0):
            break  # past the last stop: the browser's own controls, or round to the first
        stops.append(focused)
    return count, stops


def describe(stop):
    return f"{stop['region']} {stop['tag']} 「{stop['label'][:20]}」"


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["/", "/exchange-activities/"])
def test_tab_reaches_every_control_in_reading_order_with_a_visible_focus(public_page, path, width):
    page = public_page(path, width)
    count, stops = tab_through(page)
    assert stops, f"{path}: Tab でどこにもフォーカスが移りません"
    assert stops[0]["region"] == "skip" and stops[0]["label"] == "本文へ移動", describe(stops[0])
    # Every stop once, in document order: no positive tabindex, nothing skipped.
    assert [stop["index"] for stop in stops] == list(range(count)), [describe(stop) for stop in stops]
    regions = [REGIONS.index(stop["region"]) for stop in stops]
    assert regions == sorted(regions), [describe(stop) for stop in stops]
    for stop in stops:
        assert stop["outline"] or stop["shadowChanged"], f"{path}: フォーカスが見えません: {describe(stop)}"
        assert stop["inView"], f"{path}: フォーカスした箇所が画面の外です: {describe(stop)}"
    # Reading order on screen: each stop below the one before, or on its line to the right
    # (the skip link shows over the header, where it is first read).
    for before, after in zip(stops[1:], stops[2:]):
        same_line = abs(after["top"] - before["top"]) < max(before["height"], after["height"]) / 2
        assert after["top"] > before["top"] or (same_line and after["left"] >= before["left"]), (
            f"{path}: {describe(before)} の次が {describe(after)} です(画面上で前に戻ります)"
        )


@pytest.mark.parametrize("width", [390, 1280])
def test_the_filter_form_is_tabbed_field_by_field_then_submitted(public_page, width):
    page = public_page("/exchange-activities/", width)
    labels = page.evaluate(
        "[...document.querySelectorAll('.filter-form label')].map(label => label.innerText.trim())"
    )
    _, stops = tab_through(page)
    in_filter = [stop for stop in stops if stop["inFilter"]]
    assert [stop["label"] for stop in in_filter] == [*labels, "絞り込む", "条件を解除"], [describe(s) for s in in_filter]
    assert in_filter[-2]["tag"] == "button" and in_filter[-2]["type"] == "submit"
    # The fields come after the header and navigation and before the table's links.
    first, last = stops.index(in_filter[0]), stops.index(in_filter[-1])
    assert {stop["region"] for stop in stops[:first]} >= {"skip", "header", "nav"}
    assert any(stop["region"] == "main" and stop["tag"] == "a" for stop in stops[last + 1:])


def test_the_skip_link_moves_the_focus_to_the_content(public_page):
    page = public_page("/exchange-activities/", 390)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="本文へ移動")
    assert skip.evaluate("e => e === document.activeElement")
    box = skip.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0 and box["width"] > 0, f"本文へ移動 のリンクが見えません: {box}"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null"), page.evaluate(
        "document.activeElement.outerHTML"
    )
