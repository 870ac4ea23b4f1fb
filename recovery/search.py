"""What site search finds in section 6: the earthquake recovery."""
from django.utils.translation import gettext_lazy as _

from search.registry import SearchIndex, Section, site

from .models import (
    BasicPolicy,
    DepartmentDivision,
    Duty,
    Earthquake,
    EarthquakeRecoveryPlan,
    PlanSection,
    RecoveryDepartment,
)

RECOVERY = site.add_section(Section("recovery", _("震災復興"), "recovery:index", 70))


class RecoveryIndex(SearchIndex):
    section = RECOVERY


@site.register(Earthquake)
class EarthquakeIndex(RecoveryIndex):
    weight = 1

    def get_anchor(self, record):
        return f"earthquake-{record.pk}"


@site.register(RecoveryDepartment)
class RecoveryDepartmentIndex(RecoveryIndex):
    fields = ("purpose",)
    weight = 1

    def get_anchor(self, record):
        return f"department-{record.pk}"


@site.register(DepartmentDivision)
class DepartmentDivisionIndex(RecoveryIndex):
    context_fields = ("department__name",)
    select_related = ("department",)


@site.register(Duty)
class DutyIndex(RecoveryIndex):
    title_field = "text"
    context_fields = ("division__name",)
    select_related = ("division",)


@site.register(EarthquakeRecoveryPlan)
class EarthquakeRecoveryPlanIndex(RecoveryIndex):
    fields = ("basic_policy_slogan", "period_text", "target_area", "position")
    weight = 1


@site.register(PlanSection)
class PlanSectionIndex(RecoveryIndex):
    title_field = "heading"
    context_fields = ("plan__name",)
    select_related = ("plan",)


@site.register(BasicPolicy)
class BasicPolicyIndex(RecoveryIndex):
    title_field = "text"
    context_fields = ("plan__name",)
    select_related = ("plan",)
