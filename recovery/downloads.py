"""The downloadable table of the recovery page: the divisions of 復興部 and their duties."""
from core.downloads import Column, Table

DIVISION_TABLE = Table(
    "recovery-department-divisions",
    "復興部の部署と業務概要",
    [
        Column("組織", lambda division: division.department.name),
        Column("部署名", lambda division: division.name),
        Column("人数(課長以下、名)", lambda division: division.staff_count),
        Column(
            "業務概要",
            lambda division: "\n".join(
                f"({duty.number}) {duty.text}" for duty in division.duties.all()
            ),
        ),
        Column("出典", lambda division: division.source),
    ],
)
