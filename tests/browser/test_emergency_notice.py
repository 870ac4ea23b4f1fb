"""緊急情報 in a browser: every level readable (axe-core, WCAG 2.1 A/AA) at phone and desktop width."""
import pytest
from django.urls import reverse

from notices.models import EmergencyNotice, NoticeLevel

from .conftest import axe_violations, horizontal_overflow, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def notices(django_db_blocker):
    with django_db_blocker.unblock():
        made = [
            EmergencyNotice.objects.create(
                level=level, title=f"{label}の見出し(熊本市中央区花畑町4番18号 国際交流会館)",
                text="本文の一行目。\n本文の二行目。", link="https://www.city.kumamoto.jp/",
            )
            for level, label in NoticeLevel.choices
        ]
    yield made
    with django_db_blocker.unblock():
        EmergencyNotice.objects.filter(pk__in=[notice.pk for notice in made]).delete()


@pytest.mark.parametrize("width", [320, 1280])
def test_the_notices_pass_axe_and_fit_the_width(admin_page, notices, width):
    page = admin_page(reverse("home"), width)
    screenshot(page, f"emergency_notice-{width}")
    assert page.locator("[role=alert] .emergency-notice").count() == 3
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    assert horizontal_overflow(page) <= 0, f"{width}px で横スクロールが出ます"
