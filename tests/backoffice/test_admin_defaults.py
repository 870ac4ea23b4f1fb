"""Defaults of records staff create: the next free 表示順 and the division's own 出典."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.models import Division, registered_source, source_validator
from core.wareki import DatePrecision
from exchange.models import ExchangeActivity, PartnerCity
from tests.factories.exchange import ExchangeActivityFactory, PartnerCityFactory
from tests.factories.users import setup_roles, staff_of, superuser
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db


def _today_source(division="国際課"):
    return registered_source(division, timezone.localdate())


def test_registered_source_reads_as_the_division_and_day_in_wareki():
    assert registered_source("国際課", datetime.date(2026, 12, 2)) == "国際課による登録(令和8年12月2日)"
    source_validator("国際課による登録(令和8年12月2日)")
    with pytest.raises(ValidationError):
        source_validator("による登録(令和8年12月2日)")
    with pytest.raises(ValidationError):
        source_validator("国際課による登録(2026年12月2日)")


def _add_activity(client, city, **values):
    url = reverse("admin:exchange_exchangeactivity_add")
    data = form_data(client.get(url), lambda attrs: attrs.get("id") == "exchangeactivity_form")
    data.update(
        city=[city.pk], direction=["dispatch"], description=["試験の派遣"],
        participant_count=[""], date=["平成28年7月"],
    )
    data.update({key: [value] for key, value in values.items()})
    return client.post(url, data)


def test_a_second_activity_of_a_city_gets_the_next_order_and_the_divisions_source(admin_client):
    city = PartnerCityFactory()
    ExchangeActivityFactory(city=city, order=4)
    response = _add_activity(admin_client, city, order="", source="")
    assert response.status_code == 302, response.context["adminform"].form.errors
    added = ExchangeActivity.objects.get(city=city, description="試験の派遣")
    assert added.order == 5
    assert added.source == _today_source()


def test_add_form_offers_the_clerks_division_as_source_and_it_stays_editable():
    setup_roles()
    client = Client()
    client.force_login(staff_of("国際課"))
    page = client.get(reverse("admin:exchange_exchangeactivity_add"))
    assert page.context["adminform"].form["source"].value() == _today_source()
    city = PartnerCity.objects.filter(responsible_division__name="国際課").first()
    response = _add_activity(client, city, order="", source="補足資料: 訪問の記録")
    assert response.status_code == 302
    assert ExchangeActivity.objects.get(description="試験の派遣").source == "補足資料: 訪問の記録"


def test_add_forms_offer_the_next_order_when_the_parent_is_known():
    client = Client()
    client.force_login(superuser())
    page = client.get(reverse("admin:exchange_partnercity_add"))
    largest = max(PartnerCity.objects.values_list("order", flat=True))
    assert page.context["adminform"].form["order"].value() == largest + 1
    city = PartnerCityFactory()
    ExchangeActivityFactory(city=city, order=7)
    page = client.get(reverse("admin:exchange_exchangeactivity_add"), {"city": city.pk})
    assert page.context["adminform"].form["order"].value() == 8


def test_a_typed_order_that_is_taken_is_refused_in_japanese(admin_client):
    city = PartnerCityFactory()
    ExchangeActivityFactory(city=city, order=1)
    response = _add_activity(admin_client, city, order="1", source="市政概要 3(6)")
    assert response.status_code == 200
    assert ExchangeActivity.objects.filter(city=city).count() == 1


def test_new_inline_rows_left_empty_get_distinct_numbers_after_the_typed_ones(admin_client):
    city = PartnerCityFactory()
    ExchangeActivityFactory(city=city, order=3)
    url = reverse("admin:exchange_partnercity_change", args=[city.pk])
    data = form_data(admin_client.get(url), lambda attrs: attrs.get("id") == "partnercity_form")
    existing = int(data["activities-TOTAL_FORMS"][0])
    rows = [("", "一つ目"), ("4", "二つ目"), ("", "三つ目")]
    for index, (order, text) in enumerate(rows, start=existing):
        prefix = f"activities-{index}-"
        data.update({
            prefix + "order": [order], prefix + "date": ["R6.4"], prefix + "date_precision": ["month"],
            prefix + "direction": ["dispatch"], prefix + "description": [text],
            prefix + "participant_count": [""], prefix + "source": [""], prefix + "city": [str(city.pk)],
        })
    data["activities-TOTAL_FORMS"] = [str(existing + len(rows))]
    response = admin_client.post(url, data)
    assert response.status_code == 302, [f.errors for f in response.context["inline_admin_formsets"][2].formset]
    numbers = dict(ExchangeActivity.objects.filter(city=city).values_list("description", "order"))
    assert (numbers["一つ目"], numbers["二つ目"], numbers["三つ目"]) == (5, 4, 6)
    added = ExchangeActivity.objects.get(city=city, description="一つ目")
    assert (added.date, added.date_precision) == (datetime.date(2024, 4, 1), DatePrecision.MONTH)
    assert added.source == _today_source()


def test_a_new_city_with_new_rows_numbers_them_from_one(admin_client):
    url = reverse("admin:exchange_partnercity_add")
    data = form_data(admin_client.get(url), lambda attrs: attrs.get("id") == "partnercity_form")
    division = Division.objects.get(name="国際課")
    data.update(
        name=["新規市"], english_name=["New City"], slug=["new-city"], scope=["overseas"],
        country_or_region=["france"], relationship_type=[PartnerCity._meta.get_field("relationship_type").choices[0][0]],
        affiliated_on=["令和8年4月"], heading=["新規市(フランス)"], affiliation_history=["経緯"],
        overview=["概要"], responsible_division=[str(division.pk)], order=[""], source=[""],
        latitude=["43.5"], longitude=["5.4"], supplement_source=["補足資料: 試験"],
    )
    for index in range(2):
        prefix = f"activities-{index}-"
        data.update({
            prefix + "order": [""], prefix + "date": ["R8.5"], prefix + "date_precision": ["month"],
            prefix + "direction": ["dispatch"], prefix + "description": [f"交流{index}"],
            prefix + "participant_count": [""], prefix + "source": [""],
        })
    data["activities-TOTAL_FORMS"] = ["2"]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    city = PartnerCity.objects.get(name="新規市")
    assert city.affiliated_on_precision == DatePrecision.MONTH
    assert city.source == _today_source()
    assert list(city.activities.order_by("order").values_list("description", "order")) == [("交流0", 1), ("交流1", 2)]


def test_public_page_shows_the_registered_source_as_written(client):
    city = PartnerCityFactory(source=_today_source())
    page = client.get(f"/partner-cities/{city.slug}/")
    assert f"出典: {_today_source()}" in page.content.decode()
