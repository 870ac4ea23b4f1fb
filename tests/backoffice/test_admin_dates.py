"""The admin speaks the portal's dates: 和暦 input, precision, and 和暦 in lists and history."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.forms import PortalDateField, PreciseDate
from core.wareki import DatePrecision
from exchange.models import ExchangeActivity
from tests.factories.exchange import ExchangeActivityFactory, PartnerCityFactory
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed, day, precision",
    [
        ("平成28年7月1日", datetime.date(2016, 7, 1), "day"),
        ("H28.7.1", datetime.date(2016, 7, 1), "day"),
        ("2016/7/1", datetime.date(2016, 7, 1), "day"),
        ("２０１６/７/１", datetime.date(2016, 7, 1), "day"),
        ("2016-07-01", datetime.date(2016, 7, 1), "day"),
        ("平成28年7月", datetime.date(2016, 7, 1), "month"),
        ("平成28年(2016年)7月", datetime.date(2016, 7, 1), "month"),
        ("2016年", datetime.date(2016, 1, 1), "year"),
    ],
)
def test_date_field_reads_what_spreadsheets_accept(typed, day, precision):
    value = PortalDateField().clean(typed)
    assert value == day and value.precision == precision


@pytest.mark.parametrize("precision", ["year", "month", "day"])
@pytest.mark.parametrize("day", [datetime.date(2010, 4, 1), datetime.date(1989, 1, 7), datetime.date(2019, 5, 1)])
def test_date_field_shows_a_date_to_its_precision_and_reads_it_back(day, precision):
    # A date known to the month is stored on the 1st, to the year on January 1.
    stored = {"year": day.replace(month=1, day=1), "month": day.replace(day=1), "day": day}[precision]
    field = PortalDateField()
    again = field.clean(field.prepare_value(PreciseDate.of(stored, precision)))
    assert (again.as_date(), again.precision) == (stored, precision)


def test_month_date_is_shown_without_a_day():
    assert PortalDateField().prepare_value(PreciseDate.of(datetime.date(2016, 7, 1), "month")) == "平成28年(2016年)7月"


@pytest.mark.parametrize("typed", ["2016年13月", "来年", "9999/1/1", "令和元年4月1日"])
def test_bad_date_is_refused_in_japanese_naming_the_accepted_forms(typed):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as raised:
        PortalDateField().clean(typed)
    message = " ".join(raised.value.messages)
    assert typed in message


def _add_activity_data(admin_client, city, **values):
    page = admin_client.get(reverse("admin:exchange_exchangeactivity_add"))
    data = form_data(page, lambda attrs: attrs.get("id") == "exchangeactivity_form")
    data.update(
        city=[city.pk], direction=["dispatch"], description=["試験の派遣"],
        participant_count=[""], order=[""], source=[""], date=["平成28年7月1日"],
    )
    data.update({key: [value] for key, value in values.items()})
    return data


def test_adding_a_record_with_a_month_only_wareki_date_stores_month_precision(admin_client):
    city = PartnerCityFactory()
    data = _add_activity_data(admin_client, city, date="平成28年7月", source="市政概要 3(6)")
    response = admin_client.post(reverse("admin:exchange_exchangeactivity_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    activity = ExchangeActivity.objects.get(city=city)
    assert (activity.date, activity.date_precision) == (datetime.date(2016, 7, 1), DatePrecision.MONTH)


def test_a_precision_chosen_in_the_same_form_wins_over_the_typed_one(admin_client):
    city = PartnerCityFactory()
    # The add form offers 年月 (the model's default for activities); staff choose 年.
    data = _add_activity_data(admin_client, city, date="2016/7/1", date_precision="year")
    admin_client.post(reverse("admin:exchange_exchangeactivity_add"), data)
    activity = ExchangeActivity.objects.get(city=city)
    assert activity.date_precision == DatePrecision.YEAR


def test_a_bad_date_changes_nothing_and_says_how_to_write_it(admin_client):
    city = PartnerCityFactory()
    data = _add_activity_data(admin_client, city, date="平成28年13月")
    response = admin_client.post(reverse("admin:exchange_exchangeactivity_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["date"]
    assert "平成28年13月" in errors[0]
    assert not ExchangeActivity.objects.filter(city=city).exists()


def test_change_form_shows_a_month_date_to_the_month_and_keeps_it_when_saved_unchanged(admin_client):
    activity = ExchangeActivityFactory(date=datetime.date(2010, 4, 1), date_precision=DatePrecision.MONTH)
    url = reverse("admin:exchange_exchangeactivity_change", args=[activity.pk])
    page = admin_client.get(url)
    assert 'value="平成22年(2010年)4月"' in page.content.decode()
    data = form_data(page, lambda attrs: attrs.get("id") == "exchangeactivity_form")
    response = admin_client.post(url, data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.date, activity.date_precision) == (datetime.date(2010, 4, 1), DatePrecision.MONTH)


def test_typing_a_full_day_over_a_month_date_makes_it_a_day(admin_client):
    activity = ExchangeActivityFactory(date=datetime.date(2010, 4, 1), date_precision=DatePrecision.MONTH)
    url = reverse("admin:exchange_exchangeactivity_change", args=[activity.pk])
    data = form_data(admin_client.get(url), lambda attrs: attrs.get("id") == "exchangeactivity_form")
    data["date"] = ["H22.4.15"]
    assert admin_client.post(url, data).status_code == 302
    activity.refresh_from_db()
    assert (activity.date, activity.date_precision) == (datetime.date(2010, 4, 15), DatePrecision.DAY)


def test_inline_dates_accept_wareki_too(admin_client):
    activity = ExchangeActivityFactory(date=datetime.date(2015, 5, 1), date_precision=DatePrecision.MONTH)
    url = reverse("admin:exchange_partnercity_change", args=[activity.city.pk])
    page = admin_client.get(url)
    assert 'value="平成27年(2015年)5月"' in page.content.decode()
    data = form_data(page, lambda attrs: attrs.get("id") == "partnercity_form")
    data["activities-0-date"] = ["平成27年(2015年)6月"]
    assert admin_client.post(url, data).status_code == 302
    activity.refresh_from_db()
    assert (activity.date, activity.date_precision) == (datetime.date(2015, 6, 1), DatePrecision.MONTH)


def _changelist_rows(admin_client, url):
    with CaptureQueriesContext(connection) as queries:
        page = admin_client.get(url)
    return page.content.decode(), len(queries)


def test_changelist_shows_dates_to_their_precision_in_wareki(admin_client, django_assert_max_num_queries):
    city = PartnerCityFactory(name="和暦市")
    ExchangeActivityFactory(city=city, date=datetime.date(2010, 4, 1), date_precision=DatePrecision.MONTH)
    url = reverse("admin:exchange_exchangeactivity_changelist") + f"?city__id__exact={city.pk}"
    html, few = _changelist_rows(admin_client, url)
    assert "平成22年(2010年)4月<" in html
    assert "2010年4月1日" not in html
    for _ in range(5):
        ExchangeActivityFactory(city=city)
    # The column adds no query per row.
    with django_assert_max_num_queries(few):
        admin_client.get(url)


def test_changelist_date_column_still_sorts_by_the_date(admin_client):
    city = PartnerCityFactory()
    ExchangeActivityFactory(city=city, date=datetime.date(2012, 1, 1), description="後")
    ExchangeActivityFactory(city=city, date=datetime.date(2011, 1, 1), description="先")
    url = reverse("admin:exchange_exchangeactivity_changelist")
    response = admin_client.get(url, {"city__id__exact": city.pk, "o": "3"})
    assert [a.description for a in response.context["cl"].result_list] == ["先", "後"]


def test_date_hierarchy_links_read_in_wareki(admin_client):
    url = reverse("admin:exchange_partnercity_changelist")
    html = admin_client.get(url).content.decode()
    assert "平成4年(1992年)</a>" in html  # the cities affiliated in 1992 (平成4年5月)
    month = admin_client.get(url, {"affiliated_on__year": "1992"}).content.decode()
    assert "平成4年(1992年)5月</a>" in month


def test_history_shows_a_changed_date_to_its_precision(admin_client):
    activity = ExchangeActivityFactory(date=datetime.date(2010, 4, 1), date_precision=DatePrecision.MONTH)
    url = reverse("admin:exchange_exchangeactivity_change", args=[activity.pk])
    data = form_data(admin_client.get(url), lambda attrs: attrs.get("id") == "exchangeactivity_form")
    data["date"] = ["平成23年5月"]
    assert admin_client.post(url, data).status_code == 302
    history = admin_client.get(reverse("admin:exchange_exchangeactivity_history", args=[activity.pk]))
    html = history.content.decode()
    assert "平成22年(2010年)4月 → 平成23年(2011年)5月" in html
    recent = admin_client.get(reverse("admin-recent-changes")).content.decode()
    assert "平成22年(2010年)4月 → 平成23年(2011年)5月" in recent
