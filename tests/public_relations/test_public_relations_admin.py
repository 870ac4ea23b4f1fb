"""Admin pages and the export→import round trip of every section 5 (広報) model."""
import pytest
from django.urls import reverse

from public_relations import resources
from public_relations.models import (
    Broadcaster,
    BroadcastProgramme,
    PolicyPoint,
    PressActivity,
    PressClubMember,
    Publication,
    PublicRelationsPolicy,
    WebChannel,
)

pytestmark = pytest.mark.django_db

MODELS = [
    PublicRelationsPolicy,
    PolicyPoint,
    Publication,
    Broadcaster,
    BroadcastProgramme,
    WebChannel,
    PressActivity,
    PressClubMember,
]
RESOURCES = [
    resources.PublicRelationsPolicyResource,
    resources.PolicyPointResource,
    resources.PublicationResource,
    resources.BroadcasterResource,
    resources.BroadcastProgrammeResource,
    resources.WebChannelResource,
    resources.PressActivityResource,
    resources.PressClubMemberResource,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("page", ["changelist", "add", "change", "import", "export"])
def test_admin_pages(admin_client, model, page):
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}"
    args = [model.objects.order_by("pk").first().pk] if page == "change" else []
    response = admin_client.get(reverse(name, args=args))
    assert response.status_code == 200


def _snapshot(model):
    return sorted(
        tuple(row.items()) for row in model.objects.values()
    )


@pytest.mark.parametrize("resource_class", RESOURCES, ids=lambda r: r.__name__)
def test_export_import_round_trip_changes_nothing(resource_class):
    model = resource_class._meta.model
    before = _snapshot(model)
    assert before, "the fixture loads rows of every model"
    dataset = resource_class().export()
    result = resource_class().import_data(dataset, dry_run=False, raise_errors=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 0
    assert result.totals["update"] == 0
    assert result.totals["delete"] == 0
    assert result.totals["skip"] == len(before)
    assert _snapshot(model) == before


def test_export_names_parents_not_ids():
    dataset = resources.BroadcastProgrammeResource().export()
    assert "熊本シティエフエム" in dataset["放送局"]
    assert set(dataset["所管課"]) == {"広報課"}
