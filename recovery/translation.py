"""English versions of the recovery records' names and headings (see ``core.translation``)."""
from modeltranslation.translator import TranslationOptions, register

from .models import (
    DepartmentDivision,
    Earthquake,
    EarthquakeRecoveryPlan,
    PlanSection,
    RecoveryDepartment,
)


@register(Earthquake)
@register(RecoveryDepartment)
@register(DepartmentDivision)
class NameTranslation(TranslationOptions):
    fields = ("name",)


@register(EarthquakeRecoveryPlan)
class EarthquakeRecoveryPlanTranslation(TranslationOptions):
    fields = ("name", "period_text", "basic_policy_slogan")


@register(PlanSection)
class PlanSectionTranslation(TranslationOptions):
    fields = ("heading",)
