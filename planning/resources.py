"""Import/export of the planning records, one resource per model, keyed on natural keys.

Parents (foreign keys) are written by ``PortalResource`` as their natural key: a one-part
key as the name (``熊本市第7次総合計画``), a key of several parts joined with `` / ``
(``熊本連携中枢都市圏 / 3``).
"""
from spreadsheets.resources import PortalResource

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


class ComprehensivePlanResource(PortalResource):
    """Comprehensive plans, keyed on the plan name."""

    class Meta:
        model = ComprehensivePlan
        fields = [
            "name", "overview", "adopted_on", "adopted_on_precision", "purpose",
            "basic_philosophy", "vision_name", "vision", "priority_intro", "sector_policy_intro",
            "significance", "period_start", "period_end", "target_year", "mid_term_review_year",
            "period_text", "target_area", "implementing_bodies", "ward_community_building",
            "crisis_management", "recovery_plan_position", "responsible_division", "source",
        ]


class PlanTierResource(PortalResource):
    """Plan tiers, keyed on (plan name, number)."""

    class Meta:
        model = PlanTier
        fields = ["plan", "number", "kind", "description", "source"]


class PriorityInitiativeResource(PortalResource):
    """Priority initiatives, keyed on (plan name, number)."""

    class Meta:
        model = PriorityInitiative
        fields = ["plan", "number", "title", "source"]


class PriorityGoalResource(PortalResource):
    """Priority goals, keyed on (initiative natural key, letter)."""

    class Meta:
        model = PriorityGoal
        fields = ["initiative", "letter", "order", "title", "description", "source"]


class PriorityMeasureResource(PortalResource):
    """Priority measures, keyed on (goal natural key, order)."""

    class Meta:
        model = PriorityMeasure
        fields = ["goal", "order", "title", "source"]


class SectorPolicyResource(PortalResource):
    """Sector policies (chapters), keyed on (plan name, number)."""

    class Meta:
        model = SectorPolicy
        fields = ["plan", "number", "title", "chapter_title", "source"]


class PlanPromotionMeasureResource(PortalResource):
    """Plan promotion measures, keyed on (plan name, number)."""

    class Meta:
        model = PlanPromotionMeasure
        fields = ["plan", "number", "title", "source"]


class MetropolitanCooperationAreaResource(PortalResource):
    """Metropolitan cooperation areas, keyed on the area name."""

    class Meta:
        model = MetropolitanCooperationArea
        fields = [
            "name", "purpose", "agreement_signed_on", "agreement_signed_on_precision",
            "prefecture_establishments", "prefecture_establishments_is_approximate",
            "area_establishments", "area_establishments_is_approximate",
            "core_city_establishment_share", "core_city_establishment_share_is_approximate",
            "inbound_commuters", "inbound_commuters_is_approximate",
            "outbound_commuters", "outbound_commuters_is_approximate",
            "population", "population_is_approximate", "responsible_division", "source",
        ]


class MemberMunicipalityResource(PortalResource):
    """Member municipalities, keyed on (area name, municipality name)."""

    class Meta:
        model = MemberMunicipality
        fields = ["area", "name", "kind", "order", "is_core_city", "source"]


class PillarResource(PortalResource):
    """Pillars, keyed on (area name, number)."""

    class Meta:
        model = Pillar
        fields = ["area", "number", "title", "intro_name", "description", "source"]


class PolicyFieldCategoryResource(PortalResource):
    """Policy field categories, keyed on (pillar natural key, name)."""

    class Meta:
        model = PolicyFieldCategory
        fields = ["pillar", "name", "order", "source"]


class PolicyFieldResource(PortalResource):
    """Policy fields, keyed on (pillar natural key, letter); the category as its natural key."""

    class Meta:
        model = PolicyField
        fields = ["pillar", "category", "letter", "order", "title", "description", "source"]
