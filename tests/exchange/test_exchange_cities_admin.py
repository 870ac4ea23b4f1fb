"""Admin pages and spreadsheet round trips of the partner-city records."""
import pytest
from django.urls import reverse

from exchange.models import (
    AffiliationMilestone,
    CityDistance,
    ExchangeActivity,
    ExchangeSection,
    InternationalPolicy,
    PartnerCity,
)
from exchange.resources import (
    AffiliationMilestoneResource,
    CityDistanceResource,
    ExchangeActivityResource,
    ExchangeSectionResource,
    InternationalPolicyResource,
    PartnerCityResource,
)

pytestmark = pytest.mark.django_db

MODELS = [
    ExchangeSection,
    InternationalPolicy,
    PartnerCity,
    AffiliationMilestone,
    CityDistance,
    ExchangeActivity,
]
RESOURCES = [
    ExchangeSectionResource,
    InternationalPolicyResource,
    PartnerCityResource,
    AffiliationMilestoneResource,
    CityDistanceResource,
    ExchangeActivityResource,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("page", ["changelist", "add", "change", "import", "export"])
def test_admin_pages(admin_client, model, page):
    name = f"admin:exchange_{model._meta.model_name}_{page}"
    args = [model.objects.order_by("pk").first().pk] if page == "change" else []
    response = admin_client.get(reverse(name, args=args))
    assert response.status_code == 200


def test_admin_changelist_search_and_filter(admin_client):
    url = reverse("admin:exchange_exchangeactivity_changelist")
    response = admin_client.get(url, {"q": "熊本城マラソン", "direction__exact": "invitation"})
    assert response.status_code == 200
    # 招聘 to the 熊本城マラソン: サンアントニオ, ハイデルベルク, 蘇州, 高雄
    assert response.context["cl"].result_count == 4


def snapshot(model):
    return sorted(model.objects.values_list(), key=repr)


@pytest.mark.parametrize("resource_class", RESOURCES, ids=lambda r: r.__name__)
def test_export_import_round_trip_changes_nothing(resource_class):
    model = resource_class._meta.model
    before = snapshot(model)
    dataset = resource_class().export()
    assert len(dataset) == model.objects.count() > 0
    result = resource_class().import_data(dataset, dry_run=False, raise_errors=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 0
    assert result.totals["update"] == 0
    assert result.totals["delete"] == 0
    assert result.totals["skip"] == len(dataset)
    assert snapshot(model) == before


def test_exports_name_foreign_keys():
    dataset = ExchangeActivityResource().export()
    assert "桂林市" in dataset["都市"]
    dataset = PartnerCityResource().export()
    assert set(dataset["所管課"]) == {"国際課", "観光政策課"}


def test_import_changes_a_row_by_natural_key():
    dataset = ExchangeActivityResource().export()
    row = dataset["都市"].index("福井市")
    values = list(dataset[row])
    values[dataset.headers.index("人数(人)")] = 9
    dataset[row] = tuple(values)
    result = ExchangeActivityResource().import_data(dataset, dry_run=False, raise_errors=True)
    assert result.totals["update"] == 1 and result.totals["new"] == 0
    assert ExchangeActivity.objects.get(city__name="福井市", order=1).participant_count == 9
