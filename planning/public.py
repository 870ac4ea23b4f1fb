"""What citizens read of sections 1–2 (``core.public``): the plan, the area and its members."""
from core.public import PublicRecord

from .filters import MemberMunicipalityFilter
from .models import (
    ComprehensivePlan,
    MemberMunicipality,
    MetropolitanCooperationArea,
    Pillar,
    PlanPromotionMeasure,
    PlanTier,
    PolicyField,
    PolicyFieldCategory,
    PriorityGoal,
    PriorityInitiative,
    PriorityMeasure,
    SectorPolicy,
)

PAGES = {
    "planning:plan": [
        ComprehensivePlan,
        PlanTier,
        PriorityInitiative,
        PriorityGoal,
        PriorityMeasure,
        SectorPolicy,
        PlanPromotionMeasure,
    ],
    "planning:member-list": [MemberMunicipality],
    "planning:area": [
        MetropolitanCooperationArea,
        MemberMunicipality,
        Pillar,
        PolicyFieldCategory,
        PolicyField,
    ],
}

RECORDS = [
    PublicRecord(ComprehensivePlan, "planning/comprehensive-plans"),
    PublicRecord(PlanTier, "planning/plan-tiers"),
    PublicRecord(PriorityInitiative, "planning/priority-initiatives"),
    PublicRecord(PriorityGoal, "planning/priority-goals"),
    PublicRecord(PriorityMeasure, "planning/priority-measures"),
    PublicRecord(SectorPolicy, "planning/sector-policies"),
    PublicRecord(PlanPromotionMeasure, "planning/plan-promotion-measures"),
    PublicRecord(MetropolitanCooperationArea, "planning/metropolitan-areas"),
    PublicRecord(
        MemberMunicipality, "planning/member-municipalities", filterset_class=MemberMunicipalityFilter
    ),
    PublicRecord(Pillar, "planning/pillars"),
    PublicRecord(PolicyFieldCategory, "planning/policy-field-categories"),
    PublicRecord(PolicyField, "planning/policy-fields"),
]
