"""The activity filter's city box with JavaScript: a WAI-ARIA 1.2 combobox that suggests
cities as one types, chosen with the arrow keys and Enter; it passes axe-core open and
closed, on a phone and a desktop, in Japanese and English."""
import re

import pytest

from .conftest import axe_violations, horizontal_overflow, screenshot

pytestmark = pytest.mark.browser


def city_box(page, name="都市"):
    # Its label (「都市:」, "City:"); the 年度 and 種類 selects are comboboxes too.
    return page.get_by_role("combobox", name=re.compile(rf"^{name}\W*$"))


def suggestions(page, box, text, listbox_name="都市の候補"):
    box.press_sequentially(text)
    listbox = page.get_by_role("listbox", name=listbox_name)
    listbox.wait_for()
    return listbox


def listed_cities(page, column="都市"):
    return set(page.locator(f'table.cards td[data-label="{column}"] a').all_inner_texts())


@pytest.mark.parametrize("width", [320, 1280])
def test_typing_then_arrow_and_enter_filter_the_list(public_page, width):
    page = public_page("/exchange-activities/", width)
    box = city_box(page)
    assert box.get_attribute("aria-expanded") == "false"
    listbox = suggestions(page, box, "はいで")
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == listbox.get_attribute("id")
    assert listbox.get_by_role("option").all_inner_texts() == ["ハイデルベルク市(Heidelberg)"]
    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    # The open list passes axe-core and keeps to the width.
    screenshot(page, f"city-combobox-open-{width}")
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    assert horizontal_overflow(page) <= 0, f"{width}px で横スクロールが出ます"
    with page.expect_navigation():
        box.press("Enter")
    page.wait_for_load_state("networkidle")
    assert listed_cities(page) == {"ハイデルベルク市"}
    assert city_box(page).input_value() == "ハイデルベルク市"
    assert not axe_violations(page)


def test_up_wraps_to_the_last_suggestion_and_escape_closes_the_list(public_page):
    page = public_page("/exchange-activities/", 1280)
    box = city_box(page)
    listbox = suggestions(page, box, "市")
    options = listbox.get_by_role("option")
    assert options.count() > 1
    box.press("ArrowUp")
    last = options.nth(options.count() - 1)
    assert box.get_attribute("aria-activedescendant") == last.get_attribute("id")
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert listbox.is_hidden()
    assert box.input_value() == "市"
    box.press("Escape")
    assert box.input_value() == ""


def test_the_english_list_suggests_english_names(public_page):
    page = public_page("/en/exchange-activities/", 390)
    box = city_box(page, "City")
    listbox = suggestions(page, box, "gui", "Matching cities")
    assert listbox.get_by_role("option").all_inner_texts() == ["Guilin"]
    box.press("ArrowDown")
    with page.expect_navigation():
        box.press("Enter")
    page.wait_for_load_state("networkidle")
    assert listed_cities(page, "City") == {"Guilin"}
    assert not axe_violations(page)
