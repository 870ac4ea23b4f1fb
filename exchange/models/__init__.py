"""Sections 3–4 of the 市政概要, one module per subject, all importable from ``exchange.models``.

- ``partner_cities``: the exchange sections (3, 4), the international policies, the partner
  cities with their milestones, distances and exchange activities.
- ``international_center``: the International Center (3(9)) with its floors, rooms and
  usage counts.
"""
from .international_center import (
    Floor,
    InternationalCenter,
    InternationalCenterQuerySet,
    Room,
    UsageCategory,
    UsageRecord,
    UsageRecordQuerySet,
    UsageTable,
    format_yen_oku_man,
)
from .partner_cities import (
    ANNIVERSARY_INTERVAL_YEARS,
    DIVISION_HELP,
    FIRST_ANNIVERSARY_YEARS,
    ActivityDirection,
    Anniversary,
    AffiliationMilestone,
    CityChildQuerySet,
    CityDistance,
    CountryOrRegion,
    ExchangeActivity,
    ExchangeActivityQuerySet,
    ExchangeSection,
    ExchangeSectionQuerySet,
    InternationalPolicy,
    MilestoneKind,
    PartnerCity,
    PartnerCityQuerySet,
    RelationshipType,
    Scope,
    same_day_years_later,
)

__all__ = [
    "ANNIVERSARY_INTERVAL_YEARS",
    "DIVISION_HELP",
    "FIRST_ANNIVERSARY_YEARS",
    "ActivityDirection",
    "Anniversary",
    "AffiliationMilestone",
    "CityChildQuerySet",
    "CityDistance",
    "CountryOrRegion",
    "ExchangeActivity",
    "ExchangeActivityQuerySet",
    "ExchangeSection",
    "ExchangeSectionQuerySet",
    "Floor",
    "InternationalCenter",
    "InternationalCenterQuerySet",
    "InternationalPolicy",
    "MilestoneKind",
    "PartnerCity",
    "PartnerCityQuerySet",
    "RelationshipType",
    "Room",
    "Scope",
    "UsageCategory",
    "UsageRecord",
    "UsageRecordQuerySet",
    "UsageTable",
    "format_yen_oku_man",
    "same_day_years_later",
]
