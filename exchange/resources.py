"""Spreadsheet import/export of the partner-city records, keyed on natural keys.

Foreign keys are written as names (city 「桂林市」, division 「国際課」), not ids, so a
spreadsheet can be read and edited by staff and imported back.
"""
from import_export import fields
from import_export.widgets import ForeignKeyWidget

from kumamoto_portal.models import Division
from kumamoto_portal.resources import PortalResource

from .models import (
    Floor,
    InternationalCenter,
    Room,
    UsageRecord,
    AffiliationMilestone,
    CityDistance,
    ExchangeActivity,
    ExchangeSection,
    InternationalPolicy,
    PartnerCity,
)


def division_field():
    """The responsible division column, by division name."""
    return fields.Field(
        attribute="responsible_division",
        column_name="responsible_division",
        widget=ForeignKeyWidget(Division, field="name"),
    )


def city_field():
    """The city column, by the city's Japanese name."""
    return fields.Field(
        attribute="city", column_name="city", widget=ForeignKeyWidget(PartnerCity, field="name")
    )


class ExchangeSectionResource(PortalResource):
    """Sections 3 and 4 (heading, introduction), keyed on the scope."""

    responsible_division = division_field()

    class Meta:
        model = ExchangeSection
        import_id_fields = ["scope"]
        fields = ["scope", "title", "introduction", "responsible_division", "order", "source"]


class InternationalPolicyResource(PortalResource):
    """The city's international policies, keyed on the name."""

    responsible_division = division_field()

    class Meta:
        model = InternationalPolicy
        import_id_fields = ["name"]
        fields = ["name", "fiscal_year", "purpose", "responsible_division", "order", "source"]


class PartnerCityResource(PortalResource):
    """Partner cities, keyed on the Japanese name."""

    responsible_division = division_field()

    class Meta:
        model = PartnerCity
        import_id_fields = ["name"]
        fields = [
            "name", "english_name", "slug", "scope", "country_or_region", "state_or_province",
            "relationship_type", "affiliated_on", "affiliated_on_precision",
            "affiliation_partner_note", "heading", "history_heading", "activities_heading",
            "affiliation_history", "overview", "population", "population_is_approximate",
            "population_year", "population_note", "area_km2", "area_is_approximate",
            "altitude_m", "annual_visitors", "annual_visitors_is_approximate", "latitude",
            "longitude", "supplement_source", "responsible_division", "order", "source",
        ]


class AffiliationMilestoneResource(PortalResource):
    """Milestones of the affiliation history, keyed on (city, order)."""

    city = city_field()

    class Meta:
        model = AffiliationMilestone
        import_id_fields = ["city", "order"]
        fields = ["city", "order", "date", "date_precision", "kind", "description", "source"]


class CityDistanceResource(PortalResource):
    """Distances from a city to other places, keyed on (city, order)."""

    city = city_field()

    class Meta:
        model = CityDistance
        import_id_fields = ["city", "order"]
        fields = [
            "city", "order", "reference_place", "direction", "distance_km",
            "distance_is_approximate", "source",
        ]


class ExchangeActivityResource(PortalResource):
    """Exchange activities (最近の主な交流), keyed on (city, order)."""

    city = city_field()

    class Meta:
        model = ExchangeActivity
        import_id_fields = ["city", "order"]
        fields = [
            "city", "order", "date", "date_precision", "direction", "description",
            "participant_count", "participant_count_is_partial", "source",
        ]


# International Center (3(9))


class FloorOfCenterWidget(ForeignKeyWidget):
    """A floor named by its label (``6・7階``) within the row's ``center`` column.

    A floor label is unique only within its center, so the lookup also uses the center
    name of the same row. Raises ``Floor.DoesNotExist`` when no such floor exists.
    """

    def __init__(self, **kwargs):
        super().__init__(Floor, field="label", **kwargs)

    def get_lookup_kwargs(self, value, row=None, **kwargs):
        return {"label": value, "center__name": (row or {}).get("center")}


class InternationalCenterResource(PortalResource):
    """The International Center (国際交流会館), keyed on its name."""

    responsible_division = fields.Field(
        attribute="responsible_division",
        column_name="responsible_division",
        widget=ForeignKeyWidget(Division, field="name"),
    )

    class Meta:
        model = InternationalCenter
        import_id_fields = ["name"]
        fields = [
            "name",
            "purpose",
            "services_description",
            "facilities_description",
            "founder",
            "operator",
            "designated_manager_term_start",
            "designated_manager_term_end",
            "designated_manager",
            "designated_management_since",
            "address",
            "structure",
            "floors_above_ground",
            "floors_below_ground",
            "site_area_m2",
            "total_floor_area_m2",
            "opened_on",
            "opened_on_precision",
            "total_construction_cost_yen",
            "hall_capacity",
            "responsible_division",
            "source",
        ]


class FloorResource(PortalResource):
    """Rows of the floor guide, keyed on (center name, floor label)."""

    center = fields.Field(
        attribute="center",
        column_name="center",
        widget=ForeignKeyWidget(InternationalCenter, field="name"),
    )

    class Meta:
        model = Floor
        import_id_fields = ["center", "label"]
        fields = ["center", "order", "label", "source"]


class RoomResource(PortalResource):
    """Rooms of the floor guide, keyed on (center name, floor label, room name).

    The ``center`` column is read with ``floor`` to find the floor; it is not written.
    """

    center = fields.Field(
        attribute="floor__center__name", column_name="center", readonly=True
    )
    floor = fields.Field(attribute="floor", column_name="floor", widget=FloorOfCenterWidget())

    class Meta:
        model = Room
        import_id_fields = ["floor", "name"]
        fields = ["center", "floor", "order", "name", "capacity", "source"]


class UsageRecordResource(PortalResource):
    """Usage counts, keyed on (center name, fiscal year, category)."""

    center = fields.Field(
        attribute="center",
        column_name="center",
        widget=ForeignKeyWidget(InternationalCenter, field="name"),
    )

    class Meta:
        model = UsageRecord
        import_id_fields = ["center", "fiscal_year", "category"]
        fields = ["center", "fiscal_year", "category", "room_count", "number_of_users", "source"]
