"""Import/export of section 6 (震災復興): one resource per model, keyed on natural keys.

Foreign keys are shown by the parent's name (not its id), so a spreadsheet reads as the
document does: a duty row names its department and division, a basic policy its plan.
"""
from spreadsheets.resources import PortalResource

from .models import (
    BasicPolicy,
    DepartmentDivision,
    Duty,
    Earthquake,
    EarthquakeRecoveryPlan,
    PlanSection,
    RecoveryDepartment,
)


class EarthquakeResource(PortalResource):
    """Earthquakes, keyed on the name."""

    class Meta:
        model = Earthquake
        fields = ["name", "occurred_on", "occurred_on_precision", "responsible_division", "source"]


class RecoveryDepartmentResource(PortalResource):
    """Recovery departments, keyed on the name; the earthquake by its name."""

    class Meta:
        model = RecoveryDepartment
        fields = [
            "name",
            "earthquake",
            "established_on",
            "established_on_precision",
            "purpose",
            "total_staff_count",
            "director_count",
            "division_head_count",
            "staff_member_count",
            "responsible_division",
            "source",
        ]


class DepartmentDivisionResource(PortalResource):
    """Divisions of a department, keyed on (department, name)."""

    class Meta:
        model = DepartmentDivision
        fields = ["department", "name", "staff_count", "order", "source"]


class DutyResource(PortalResource):
    """Duties, keyed on (division, number); the division as ``部 / 課`` (``復興部 / 復興総務課``)."""

    class Meta:
        model = Duty
        fields = ["division", "number", "text", "source"]


class EarthquakeRecoveryPlanResource(PortalResource):
    """Earthquake recovery plans, keyed on the name."""

    class Meta:
        model = EarthquakeRecoveryPlan
        fields = [
            "name",
            "earthquake",
            "introduction_legibility",
            "adopted_on",
            "adopted_on_precision",
            "adopted_on_source",
            "period_start",
            "period_end",
            "period_text",
            "period_source",
            "target_area",
            "target_area_source",
            "position",
            "position_source",
            "basic_policy_slogan",
            "responsible_division",
            "source",
        ]


class PlanSectionResource(PortalResource):
    """Sections (ア–オ) of a plan, keyed on (plan, letter)."""

    class Meta:
        model = PlanSection
        fields = ["plan", "letter", "heading", "topic", "body_legibility", "order", "source"]


class BasicPolicyResource(PortalResource):
    """Basic policies of a plan, keyed on (plan, number)."""

    class Meta:
        model = BasicPolicy
        fields = ["plan", "number", "text", "source"]
