"""Sections 1–2 of the 市政概要, one module per subject, all importable from ``planning.models``.

- ``comprehensive_plan``: section 1, the 7th comprehensive plan (総合計画) and its parts.
- ``metropolitan_area``: section 2, the metropolitan cooperation area (連携中枢都市圏構想).
"""
from .common import DIVISION_HELP
from .comprehensive_plan import (
    ComprehensivePlan,
    ComprehensivePlanQuerySet,
    NumberedPlanItem,
    PlanChildQuerySet,
    PlanPromotionMeasure,
    PlanTier,
    PriorityGoal,
    PriorityInitiative,
    PriorityMeasure,
    SectorPolicy,
    circled,
)
from .metropolitan_area import (
    MemberMunicipality,
    MemberMunicipalityQuerySet,
    MetropolitanCooperationArea,
    MetropolitanCooperationAreaQuerySet,
    Pillar,
    PolicyField,
    PolicyFieldCategory,
)

__all__ = [
    "DIVISION_HELP",
    "ComprehensivePlan",
    "ComprehensivePlanQuerySet",
    "MemberMunicipality",
    "MemberMunicipalityQuerySet",
    "MetropolitanCooperationArea",
    "MetropolitanCooperationAreaQuerySet",
    "NumberedPlanItem",
    "PlanChildQuerySet",
    "PlanPromotionMeasure",
    "PlanTier",
    "Pillar",
    "PolicyField",
    "PolicyFieldCategory",
    "PriorityGoal",
    "PriorityInitiative",
    "PriorityMeasure",
    "SectorPolicy",
    "circled",
]
