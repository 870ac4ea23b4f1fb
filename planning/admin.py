"""Admin of sections 1–2: every model with import/export; inlines follow the document's nesting."""
from django.contrib import admin

from backoffice.admin import PortalAdmin, PortalStackedInline, PortalTabularInline

from . import resources
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


class PlanTierInline(PortalTabularInline):
    model = PlanTier


class PriorityInitiativeInline(PortalTabularInline):
    model = PriorityInitiative
    show_change_link = True


class SectorPolicyInline(PortalTabularInline):
    model = SectorPolicy


class PlanPromotionMeasureInline(PortalTabularInline):
    model = PlanPromotionMeasure


class PriorityGoalInline(PortalStackedInline):
    model = PriorityGoal
    show_change_link = True


class PriorityMeasureInline(PortalTabularInline):
    model = PriorityMeasure


class MemberMunicipalityInline(PortalTabularInline):
    model = MemberMunicipality


class PillarInline(PortalStackedInline):
    model = Pillar
    show_change_link = True


class PolicyFieldCategoryInline(PortalTabularInline):
    model = PolicyFieldCategory


class PolicyFieldInline(PortalStackedInline):
    model = PolicyField


@admin.register(ComprehensivePlan)
class ComprehensivePlanAdmin(PortalAdmin):
    resource_classes = [resources.ComprehensivePlanResource]
    list_display = ["name", "adopted_on", "period_start", "period_end", "responsible_division"]
    search_fields = ["name", "overview", "basic_philosophy", "vision"]
    list_filter = ["responsible_division"]
    date_hierarchy = "adopted_on"
    list_select_related = ["responsible_division"]
    inlines = [PlanTierInline, PriorityInitiativeInline, SectorPolicyInline, PlanPromotionMeasureInline]


@admin.register(PlanTier)
class PlanTierAdmin(PortalAdmin):
    resource_classes = [resources.PlanTierResource]
    list_display = ["plan", "number", "kind"]
    search_fields = ["description"]
    list_filter = ["plan", "kind"]
    list_select_related = ["plan"]


@admin.register(PriorityInitiative)
class PriorityInitiativeAdmin(PortalAdmin):
    resource_classes = [resources.PriorityInitiativeResource]
    list_display = ["plan", "number", "title"]
    search_fields = ["title"]
    list_filter = ["plan"]
    list_select_related = ["plan"]
    inlines = [PriorityGoalInline]


@admin.register(PriorityGoal)
class PriorityGoalAdmin(PortalAdmin):
    resource_classes = [resources.PriorityGoalResource]
    list_display = ["initiative", "letter", "title"]
    search_fields = ["title", "description"]
    list_filter = ["initiative"]
    list_select_related = ["initiative"]
    inlines = [PriorityMeasureInline]


@admin.register(PriorityMeasure)
class PriorityMeasureAdmin(PortalAdmin):
    resource_classes = [resources.PriorityMeasureResource]
    list_display = ["title", "goal", "order"]
    search_fields = ["title"]
    list_filter = ["goal__initiative"]
    list_select_related = ["goal"]


@admin.register(SectorPolicy)
class SectorPolicyAdmin(PortalAdmin):
    resource_classes = [resources.SectorPolicyResource]
    list_display = ["number", "title", "chapter_title", "plan"]
    search_fields = ["title", "chapter_title"]
    list_filter = ["plan"]
    list_select_related = ["plan"]


@admin.register(PlanPromotionMeasure)
class PlanPromotionMeasureAdmin(PortalAdmin):
    resource_classes = [resources.PlanPromotionMeasureResource]
    list_display = ["number", "title", "plan"]
    search_fields = ["title"]
    list_filter = ["plan"]
    list_select_related = ["plan"]


@admin.register(MetropolitanCooperationArea)
class MetropolitanCooperationAreaAdmin(PortalAdmin):
    resource_classes = [resources.MetropolitanCooperationAreaResource]
    list_display = ["name", "agreement_signed_on", "population", "responsible_division"]
    search_fields = ["name", "purpose"]
    list_filter = ["responsible_division"]
    date_hierarchy = "agreement_signed_on"
    list_select_related = ["responsible_division"]
    inlines = [MemberMunicipalityInline, PillarInline]


@admin.register(MemberMunicipality)
class MemberMunicipalityAdmin(PortalAdmin):
    resource_classes = [resources.MemberMunicipalityResource]
    list_display = ["name", "kind", "order", "is_core_city", "area"]
    search_fields = ["name"]
    list_filter = ["area", "kind", "is_core_city"]
    list_select_related = ["area"]


@admin.register(Pillar)
class PillarAdmin(PortalAdmin):
    resource_classes = [resources.PillarResource]
    list_display = ["number", "title", "intro_name", "area"]
    search_fields = ["title", "intro_name", "description"]
    list_filter = ["area"]
    list_select_related = ["area"]
    inlines = [PolicyFieldCategoryInline, PolicyFieldInline]


@admin.register(PolicyFieldCategory)
class PolicyFieldCategoryAdmin(PortalAdmin):
    resource_classes = [resources.PolicyFieldCategoryResource]
    list_display = ["name", "pillar", "order"]
    search_fields = ["name"]
    list_filter = ["pillar"]
    list_select_related = ["pillar"]


@admin.register(PolicyField)
class PolicyFieldAdmin(PortalAdmin):
    resource_classes = [resources.PolicyFieldResource]
    list_display = ["letter", "title", "pillar", "category", "order"]
    search_fields = ["title", "description"]
    list_filter = ["pillar", "category"]
    list_select_related = ["pillar", "category"]
