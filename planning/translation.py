"""English versions of the planning records' names and titles (see ``core.translation``)."""
from modeltranslation.translator import TranslationOptions, register

from .models import (
    ComprehensivePlan,
    MemberMunicipality,
    MetropolitanCooperationArea,
    Pillar,
    PlanPromotionMeasure,
    PolicyField,
    PolicyFieldCategory,
    PriorityGoal,
    PriorityInitiative,
    PriorityMeasure,
    SectorPolicy,
)


@register(ComprehensivePlan)
class ComprehensivePlanTranslation(TranslationOptions):
    fields = ("name", "vision_name")


@register(PriorityInitiative)
@register(PriorityGoal)
@register(PriorityMeasure)
@register(PlanPromotionMeasure)
@register(PolicyField)
class TitleTranslation(TranslationOptions):
    fields = ("title",)


@register(SectorPolicy)
class SectorPolicyTranslation(TranslationOptions):
    fields = ("title", "chapter_title")


@register(MetropolitanCooperationArea)
@register(MemberMunicipality)
@register(PolicyFieldCategory)
class NameTranslation(TranslationOptions):
    fields = ("name",)


@register(Pillar)
class PillarTranslation(TranslationOptions):
    fields = ("title", "intro_name")
