"""What site search finds in sections 1–2: the comprehensive plan and the metropolitan area."""
from django.utils.translation import gettext_lazy as _

from search.registry import SearchIndex, Section, site

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

PLAN = site.add_section(Section("plan", _("総合計画"), "planning:plan", 10))
AREA = site.add_section(Section("metropolitan-area", _("連携中枢都市圏"), "planning:area", 20))


@site.register(ComprehensivePlan)
class ComprehensivePlanIndex(SearchIndex):
    section = PLAN
    weight = 1
    fields = (
        "overview", "purpose", "basic_philosophy", "vision_name", "vision", "priority_intro",
        "sector_policy_intro", "significance", "period_text", "target_area",
        "implementing_bodies", "ward_community_building", "crisis_management",
        "recovery_plan_position",
    )


class PlanPartIndex(SearchIndex):
    section = PLAN
    page = "planning:plan"
    title_field = "title"


@site.register(PlanTier)
class PlanTierIndex(PlanPartIndex):
    title_field = "kind"
    fields = ("description",)

    def get_anchor(self, record):
        return "overview"


@site.register(PriorityInitiative)
class PriorityInitiativeIndex(PlanPartIndex):
    pass


@site.register(PriorityGoal)
class PriorityGoalIndex(PlanPartIndex):
    context_fields = ("initiative__title",)
    fields = ("description",)
    select_related = ("initiative",)


@site.register(PriorityMeasure)
class PriorityMeasureIndex(PlanPartIndex):
    context_fields = ("goal__title",)
    select_related = ("goal",)


@site.register(SectorPolicy)
class SectorPolicyIndex(PlanPartIndex):
    fields = ("chapter_title",)


@site.register(PlanPromotionMeasure)
class PlanPromotionMeasureIndex(PlanPartIndex):
    pass


@site.register(MetropolitanCooperationArea)
class MetropolitanCooperationAreaIndex(SearchIndex):
    section = AREA
    weight = 1
    fields = ("purpose",)


class AreaPartIndex(SearchIndex):
    section = AREA
    page = "planning:area"
    title_field = "title"


@site.register(MemberMunicipality)
class MemberMunicipalityIndex(AreaPartIndex):
    title_field = "name"
    context_fields = ("kind",)
    weight = 1


@site.register(Pillar)
class PillarIndex(AreaPartIndex):
    fields = ("intro_name", "description")

    def get_anchor(self, record):
        return f"pillar-{record.number}"


@site.register(PolicyFieldCategory)
class PolicyFieldCategoryIndex(AreaPartIndex):
    title_field = "name"
    context_fields = ("pillar__title",)
    select_related = ("pillar",)


@site.register(PolicyField)
class PolicyFieldIndex(AreaPartIndex):
    context_fields = ("pillar__title",)
    fields = ("description",)
    select_related = ("pillar",)
