"""Each model declares its natural key once (``natural_key_fields``); the rest follows from it."""
import pytest
from django.core import serializers
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from core.models import Division, NaturalKeyModel
from exchange.models import Floor, PartnerCity, Room
from planning.models import PriorityMeasure
from spreadsheets.resources import PortalResource


def test_a_parent_in_the_declaration_stands_for_its_whole_natural_key():
    assert Room.natural_key_length() == 3
    assert Room.natural_key_lookups(("熊本市国際交流会館", "6・7階", "ホール")) == {
        "floor__center__name": "熊本市国際交流会館",
        "floor__label": "6・7階",
        "name": "ホール",
    }
    assert PriorityMeasure.natural_key_length() == 4


def test_dependencies_name_the_parents_of_the_key():
    assert Room.natural_key.dependencies == ["exchange.floor"]
    assert Floor.natural_key.dependencies == ["exchange.internationalcenter"]
    assert not hasattr(PartnerCity.natural_key, "dependencies")


def test_sorting_models_twice_for_a_dump_gives_the_same_order():
    """Regression: sort_dependencies() filled an empty dependency list with model classes."""
    app_list = [(None, [Room, Floor, PartnerCity, Division])]
    assert serializers.sort_dependencies(app_list) == serializers.sort_dependencies(app_list)
    assert not hasattr(PartnerCity.natural_key, "dependencies")


@pytest.mark.django_db
def test_natural_key_and_lookup_agree():
    room = Room.objects.select_related("floor__center").get(floor__label="6・7階", name="ホール")
    assert room.natural_key() == ("熊本市国際交流会館", "6・7階", "ホール")
    assert Room.objects.get_by_natural_key(*room.natural_key()) == room
    # The named QuerySet methods and the look-up share one manager.
    assert PartnerCity.objects.overseas().get_by_natural_key("桂林市").name == "桂林市"


@pytest.mark.django_db
def test_a_key_with_the_wrong_number_of_parts_is_a_type_error():
    with pytest.raises(TypeError):
        Room.objects.get_by_natural_key("熊本市国際交流会館", "ホール")


@pytest.mark.django_db
def test_serialization_writes_parents_by_natural_key_before_children():
    data = serializers.serialize(
        "python",
        Room.objects.filter(name="ホール"),
        use_natural_foreign_keys=True,
        use_natural_primary_keys=True,
    )
    assert data[0]["fields"]["floor"] == ("熊本市国際交流会館", "6・7階")
    order = serializers.sort_dependencies(
        [(None, [Room, Floor]), (None, [Division])]
    )
    assert order.index(Floor) < order.index(Room)


def test_a_resource_takes_its_import_id_fields_from_the_model():
    class FloorSheet(PortalResource):
        class Meta:
            model = Floor
            fields = ["center", "order", "label", "source"]

    class FloorByOrderSheet(PortalResource):
        class Meta:
            model = Floor
            import_id_fields = ["center", "order"]
            fields = ["center", "order", "label", "source"]

    assert FloorSheet().get_import_id_fields() == ["center", "label"]
    assert FloorByOrderSheet().get_import_id_fields() == ["center", "order"]


def test_a_model_without_a_declaration_is_refused():
    with pytest.raises(ImproperlyConfigured, match="natural_key_fields"):

        class Undeclared(NaturalKeyModel):
            name = models.CharField("名前", max_length=10, help_text="名前。")

            class Meta:
                app_label = "core"
