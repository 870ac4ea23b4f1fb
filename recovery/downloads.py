"""The downloadable tables of the recovery page: the staff of 復興部, its divisions and duties."""
from django.utils.translation import gettext_lazy as _

from core.citizen import localized_citizen_source
from core.downloads import Column, Table

DIVISION_TABLE = Table(
    "recovery-department-divisions",
    _("復興部の部署と業務概要"),
    [
        Column(_("組織"), lambda division: division.department.name),
        Column(_("部署名"), lambda division: division.name),
        Column(_("人数(課長以下、名)"), lambda division: division.staff_count),
        Column(
            "業務概要",
            lambda division: "\n".join(
                f"({duty.number}) {duty.text}" for duty in division.duties.all()
            ),
        ),
        Column(_("出典"), lambda division: localized_citizen_source(division.source)),
    ],
)

#: Rows: ``(department, 職, 人数)`` of ``RecoveryDepartment.staff_breakdown``.
STAFF_TABLE = Table(
    "recovery-department-staff",
    _("復興部の人員"),
    [
        Column(_("組織"), lambda row: row[0].name),
        Column(_("職"), lambda row: row[1]),
        Column(_("人数(名)"), lambda row: row[2]),
        Column(_("出典"), lambda row: localized_citizen_source(row[0].source)),
    ],
)
