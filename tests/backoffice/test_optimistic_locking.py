"""No lost edits: a form of a record someone saved after it was opened is refused.

Two members of staff open 桂林市 together; the first saves its 英語名, the second its
人口. The second is told, in Japanese, which fields differ (what they typed, what is
stored now) and nothing of theirs is written; the first one's change stays. The same holds
for the rows of an inline and for a revert from the history.
"""
import re

import pytest
from django.test import Client
from django.urls import reverse

from exchange.models import AffiliationMilestone, PartnerCity
from tests.factories.users import UserFactory
from tests.html_forms import form_data

pytestmark = pytest.mark.django_db


def _staff_client(username):
    client = Client()
    client.force_login(UserFactory(username=username, is_superuser=True))
    return client


@pytest.fixture
def tanaka():
    return _staff_client("tanaka")


@pytest.fixture
def suzuki():
    return _staff_client("suzuki")


def _change_form(client, url):
    page = client.get(url)
    assert page.status_code == 200
    return {name: values for name, values in form_data(page, lambda attrs: attrs.get("id", "").endswith("_form")).items()}


def _errors(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_save_after_someone_elses_save_is_refused_showing_both_versions(tanaka, suzuki):
    city = PartnerCity.objects.get(name="桂林市")
    url = reverse("admin:exchange_partnercity_change", args=[city.pk])
    first, second = _change_form(tanaka, url), _change_form(suzuki, url)

    first["english_name"] = ["Guilin City"]
    assert tanaka.post(url, first).status_code == 302
    second["population"] = ["5000000"]
    response = suzuki.post(url, second)

    assert response.status_code == 200
    page = _errors(response)
    assert "この姉妹・友好都市は、あなたが画面を開いた後に他の人が保存しました" in page
    assert f"「英語名」 あなたの入力: {city.english_name} ／ 現在の内容: Guilin City" in page
    assert f"「人口(人)」 あなたの入力: 5000000 ／ 現在の内容: {city.population}" in page
    city.refresh_from_db()
    assert city.english_name == "Guilin City"  # the first save is kept
    assert city.population != 5000000  # nothing of the refused form was written


def test_after_reading_the_differences_saving_again_is_a_deliberate_overwrite(tanaka, suzuki):
    city = PartnerCity.objects.get(name="桂林市")
    url = reverse("admin:exchange_partnercity_change", args=[city.pk])
    first, second = _change_form(tanaka, url), _change_form(suzuki, url)
    first["english_name"] = ["Guilin City"]
    tanaka.post(url, first)
    second["population"] = ["5000000"]
    refused = suzuki.post(url, second)

    again = form_data(refused, lambda attrs: attrs.get("id", "").endswith("_form"))
    again["english_name"] = ["Guilin City"]  # the user takes the other's change over
    assert suzuki.post(url, again).status_code == 302

    city.refresh_from_db()
    assert (city.english_name, city.population) == ("Guilin City", 5000000)


def test_a_form_that_differs_in_nothing_from_the_stored_record_is_accepted(tanaka, suzuki):
    city = PartnerCity.objects.get(name="桂林市")
    url = reverse("admin:exchange_partnercity_change", args=[city.pk])
    first, second = _change_form(tanaka, url), _change_form(suzuki, url)
    first["population"] = second["population"] = ["5000000"]
    assert tanaka.post(url, first).status_code == 302
    assert suzuki.post(url, second).status_code == 302


def test_an_inline_row_saved_meanwhile_is_refused_in_its_row(tanaka):
    city = PartnerCity.objects.get(name="桂林市")
    url = reverse("admin:exchange_partnercity_change", args=[city.pk])
    data = _change_form(tanaka, url)
    milestone = AffiliationMilestone.objects.filter(city=city).order_by("order").first()
    index = [value for value in data if value.endswith("-id") and data[value] == [str(milestone.pk)]][0]
    prefix = index.removesuffix("-id")

    milestone.description = "別の職員が直した説明"
    milestone.save()
    data[f"{prefix}-description"] = ["私の説明"]
    response = tanaka.post(url, data)

    assert response.status_code == 200
    page = _errors(response)
    assert "この提携の経緯(年表)は、あなたが画面を開いた後に他の人が保存しました" in page
    assert "「内容」 あなたの入力: 私の説明 ／ 現在の内容: 別の職員が直した説明" in page
    milestone.refresh_from_db()
    assert milestone.description == "別の職員が直した説明"


def test_the_version_field_is_hidden_and_absent_from_a_read_only_page(client):
    from tests.factories.users import auditor, setup_roles

    city = PartnerCity.objects.get(name="桂林市")
    url = reverse("admin:exchange_partnercity_change", args=[city.pk])
    root = _staff_client("root")
    page = root.get(url).content.decode()
    assert re.search(r'<input type="hidden" name="version" value="\d+"', page)

    setup_roles()
    client.force_login(auditor())
    view_only = client.get(url)
    assert view_only.status_code == 200
    assert 'name="version"' not in view_only.content.decode()


def test_a_revert_opened_before_someone_elses_save_is_refused(tanaka):
    city = PartnerCity.objects.get(name="桂林市")
    first_row = city.history.order_by("history_date").first()
    city.english_name = "Guilin (1)"
    city.save()
    url = reverse("admin:exchange_partnercity_simple_history", args=[city.pk, first_row.pk])
    data = _change_form(tanaka, url)

    city.refresh_from_db()
    city.english_name = "Guilin (2)"
    city.save()
    response = tanaka.post(url, {**data, "_save": ["この内容に戻す"]})

    assert response.status_code == 200
    assert "他の人が保存しました" in _errors(response)
    city.refresh_from_db()
    assert city.english_name == "Guilin (2)"
