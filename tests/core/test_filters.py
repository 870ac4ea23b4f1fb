"""Public filters keep their Japanese labels, whoever reads the filter classes first."""
import pytest
from django.urls import reverse

from exchange.filters import ExchangeActivityFilter, PartnerCityFilter
from planning.filters import MemberMunicipalityFilter
from public_relations.filters import BroadcastProgrammeFilter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "filterset, name, label",
    [
        (MemberMunicipalityFilter, "kind", "種別"),
        (BroadcastProgrammeFilter, "medium", "媒体"),
        (PartnerCityFilter, "scope", "海外・国内"),
    ],
)
def test_a_filter_read_on_its_class_keeps_its_label(filterset, name, label):
    # What the API schema does: it builds the form fields of the class's own filters.
    assert filterset.base_filters[name].field.label == label
    assert filterset({}).form.fields[name].label == label


def test_the_lists_title_and_form_name_each_filter_after_the_api_schema_was_made(client):
    client.get(reverse("api:schema"))
    page = client.get(reverse("planning:member-list"), {"kind": "town", "is_core_city": "false"})
    html = page.content.decode()
    assert "None" not in html
    assert "(種別: 町、連携中枢都市: いいえ)" in html
    assert ExchangeActivityFilter.base_filters["direction"].field.label
