"""factory-boy factories of section 6 (震災復興) records.

Defaults are plausible, not the document's facts (those come from the fixture); names
are sequenced so that factories can create many rows next to the fixture's records.
"""
import datetime

import factory
from factory.django import DjangoModelFactory

from recovery.models import (
    BasicPolicy,
    DepartmentDivision,
    Duty,
    Earthquake,
    EarthquakeRecoveryPlan,
    PlanSection,
    RecoveryDepartment,
)

from .core import DivisionFactory

DIVISION = {"name": "復興総務課", "order": 5, "source": "市政概要 6"}


class EarthquakeFactory(DjangoModelFactory):
    class Meta:
        model = Earthquake

    name = factory.Sequence(lambda n: f"テスト地震{n}")
    occurred_on = datetime.date(2016, 4, 14)
    occurred_on_precision = "day"
    responsible_division = factory.SubFactory(DivisionFactory, **DIVISION)
    source = "市政概要 6(1)"


class RecoveryDepartmentFactory(DjangoModelFactory):
    class Meta:
        model = RecoveryDepartment

    name = factory.Sequence(lambda n: f"テスト部{n}")
    earthquake = factory.SubFactory(EarthquakeFactory)
    established_on = datetime.date(2016, 5, 6)
    established_on_precision = "day"
    purpose = "第一段落。\n第二段落。"
    director_count = 1
    division_head_count = 2
    staff_member_count = 10
    total_staff_count = factory.LazyAttribute(
        lambda o: o.director_count + o.division_head_count + o.staff_member_count
    )
    responsible_division = factory.SubFactory(DivisionFactory, **DIVISION)
    source = "市政概要 6(1)"


class DepartmentDivisionFactory(DjangoModelFactory):
    class Meta:
        model = DepartmentDivision

    department = factory.SubFactory(RecoveryDepartmentFactory)
    name = factory.Sequence(lambda n: f"テスト課{n}")
    staff_count = 5
    order = factory.Sequence(lambda n: n + 10)
    source = "市政概要 6(1)"


class DutyFactory(DjangoModelFactory):
    class Meta:
        model = Duty

    division = factory.SubFactory(DepartmentDivisionFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"テスト業務{n}に関すること。")
    source = "市政概要 6(1)"


class EarthquakeRecoveryPlanFactory(DjangoModelFactory):
    class Meta:
        model = EarthquakeRecoveryPlan

    name = factory.Sequence(lambda n: f"テスト復興計画{n}")
    earthquake = factory.SubFactory(EarthquakeFactory)
    adopted_on = datetime.date(2016, 10, 14)
    adopted_on_precision = "day"
    adopted_on_source = "補足資料: テスト資料"
    period_start = 2016
    period_end = 2019
    period_text = "平成28年度(2016年度)~平成31年度(2019年度)の4年間"
    period_source = "補足資料: テスト資料"
    target_area = "テストの対象地域"
    target_area_source = "補足資料: テスト資料"
    position = "テストの位置付け"
    position_source = "補足資料: テスト資料"
    basic_policy_slogan = "テストの標語"
    responsible_division = factory.SubFactory(DivisionFactory, **DIVISION)
    source = "市政概要 6(2)"


class PlanSectionFactory(DjangoModelFactory):
    class Meta:
        model = PlanSection

    plan = factory.SubFactory(EarthquakeRecoveryPlanFactory)
    letter = "ア"
    heading = "計画の対象地域"
    topic = PlanSection.Topic.TARGET_AREA
    body_legibility = "illegible"
    order = 1
    source = "市政概要 6(2)ア"


class BasicPolicyFactory(DjangoModelFactory):
    class Meta:
        model = BasicPolicy

    plan = factory.SubFactory(EarthquakeRecoveryPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"テスト基本方針{n}")
    source = "市政概要 6(2)オ"
