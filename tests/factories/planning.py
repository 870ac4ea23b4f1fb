"""factory-boy factories of the planning app (sections 1–2). Test data, not document facts."""
import datetime

import factory

from planning import models

from .core import DivisionFactory

DIVISION = {"name": "政策企画課", "source": "市政概要 1"}


class ComprehensivePlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ComprehensivePlan

    name = factory.Sequence(lambda n: f"試験用総合計画{n}")
    overview = "総合計画の説明"
    adopted_on = datetime.date(2010, 3, 1)
    adopted_on_precision = "month"
    purpose = "趣旨"
    basic_philosophy = "基本理念"
    vision_name = "めざす姿"
    vision = "めざすまちの姿"
    priority_intro = "前文"
    sector_policy_intro = "前文"
    significance = "意義"
    period_start = 2010
    period_end = 2015
    target_year = 2015
    mid_term_review_year = 2012
    period_text = "期間"
    target_area = "市域"
    implementing_bodies = "市"
    ward_community_building = "区"
    crisis_management = "危機管理"
    recovery_plan_position = "位置づけ"
    responsible_division = factory.SubFactory(DivisionFactory, **DIVISION)
    source = "市政概要 1"


class PlanTierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PlanTier

    plan = factory.SubFactory(ComprehensivePlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    kind = models.PlanTier.Kind.BASIC_CONCEPT
    description = "説明"
    source = "市政概要 1"


class PriorityInitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PriorityInitiative

    plan = factory.SubFactory(ComprehensivePlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"取組{n}")
    source = "市政概要 1(1)ウ"


class PriorityGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PriorityGoal

    initiative = factory.SubFactory(PriorityInitiativeFactory)
    letter = "ア"
    order = 1
    title = "目標"
    description = "説明"
    source = "市政概要 1(1)ウ"


class PriorityMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PriorityMeasure

    goal = factory.SubFactory(PriorityGoalFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"施策{n}")
    source = "市政概要 1(2)エ"


class SectorPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SectorPolicy

    plan = factory.SubFactory(ComprehensivePlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"基本方針{n}")
    chapter_title = factory.SelfAttribute("title")
    source = "市政概要 1(1)エ"


class PlanPromotionMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PlanPromotionMeasure

    plan = factory.SubFactory(ComprehensivePlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"推進策{n}")
    source = "市政概要 1(2)ク"


class MetropolitanCooperationAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MetropolitanCooperationArea

    name = factory.Sequence(lambda n: f"試験用連携中枢都市圏{n}")
    purpose = "目的"
    agreement_signed_on = datetime.date(2010, 4, 1)
    agreement_signed_on_precision = "day"
    prefecture_establishments = 1000
    area_establishments = 500
    core_city_establishment_share = 5
    inbound_commuters = 100
    outbound_commuters = 100
    population = 10000
    responsible_division = factory.SubFactory(DivisionFactory, **DIVISION)
    source = "市政概要 2"


class MemberMunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MemberMunicipality

    area = factory.SubFactory(MetropolitanCooperationAreaFactory)
    name = factory.Sequence(lambda n: f"試験町{n}")
    kind = models.MemberMunicipality.Kind.TOWN
    order = factory.Sequence(lambda n: n + 1)
    is_core_city = False
    source = "市政概要 2"


class PillarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Pillar

    area = factory.SubFactory(MetropolitanCooperationAreaFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"取組{n}")
    intro_name = factory.SelfAttribute("title")
    description = "説明"
    source = "市政概要 2(1)"


class PolicyFieldCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PolicyFieldCategory

    pillar = factory.SubFactory(PillarFactory)
    name = factory.Sequence(lambda n: f"分類{n}")
    order = factory.Sequence(lambda n: n + 1)
    source = "市政概要 2(3)"


class PolicyFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PolicyField

    pillar = factory.SubFactory(PillarFactory)
    category = None
    letter = factory.Sequence(lambda n: f"F{n % 1000}")
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"政策分野{n}")
    description = "内容"
    source = "市政概要 2(1)ア"
