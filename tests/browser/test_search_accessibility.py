"""The site search in a browser: the header's search box and the results pass axe-core (WCAG 2.1 A/AA)."""
from urllib.parse import quote

import pytest

from .conftest import axe_violations, horizontal_overflow, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize(
    ("name", "path"),
    [("search", f"/search/?q={quote('姉妹')}"), ("search-none", f"/search/?q={quote('ハイデルベルグ')}"), ("home", "/")],
)
def test_search_box_and_results_have_no_wcag_violation(admin_page, name, path, width):
    page = admin_page(path, width)
    screenshot(page, f"{name}-{width}")
    box = page.get_by_role("search", name="サイト内検索").get_by_role("searchbox", name="サイト内検索")
    assert box.count() == 1
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    assert horizontal_overflow(page) <= 0, f"{width}px で横スクロールが出ます"


def test_typing_in_the_header_box_shows_the_results(admin_page):
    page = admin_page("/", 390)
    page.get_by_role("searchbox", name="サイト内検索").fill("ﾊｲﾃﾞﾙ")
    page.get_by_role("searchbox", name="サイト内検索").press("Enter")
    page.wait_for_load_state("networkidle")
    assert page.title() == "「ハイデル」の検索結果 | 熊本市"
    first = page.locator(".search-results h3 a").first
    assert first.inner_text() == "ハイデルベルク市"
    assert first.locator("mark").inner_text() == "ハイデル"
