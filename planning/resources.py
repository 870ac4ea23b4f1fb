"""Import/export of the planning records, one resource per model, keyed on natural keys.

Parents with a one-field natural key (plan name, area name, division name) appear as that
name. Parents whose natural key has several parts (an initiative is ``(plan name, number)``)
appear as the natural key written as a JSON list, e.g. ``["熊本市第7次総合計画", 1]``.
"""
import json

from import_export import fields
from import_export.widgets import ForeignKeyWidget

from kumamoto_portal.models import Division
from kumamoto_portal.resources import PortalResource

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


class NaturalKeyWidget(ForeignKeyWidget):
    """A foreign key shown as its natural key in a JSON list, Japanese left readable.

    ``render`` gives e.g. ``["熊本連携中枢都市圏", 3]``; ``clean`` parses such a list and
    returns the object from ``get_by_natural_key`` (raises ``DoesNotExist`` when there is
    none, ``ValueError`` for text that is not a JSON list).
    """

    def __init__(self, model, **kwargs):
        super().__init__(model, use_natural_foreign_keys=True, **kwargs)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return json.dumps(list(value.natural_key()), ensure_ascii=False)


def division_field():
    return fields.Field(
        attribute="responsible_division",
        column_name="responsible_division",
        widget=ForeignKeyWidget(Division, field="name"),
    )


def plan_field():
    return fields.Field(
        attribute="plan", column_name="plan", widget=ForeignKeyWidget(ComprehensivePlan, field="name")
    )


def area_field():
    return fields.Field(
        attribute="area",
        column_name="area",
        widget=ForeignKeyWidget(MetropolitanCooperationArea, field="name"),
    )


class ComprehensivePlanResource(PortalResource):
    """Comprehensive plans, keyed on the plan name."""

    responsible_division = division_field()

    class Meta:
        model = ComprehensivePlan
        import_id_fields = ["name"]
        fields = [
            "name", "overview", "adopted_on", "adopted_on_precision", "purpose",
            "basic_philosophy", "vision_name", "vision", "priority_intro", "sector_policy_intro",
            "significance", "period_start", "period_end", "target_year", "mid_term_review_year",
            "period_text", "target_area", "implementing_bodies", "ward_community_building",
            "crisis_management", "recovery_plan_position", "responsible_division", "source",
        ]


class PlanTierResource(PortalResource):
    """Plan tiers, keyed on (plan name, number)."""

    plan = plan_field()

    class Meta:
        model = PlanTier
        import_id_fields = ["plan", "number"]
        fields = ["plan", "number", "kind", "description", "source"]


class PriorityInitiativeResource(PortalResource):
    """Priority initiatives, keyed on (plan name, number)."""

    plan = plan_field()

    class Meta:
        model = PriorityInitiative
        import_id_fields = ["plan", "number"]
        fields = ["plan", "number", "title", "source"]


class PriorityGoalResource(PortalResource):
    """Priority goals, keyed on (initiative natural key, letter)."""

    initiative = fields.Field(
        attribute="initiative", column_name="initiative", widget=NaturalKeyWidget(PriorityInitiative)
    )

    class Meta:
        model = PriorityGoal
        import_id_fields = ["initiative", "letter"]
        fields = ["initiative", "letter", "order", "title", "description", "source"]


class PriorityMeasureResource(PortalResource):
    """Priority measures, keyed on (goal natural key, order)."""

    goal = fields.Field(attribute="goal", column_name="goal", widget=NaturalKeyWidget(PriorityGoal))

    class Meta:
        model = PriorityMeasure
        import_id_fields = ["goal", "order"]
        fields = ["goal", "order", "title", "source"]


class SectorPolicyResource(PortalResource):
    """Sector policies (chapters), keyed on (plan name, number)."""

    plan = plan_field()

    class Meta:
        model = SectorPolicy
        import_id_fields = ["plan", "number"]
        fields = ["plan", "number", "title", "chapter_title", "source"]


class PlanPromotionMeasureResource(PortalResource):
    """Plan promotion measures, keyed on (plan name, number)."""

    plan = plan_field()

    class Meta:
        model = PlanPromotionMeasure
        import_id_fields = ["plan", "number"]
        fields = ["plan", "number", "title", "source"]


class MetropolitanCooperationAreaResource(PortalResource):
    """Metropolitan cooperation areas, keyed on the area name."""

    responsible_division = division_field()

    class Meta:
        model = MetropolitanCooperationArea
        import_id_fields = ["name"]
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

    area = area_field()

    class Meta:
        model = MemberMunicipality
        import_id_fields = ["area", "name"]
        fields = ["area", "name", "kind", "order", "is_core_city", "source"]


class PillarResource(PortalResource):
    """Pillars, keyed on (area name, number)."""

    area = area_field()

    class Meta:
        model = Pillar
        import_id_fields = ["area", "number"]
        fields = ["area", "number", "title", "intro_name", "description", "source"]


class PolicyFieldCategoryResource(PortalResource):
    """Policy field categories, keyed on (pillar natural key, name)."""

    pillar = fields.Field(attribute="pillar", column_name="pillar", widget=NaturalKeyWidget(Pillar))

    class Meta:
        model = PolicyFieldCategory
        import_id_fields = ["pillar", "name"]
        fields = ["pillar", "name", "order", "source"]


class PolicyFieldResource(PortalResource):
    """Policy fields, keyed on (pillar natural key, letter); the category as its natural key."""

    pillar = fields.Field(attribute="pillar", column_name="pillar", widget=NaturalKeyWidget(Pillar))
    category = fields.Field(
        attribute="category", column_name="category", widget=NaturalKeyWidget(PolicyFieldCategory)
    )

    class Meta:
        model = PolicyField
        import_id_fields = ["pillar", "letter"]
        fields = ["pillar", "category", "letter", "order", "title", "description", "source"]
