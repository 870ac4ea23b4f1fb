"""What citizens read of section 6 (``core.public``): the earthquake, 復興部, the recovery plan."""
from core.public import PublicRecord

from .models import (
    BasicPolicy,
    DepartmentDivision,
    Duty,
    Earthquake,
    EarthquakeRecoveryPlan,
    PlanSection,
    RecoveryDepartment,
)

PAGES = {
    "recovery:index": [
        Earthquake,
        RecoveryDepartment,
        DepartmentDivision,
        Duty,
        EarthquakeRecoveryPlan,
        PlanSection,
        BasicPolicy,
    ],
}

RECORDS = [
    PublicRecord(Earthquake, "recovery/earthquakes"),
    PublicRecord(RecoveryDepartment, "recovery/departments"),
    PublicRecord(DepartmentDivision, "recovery/department-divisions"),
    PublicRecord(Duty, "recovery/duties"),
    PublicRecord(EarthquakeRecoveryPlan, "recovery/plans"),
    PublicRecord(PlanSection, "recovery/plan-sections"),
    PublicRecord(BasicPolicy, "recovery/basic-policies"),
]
