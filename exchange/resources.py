"""Spreadsheet import/export of the partner-city records, keyed on natural keys.

Foreign keys are written as names (city 「桂林市」, division 「国際課」), not ids, so a
spreadsheet can be read and edited by staff and imported back.
"""
from import_export import fields
from import_export.widgets import ForeignKeyWidget

from kumamoto_portal.models import Division
from kumamoto_portal.resources import PortalResource

from .models import (
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
