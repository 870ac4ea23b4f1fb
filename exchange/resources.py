"""Spreadsheet import/export of the partner-city records, keyed on natural keys.

Foreign keys are written as names (city 「桂林市」, division 「国際課」), not ids, so a
spreadsheet can be read and edited by staff and imported back.
"""
from spreadsheets.resources import PortalResource

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


class ExchangeSectionResource(PortalResource):
    """Sections 3 and 4 (heading, introduction), keyed on the scope."""

    class Meta:
        model = ExchangeSection
        fields = ["scope", "title", "introduction", "responsible_division", "order", "source"]


class InternationalPolicyResource(PortalResource):
    """The city's international policies, keyed on the name."""

    class Meta:
        model = InternationalPolicy
        fields = ["name", "fiscal_year", "purpose", "responsible_division", "order", "source"]


class PartnerCityResource(PortalResource):
    """Partner cities, keyed on the Japanese name."""

    class Meta:
        model = PartnerCity
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

    class Meta:
        model = AffiliationMilestone
        fields = ["city", "order", "date", "date_precision", "kind", "description", "source"]


class CityDistanceResource(PortalResource):
    """Distances from a city to other places, keyed on (city, order)."""

    class Meta:
        model = CityDistance
        fields = [
            "city", "order", "reference_place", "direction", "distance_km",
            "distance_is_approximate", "source",
        ]


class ExchangeActivityResource(PortalResource):
    """Exchange activities (最近の主な交流), keyed on (city, order)."""

    class Meta:
        model = ExchangeActivity
        fields = [
            "city", "order", "date", "date_precision", "direction", "description",
            "participant_count", "participant_count_is_partial", "source",
        ]


# International Center (3(9))


class InternationalCenterResource(PortalResource):
    """The International Center (国際交流会館), keyed on its name."""

    class Meta:
        model = InternationalCenter
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

    class Meta:
        model = Floor
        fields = ["center", "order", "label", "source"]


class RoomResource(PortalResource):
    """Rooms of the floor guide, keyed on (floor, room name); the floor as ``会館名 / 階``."""

    class Meta:
        model = Room
        fields = ["floor", "order", "name", "capacity", "source"]


class UsageRecordResource(PortalResource):
    """Usage counts, keyed on (center name, fiscal year, category)."""

    class Meta:
        model = UsageRecord
        fields = ["center", "fiscal_year", "category", "room_count", "number_of_users", "source"]
