"""Admin of section 6 (震災復興): every model, with import/export, nested as the document is.

復興部 → its divisions (inline); a division → its numbered duties (inline); the recovery
plan → its sections ア–オ and its basic policies (inlines). Each child model is also
registered on its own so that it can be imported and exported.
"""
from django.contrib import admin

from backoffice.admin import PortalAdmin, PortalTabularInline

from .models import (
    BasicPolicy,
    DepartmentDivision,
    Duty,
    Earthquake,
    EarthquakeRecoveryPlan,
    PlanSection,
    RecoveryDepartment,
)
from .resources import (
    BasicPolicyResource,
    DepartmentDivisionResource,
    DutyResource,
    EarthquakeRecoveryPlanResource,
    EarthquakeResource,
    PlanSectionResource,
    RecoveryDepartmentResource,
)


@admin.register(Earthquake)
class EarthquakeAdmin(PortalAdmin):
    """Earthquakes (地震)."""

    resource_classes = [EarthquakeResource]
    list_display = ["name", "occurred_on", "occurred_on_precision", "source"]
    search_fields = ["name"]
    list_filter = ["responsible_division"]
    date_hierarchy = "occurred_on"


class DepartmentDivisionInline(PortalTabularInline):
    """The divisions (課) of a department, edited on the department."""

    model = DepartmentDivision
    fields = ["order", "name", "staff_count", "source"]
    show_change_link = True


@admin.register(RecoveryDepartment)
class RecoveryDepartmentAdmin(PortalAdmin):
    """復興部, with its divisions inline; the staff total is checked on save."""

    resource_classes = [RecoveryDepartmentResource]
    list_display = [
        "name",
        "established_on",
        "total_staff_count",
        "director_count",
        "division_head_count",
        "staff_member_count",
        "source",
    ]
    list_select_related = ["earthquake"]
    search_fields = ["name", "purpose"]
    list_filter = ["earthquake", "responsible_division"]
    date_hierarchy = "established_on"
    inlines = [DepartmentDivisionInline]


class DutyInline(PortalTabularInline):
    """The numbered duties (業務概要) of a division, edited on the division."""

    model = Duty
    fields = ["number", "text", "source"]


@admin.register(DepartmentDivision)
class DepartmentDivisionAdmin(PortalAdmin):
    """Divisions of the department, with their duties inline."""

    resource_classes = [DepartmentDivisionResource]
    list_display = ["name", "department", "staff_count", "order", "source"]
    list_select_related = ["department"]
    list_editable = ["order"]
    search_fields = ["name", "duties__text"]
    list_filter = ["department"]
    inlines = [DutyInline]


@admin.register(Duty)
class DutyAdmin(PortalAdmin):
    """Duties (業務概要) on their own, for search and import/export."""

    resource_classes = [DutyResource]
    list_display = ["division", "number", "text", "source"]
    list_select_related = ["division"]
    search_fields = ["text", "division__name"]
    list_filter = ["division__department", "division"]


class PlanSectionInline(PortalTabularInline):
    """The sections ア–オ of a plan, edited on the plan."""

    model = PlanSection
    fields = ["order", "letter", "heading", "topic", "body_legibility", "source"]


class BasicPolicyInline(PortalTabularInline):
    """The basic policies of a plan, edited on the plan."""

    model = BasicPolicy
    fields = ["number", "text", "source"]


@admin.register(EarthquakeRecoveryPlan)
class EarthquakeRecoveryPlanAdmin(PortalAdmin):
    """熊本市震災復興計画: legible facts apart from the supplement's (each with its source)."""

    resource_classes = [EarthquakeRecoveryPlanResource]
    list_display = ["name", "adopted_on", "period_start", "period_end", "source"]
    list_select_related = ["earthquake"]
    search_fields = ["name", "target_area", "position", "basic_policy_slogan"]
    list_filter = ["earthquake", "responsible_division"]
    date_hierarchy = "adopted_on"
    inlines = [PlanSectionInline, BasicPolicyInline]
    fieldsets = [
        (None, {"fields": ["name", "earthquake", "responsible_division", "source"]}),
        ("出典の文書で判読できる事項", {"fields": ["introduction_legibility", "basic_policy_slogan"]}),
        (
            "補足資料による事項(項目ごとに出典)",
            {
                "fields": [
                    ("adopted_on", "adopted_on_precision"),
                    "adopted_on_source",
                    ("period_start", "period_end"),
                    "period_text",
                    "period_source",
                    "target_area",
                    "target_area_source",
                    "position",
                    "position_source",
                ]
            },
        ),
    ]


@admin.register(PlanSection)
class PlanSectionAdmin(PortalAdmin):
    """Plan sections on their own, for import/export."""

    resource_classes = [PlanSectionResource]
    list_display = ["__str__", "plan", "topic", "body_legibility", "order", "source"]
    list_select_related = ["plan"]
    search_fields = ["heading"]
    list_filter = ["plan", "topic", "body_legibility"]


@admin.register(BasicPolicy)
class BasicPolicyAdmin(PortalAdmin):
    """Basic policies on their own, for import/export."""

    resource_classes = [BasicPolicyResource]
    list_display = ["number", "text", "plan", "source"]
    list_select_related = ["plan"]
    search_fields = ["text"]
    list_filter = ["plan"]
