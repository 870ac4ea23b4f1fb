"""Admin of section 6: every page of every model, and export→import round trips."""
import pytest
from django.urls import reverse

from recovery.models import (
    BasicPolicy,
    DepartmentDivision,
    Duty,
    Earthquake,
    EarthquakeRecoveryPlan,
    PlanSection,
    RecoveryDepartment,
)
from recovery.resources import (
    BasicPolicyResource,
    DepartmentDivisionResource,
    DutyResource,
    EarthquakeRecoveryPlanResource,
    EarthquakeResource,
    PlanSectionResource,
    RecoveryDepartmentResource,
)
from tests.factories.recovery import DutyFactory

MODELS = [
    Earthquake,
    RecoveryDepartment,
    DepartmentDivision,
    Duty,
    EarthquakeRecoveryPlan,
    PlanSection,
    BasicPolicy,
]
RESOURCES = [
    (EarthquakeResource, Earthquake),
    (RecoveryDepartmentResource, RecoveryDepartment),
    (DepartmentDivisionResource, DepartmentDivision),
    (DutyResource, Duty),
    (EarthquakeRecoveryPlanResource, EarthquakeRecoveryPlan),
    (PlanSectionResource, PlanSection),
    (BasicPolicyResource, BasicPolicy),
]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("view", ["changelist", "add", "import", "export"])
def test_admin_pages(admin_client, model, view):
    response = admin_client.get(admin_url(model, view))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_admin_change_page(admin_client, model):
    obj = model.objects.first()
    response = admin_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert str(obj) in response.content.decode()


@pytest.mark.django_db
def test_admin_changelist_search(admin_client):
    response = admin_client.get(admin_url(Duty, "changelist"), {"q": "仮設住宅"})
    assert response.status_code == 200
    assert "仮設住宅の維持補修に関すること。" in response.content.decode()


def snapshot(model):
    return sorted(
        tuple(sorted((k, str(v)) for k, v in row.items())) for row in model.objects.values()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("resource_class", "model"), RESOURCES, ids=lambda x: x.__name__)
def test_export_then_import_changes_nothing(resource_class, model):
    before = snapshot(model)
    dataset = resource_class().export()
    assert len(dataset) == model.objects.count() > 0
    result = resource_class().import_data(dataset, dry_run=False, raise_errors=True)
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert result.totals["new"] == 0
    assert result.totals["update"] == 0
    assert result.totals["delete"] == 0
    assert result.totals["skip"] == len(dataset)
    assert snapshot(model) == before


@pytest.mark.django_db
def test_duty_import_finds_the_division_within_its_department():
    # Two departments each with a division of the same name: the row's department decides.
    other = DutyFactory(division__name="復興総務課", number=1, text="別の部の業務。")
    dataset = DutyResource().export()
    dataset.append(["復興部 / 復興総務課", 4, "追加の業務に関すること。", "市政概要 6(1)"])
    result = DutyResource().import_data(dataset, dry_run=False, raise_errors=True)
    assert result.totals["new"] == 1
    added = Duty.objects.get(text="追加の業務に関すること。")
    assert added.division.department.name == "復興部"
    other.refresh_from_db()
    assert other.text == "別の部の業務。"
