"""Staff add English: a 「…(英語)」 box after each translated field in the admin, and a
「…(英語)」 column after its column in the spreadsheets."""
import pytest
import tablib
from django.urls import reverse
from django.utils import translation

from exchange.models import PartnerCity, Room
from exchange.resources import PartnerCityResource, RoomResource
from tests.html_forms import change_form_data


@pytest.mark.django_db
def test_the_change_form_has_the_english_box_after_the_japanese_one(admin_client):
    city = PartnerCity.objects.get(slug="heidelberg")
    url = reverse("admin:exchange_partnercity_change", args=[city.pk])
    html = admin_client.get(url).content.decode()
    assert 'name="name"' in html and 'name="name_en"' in html
    assert 'name="name_ja"' not in html
    assert "都市名(英語)" in html
    assert html.index('name="name"') < html.index('name="name_en"') < html.index('name="slug"')
    assert 'value="Heidelberg"' in html


@pytest.mark.django_db
def test_staff_change_the_english_name_and_keep_the_japanese_one(admin_client, client):
    city = PartnerCity.objects.get(slug="heidelberg")
    url = reverse("admin:exchange_partnercity_change", args=[city.pk])
    data = change_form_data(url)
    data["name_en"] = ["Heidelberg (Germany)"]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    city.refresh_from_db()
    with translation.override("ja"):
        assert city.name == "ハイデルベルク市"
    assert city.name_en == "Heidelberg (Germany)"
    assert "Heidelberg (Germany)" in client.get("/en/partner-cities/heidelberg/").content.decode()
    assert "ハイデルベルク市" in client.get("/partner-cities/heidelberg/").content.decode()
    # The English edit is in the record's history.
    assert city.history.first().name_en == "Heidelberg (Germany)"


@pytest.mark.django_db
def test_an_inline_row_has_the_english_box_too(admin_client):
    room = Room.objects.select_related("floor").first()
    html = admin_client.get(reverse("admin:exchange_floor_change", args=[room.floor.pk])).content.decode()
    assert 'name="rooms-0-name_en"' in html and 'name="rooms-0-name_ja"' not in html


@pytest.mark.django_db
def test_the_export_has_an_english_column_after_each_translated_one():
    dataset = PartnerCityResource().export(PartnerCity.objects.all())
    headers = dataset.headers
    assert headers.index("都市名") + 1 == headers.index("都市名(英語)")
    assert headers.index("節の見出し") + 1 == headers.index("節の見出し(英語)")
    assert not [header for header in headers if "(日本語)" in header]
    rows = {row["都市名"]: row for row in dataset.dict}
    assert rows["ハイデルベルク市"]["都市名(英語)"] == "Heidelberg"


@pytest.mark.django_db
def test_an_import_sets_the_english_version_and_leaves_the_japanese_one():
    room = Room.objects.select_related("floor__center").get(name_ja="茶道室")
    exported = RoomResource().export(Room.objects.filter(pk=room.pk))
    headers = exported.headers
    row = list(exported[0])
    row[headers.index("施設名(英語)")] = "Tea room"
    result = RoomResource().import_data(tablib.Dataset(row, headers=headers), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    room.refresh_from_db()
    assert (room.name_ja, room.name_en) == ("茶道室", "Tea room")
