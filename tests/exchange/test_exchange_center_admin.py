"""Admin pages and import/export of the International Center records (3(9))."""
import pytest
from django.urls import reverse

from exchange.models import Floor, InternationalCenter, Room, UsageRecord
from exchange.resources import (
    FloorResource,
    InternationalCenterResource,
    RoomResource,
    UsageRecordResource,
)

pytestmark = pytest.mark.django_db


MODELS = [InternationalCenter, Floor, Room, UsageRecord]
RESOURCES = [
    (InternationalCenterResource, InternationalCenter),
    (FloorResource, Floor),
    (RoomResource, Room),
    (UsageRecordResource, UsageRecord),
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("page", ["changelist", "add", "change", "import", "export"])
def test_admin_pages(admin_client, model, page):
    name = f"admin:exchange_{model._meta.model_name}_{page}"
    args = [model.objects.first().pk] if page == "change" else []
    response = admin_client.get(reverse(name, args=args))
    assert response.status_code == 200


def test_admin_center_change_shows_floor_inline(admin_client):
    center = InternationalCenter.objects.get()
    html = admin_client.get(reverse("admin:exchange_internationalcenter_change", args=[center.pk])).content.decode()
    assert "6・7階" in html and "地下2階" in html


def test_admin_floor_change_shows_room_inline(admin_client):
    floor = Floor.objects.get(label="5階")
    html = admin_client.get(reverse("admin:exchange_floor_change", args=[floor.pk])).content.decode()
    assert "小会議室(洋)" in html


def snapshot(model):
    return sorted(
        tuple(str(value) for value in row)
        for row in model.objects.values_list(*[f.attname for f in model._meta.concrete_fields])
    )


@pytest.mark.parametrize(("resource_class", "model"), RESOURCES, ids=lambda x: getattr(x, "__name__", ""))
def test_export_import_round_trip_changes_nothing(resource_class, model):
    before = snapshot(model)
    dataset = resource_class().export()
    assert len(dataset) == model.objects.count() > 0
    result = resource_class().import_data(dataset, dry_run=False, raise_errors=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert {row.import_type for row in result.rows} == {"skip"}
    assert result.totals["new"] == result.totals["update"] == 0
    assert snapshot(model) == before


def test_room_import_resolves_floor_within_its_center():
    dataset = RoomResource().export()
    dataset.dict = [dict(row, **{"定員(人)": 231}) if row["施設名"] == "ホール" else row for row in dataset.dict]
    result = RoomResource().import_data(dataset, dry_run=False, raise_errors=True)
    assert result.totals["update"] == 1
    assert Room.objects.get(name="ホール").capacity == 231
