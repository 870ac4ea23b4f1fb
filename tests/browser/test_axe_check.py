"""The axe-core check fails on a violation: the home page, its template broken on purpose,
gives the crawl's own helpers (``run_axe``, ``violation_lines``) the violation they would
fail a real page with."""
from pathlib import Path

import pytest

from .conftest import run_axe, violation_lines

pytestmark = pytest.mark.browser

#: ``home.html`` that extends the real one and adds an image without ``alt``.
BROKEN_TEMPLATES = Path(__file__).parent / "broken_templates"


@pytest.fixture
def broken_home_page(settings):
    """The live server renders the home page from ``BROKEN_TEMPLATES`` first."""
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [BROKEN_TEMPLATES, *settings.TEMPLATES[0]["DIRS"]]},
        *settings.TEMPLATES[1:],
    ]


def test_an_image_without_alt_is_reported_as_image_alt(public_page, broken_home_page):
    page = public_page("/", 1280)
    assert page.locator("main img:not([alt])").count() == 1
    lines = violation_lines(run_axe(page))
    print("\n".join(lines))
    # The planted image, and nothing else: the real home page has no violation (the crawl).
    assert len(lines) == 1 and lines[0].startswith("image-alt (1件): "), lines
    assert lines[0].endswith("['img']"), lines

