"""Text is stored one way, whoever writes it; a save that changes nothing is no change.

Browsers send a textarea's line breaks as ``\\r\\n``. Saving a partner city unchanged in
the admin used to store them, so the history showed a change nobody made, and a revert
put ``\\r\\n`` back instead of the earlier text.
"""
import pytest
from django.urls import reverse

from exchange.models import PartnerCity
from tests.factories.users import UserFactory
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(username="tanaka", is_superuser=True))
    return client


def _browser_form(client, url):
    """The form at ``url`` as a browser submits it: textarea line breaks as CRLF."""
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page, lambda attrs: attrs.get("id", "").endswith("_form"))
    return {name: [value.replace("\n", "\r\n") for value in values] for name, values in data.items()}


def test_saving_a_partner_city_unchanged_stores_lf_and_writes_no_history(staff_client):
    city = PartnerCity.objects.get(name="桂林市")
    assert "\n" in city.affiliation_history
    before = (city.affiliation_history, city.overview)
    rows = city.history.count()
    url = reverse("admin:exchange_partnercity_change", args=[city.pk])
    data = _browser_form(staff_client, url)
    assert "\r\n" in data["affiliation_history"][0]

    assert staff_client.post(url, data).status_code == 302

    city.refresh_from_db()
    assert (city.affiliation_history, city.overview) == before
    assert "\r" not in city.affiliation_history
    assert city.history.count() == rows


def test_typed_crlf_and_full_width_text_are_stored_normalised(staff_client):
    city = PartnerCity.objects.get(name="桂林市")
    url = reverse("admin:exchange_partnercity_change", args=[city.pk])
    data = _browser_form(staff_client, url)
    data["overview"] = ["  第１段落。\r\n\r\n第２段落。  "]
    data["english_name"] = ["Ｇｕｉｌｉｎ　City "]

    assert staff_client.post(url, data).status_code == 302

    city.refresh_from_db()
    assert city.overview == "第1段落。\n第2段落。"
    assert city.english_name == "Guilin City"


def test_a_revert_restores_exactly_the_earlier_text(staff_client):
    city = PartnerCity.objects.get(name="桂林市")
    original = city.affiliation_history
    first_row = city.history.order_by("history_date", "history_id").first()
    url = reverse("admin:exchange_partnercity_change", args=[city.pk])
    data = _browser_form(staff_client, url)
    data["affiliation_history"] = ["書き換えた経緯。\r\n二行目。"]
    assert staff_client.post(url, data).status_code == 302
    city.refresh_from_db()
    assert city.affiliation_history == "書き換えた経緯。\n二行目。"

    revert_url = reverse("admin:exchange_partnercity_simple_history", args=[city.pk, first_row.pk])
    data = {**_browser_form(staff_client, revert_url), "_save": ["この内容に戻す"]}
    assert staff_client.post(revert_url, data).status_code == 302

    city.refresh_from_db()
    assert city.affiliation_history == original
    latest = city.history.order_by("-history_date", "-history_id").first()
    assert latest.affiliation_history == first_row.affiliation_history == original
    assert city.history.count() == 3  # fixture row, the edit, the revert


def test_the_history_keeps_no_version_and_shows_no_version_change():
    from audit.history import changed_fields, history_model

    assert "version" not in [field.name for field in history_model(PartnerCity)._meta.fields]
    city = PartnerCity.objects.get(name="桂林市")
    city.population = 1
    city.save()
    city.save()  # nothing changed: no row
    latest, previous = city.history.order_by("-history_date", "-history_id")[:2]
    assert [change.label for change in changed_fields(previous, latest)] == ["人口(人)"]
    assert city.history.count() == 2
