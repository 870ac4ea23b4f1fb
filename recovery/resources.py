"""Import/export of section 6 (震災復興): one resource per model, keyed on natural keys.

Foreign keys are shown by the parent's name (not its id), so a spreadsheet reads as the
document does: a duty row names its department and division, a basic policy its plan.
"""
from import_export import fields
from import_export.widgets import ForeignKeyWidget

from kumamoto_portal.models import Division
from kumamoto_portal.resources import PortalResource

from .models import (
    BasicPolicy,
    DepartmentDivision,
    Duty,
    Earthquake,
    EarthquakeRecoveryPlan,
    PlanSection,
    RecoveryDepartment,
)


def _responsible_division_field():
    return fields.Field(
        attribute="responsible_division",
        column_name="responsible_division",
        widget=ForeignKeyWidget(Division, field="name"),
    )


class DepartmentDivisionWidget(ForeignKeyWidget):
    """A division named in column ``division``, looked up within the row's ``department``.

    Division names are unique per department only, so the lookup uses both columns.
    Raises ``DepartmentDivision.DoesNotExist`` when there is no such division.
    """

    def get_lookup_kwargs(self, value, row, **kwargs):
        return {"name": value, "department__name": (row or {}).get("department")}


class EarthquakeResource(PortalResource):
    """Earthquakes, keyed on the name."""

    responsible_division = _responsible_division_field()

    class Meta:
        model = Earthquake
        import_id_fields = ["name"]
        fields = ["name", "occurred_on", "occurred_on_precision", "responsible_division", "source"]


class RecoveryDepartmentResource(PortalResource):
    """Recovery departments, keyed on the name; the earthquake by its name."""

    earthquake = fields.Field(
        attribute="earthquake",
        column_name="earthquake",
        widget=ForeignKeyWidget(Earthquake, field="name"),
    )
    responsible_division = _responsible_division_field()

    class Meta:
        model = RecoveryDepartment
        import_id_fields = ["name"]
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

    department = fields.Field(
        attribute="department",
        column_name="department",
        widget=ForeignKeyWidget(RecoveryDepartment, field="name"),
    )

    class Meta:
        model = DepartmentDivision
        import_id_fields = ["department", "name"]
        fields = ["department", "name", "staff_count", "order", "source"]


class DutyResource(PortalResource):
    """Duties, keyed on (department, division, number); ``department`` is read with ``division``."""

    department = fields.Field(
        attribute="division__department__name", column_name="department", readonly=True
    )
    division = fields.Field(
        attribute="division",
        column_name="division",
        widget=DepartmentDivisionWidget(DepartmentDivision, field="name"),
    )

    class Meta:
        model = Duty
        import_id_fields = ["division", "number"]
        fields = ["department", "division", "number", "text", "source"]


class EarthquakeRecoveryPlanResource(PortalResource):
    """Earthquake recovery plans, keyed on the name."""

    earthquake = fields.Field(
        attribute="earthquake",
        column_name="earthquake",
        widget=ForeignKeyWidget(Earthquake, field="name"),
    )
    responsible_division = _responsible_division_field()

    class Meta:
        model = EarthquakeRecoveryPlan
        import_id_fields = ["name"]
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


def _plan_field():
    return fields.Field(
        attribute="plan",
        column_name="plan",
        widget=ForeignKeyWidget(EarthquakeRecoveryPlan, field="name"),
    )


class PlanSectionResource(PortalResource):
    """Sections (ア–オ) of a plan, keyed on (plan, letter)."""

    plan = _plan_field()

    class Meta:
        model = PlanSection
        import_id_fields = ["plan", "letter"]
        fields = ["plan", "letter", "heading", "topic", "body_legibility", "order", "source"]


class BasicPolicyResource(PortalResource):
    """Basic policies of a plan, keyed on (plan, number)."""

    plan = _plan_field()

    class Meta:
        model = BasicPolicy
        import_id_fields = ["plan", "number"]
        fields = ["plan", "number", "text", "source"]
