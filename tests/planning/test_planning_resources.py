"""Export → import round trip of every planning resource creates and changes nothing."""
import pytest

from planning import resources

pytestmark = pytest.mark.django_db

RESOURCES = [
    resources.ComprehensivePlanResource,
    resources.PlanTierResource,
    resources.PriorityInitiativeResource,
    resources.PriorityGoalResource,
    resources.PriorityMeasureResource,
    resources.SectorPolicyResource,
    resources.PlanPromotionMeasureResource,
    resources.MetropolitanCooperationAreaResource,
    resources.MemberMunicipalityResource,
    resources.PillarResource,
    resources.PolicyFieldCategoryResource,
    resources.PolicyFieldResource,
]


def snapshot(model):
    return sorted(model.objects.values_list(), key=repr)


@pytest.mark.parametrize("resource_class", RESOURCES, ids=lambda r: r.__name__)
def test_round_trip_changes_nothing(resource_class):
    resource = resource_class()
    model = resource._meta.model
    before = snapshot(model)
    dataset = resource.export()
    assert len(dataset) == model.objects.count() > 0
    result = resource_class().import_data(dataset, dry_run=False, raise_errors=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 0
    assert result.totals["update"] == 0
    assert result.totals["delete"] == 0
    assert result.totals["skip"] == len(dataset)
    assert snapshot(model) == before


def test_export_shows_parents_by_natural_key():
    """A parent with a key of several parts reads as its parts joined with " / "."""
    dataset = resources.PolicyFieldResource().export()
    rows = [dict(zip(dataset.headers, values)) for values in dataset]
    (row,) = [row for row in rows if row["記号"] == "ソ"]
    assert row["取組"] == "熊本連携中枢都市圏 / 3"
    assert row["分類"] == "熊本連携中枢都市圏 / 3 / 結びつきやネットワークの強化に係る政策分野"


def test_the_older_json_form_of_a_parent_still_imports():
    """Files exported before the " / " form wrote parents as JSON lists."""
    dataset = resources.PolicyFieldResource().export()
    index = dataset.headers.index("取組")
    first = list(dataset[0])
    first[index] = '["熊本連携中枢都市圏", %s]' % first[index].split(" / ")[1]
    dataset[0] = first
    result = resources.PolicyFieldResource().import_data(dataset, dry_run=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["skip"] == len(dataset)


def test_import_changes_a_title():
    dataset = resources.PlanPromotionMeasureResource().export()
    index = dataset.headers.index("推進策")
    first = list(dataset[0])
    first[index] = "参画と協働の推進(改)"
    dataset[0] = first
    result = resources.PlanPromotionMeasureResource().import_data(dataset, dry_run=False)
    assert result.totals["update"] == 1 and result.totals["new"] == 0
