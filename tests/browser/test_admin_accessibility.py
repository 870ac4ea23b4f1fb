"""The admin in a browser: no WCAG 2.1 A/AA violation (axe-core), no sideways scrolling."""
import pytest
from django.urls import reverse

from exchange.models import PartnerCity

from .conftest import axe_violations, horizontal_overflow, screenshot

pytestmark = pytest.mark.browser


def _partner_city_pk(django_db_blocker):
    with django_db_blocker.unblock():
        # The city with the most inline rows: the heaviest change form.
        return max(PartnerCity.objects.all(), key=lambda c: c.activities.count() + c.milestones.count()).pk


PAGES = {
    "index": lambda pk: reverse("admin:index"),
    "changelist": lambda pk: reverse("admin:exchange_exchangeactivity_changelist"),
    "partnercity_change": lambda pk: reverse("admin:exchange_partnercity_change", args=[pk]),
    "import": lambda pk: reverse("admin:exchange_exchangeactivity_import"),
    "export": lambda pk: reverse("admin:exchange_exchangeactivity_export"),
    "history": lambda pk: reverse("admin:exchange_partnercity_history", args=[pk]),
    "recent_changes": lambda pk: reverse("admin-recent-changes"),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_admin_page_has_no_wcag_violation_at_1280(admin_page, django_db_blocker, name):
    page = admin_page(PAGES[name](_partner_city_pk(django_db_blocker)), 1280)
    screenshot(page, f"{name}-1280")
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    assert horizontal_overflow(page) <= 0, "横スクロールが出ます"


def test_import_preview_has_no_wcag_violation(admin_page, django_db_blocker, tmp_path):
    from exchange.resources import ExchangeSectionResource

    with django_db_blocker.unblock():
        csv_text = ExchangeSectionResource().export().csv
    upload = tmp_path / "sections.csv"
    upload.write_text(csv_text, encoding="utf-8")
    page = admin_page(reverse("admin:exchange_exchangesection_import"), 1280)
    page.set_input_files("#id_import_file", str(upload))
    page.select_option("#id_format", label="csv")
    with page.expect_navigation():
        page.click("form[enctype=\"multipart/form-data\"] input[type=submit]")
    assert page.locator("input[name=confirm]").count() == 1, page.content()[:2000]
    screenshot(page, "import_preview-1280")
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    assert horizontal_overflow(page) <= 0, "横スクロールが出ます"
    # Confirmed: the job's page says what was written and links to the batch.
    page.fill("#id_reason", "年度更新")
    with page.expect_navigation():
        page.click("input[name=confirm]")
    assert "インポートが完了しました" in page.content()
    screenshot(page, "import_done-1280")
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("width", [320, 1280])
def test_recent_changes_reflows_without_sideways_scrolling(admin_page, width):
    page = admin_page(reverse("admin-recent-changes"), width)
    screenshot(page, f"recent_changes-{width}")
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
    assert horizontal_overflow(page) <= 0, f"{width}px で横スクロールが出ます"


@pytest.mark.parametrize("width", [390, 1280])
def test_a_wide_import_preview_scrolls_in_its_frame_not_the_page(admin_page, django_db_blocker, tmp_path, width):
    # The partner cities' sheet has the most columns (names in two languages, position,
    # source …): its preview once pushed the whole admin page sideways.
    from exchange.resources import PartnerCityResource

    with django_db_blocker.unblock():
        # One changed cell: the preview lists the changed rows.
        csv_text = PartnerCityResource().export().csv.replace("Guangxi Zhuang Autonomous Region", "Guangxi", 1)
    upload = tmp_path / "cities.csv"
    upload.write_text(csv_text, encoding="utf-8")
    page = admin_page(reverse("admin:exchange_partnercity_import"), width)
    page.set_input_files("#id_import_file", str(upload))
    page.select_option("#id_format", label="csv")
    with page.expect_navigation():
        page.click("form[enctype=\"multipart/form-data\"] input[type=submit]")
    assert page.locator("input[name=confirm]").count() == 1, page.content()[:2000]
    screenshot(page, f"import_preview_wide-{width}")
    assert horizontal_overflow(page) <= 0, "横スクロールが出ます"
    frame = page.locator(".portal-preview-scroll")
    assert frame.evaluate("e => e.scrollWidth > e.clientWidth"), "the preview is not wider than its frame"
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
