"""Odd query strings never make a page fail."""
import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from core.models import SourcedModel

CHANGELISTS = [
    reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    for model in admin.site._registry
    if issubclass(model, SourcedModel)
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", CHANGELISTS)
def test_a_nul_byte_in_an_admin_filter_is_dropped_not_a_server_error(admin_client, url):
    """Regression: ?source=%00 raised psycopg.DataError on PostgreSQL (HTTP 500)."""
    response = admin_client.get(url + "?source=%00&q=%00")
    assert response.status_code in (200, 302)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/exchange-activities/?city=%00guilin", "/partner-cities/?scope=over%00seas"],
)
def test_a_nul_byte_in_a_public_filter_is_dropped(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "\x00" not in response.wsgi_request.GET.urlencode()
    assert response.context["filter"].form.is_valid()


ODD_VALUES = [
    "", "zzz", "-1", "0", "1.5", "1e5", "99999999999999999999", "２０１５", "平成27年度",
    "' OR 1=1 --", "<script>alert(1)</script>", "%", "🏯", "\u202etxt", "x" * 5000,
]
LISTS = {
    "/partner-cities/": ["country_or_region", "relationship_type", "scope"],
    "/exchange-activities/": ["city", "fiscal_year", "direction", "page"],
    "/metropolitan-area/members/": ["kind", "is_core_city", "page"],
    "/public-relations/programmes/": ["medium", "broadcaster", "page"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("url", sorted(LISTS))
def test_odd_filter_values_give_a_list_never_an_error(client, url):
    for name in LISTS[url] + ["unknown_filter"]:
        for value in ODD_VALUES:
            response = client.get(url, {name: value})
            assert response.status_code == 200, (url, name, value[:20])
            assert b"<script>alert(1)</script>" not in response.content
    # The same parameter twice, and every filter at once.
    assert client.get(url + "?" + "&".join(f"{n}=a&{n}=b" for n in LISTS[url])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("day", [datetime.date(9999, 12, 31), datetime.date(1, 1, 1)])
def test_a_fiscal_year_at_the_edge_of_the_calendar_is_a_page_not_an_error(client, day):
    """Regression: an activity dated 9999-12-31 (or 0001-01-01) made its fiscal year a 500."""
    from exchange.models import ExchangeActivity
    from core.wareki import fiscal_year_of

    activity = ExchangeActivity.objects.order_by("pk").first()
    ExchangeActivity.objects.filter(pk=activity.pk).update(date=day)
    response = client.get("/exchange-activities/", {"fiscal_year": fiscal_year_of(day)})
    assert response.status_code == 200
    assert activity.description in response.content.decode()
