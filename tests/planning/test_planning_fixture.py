"""The planning fixture holds sections 1–2 of the document: counts and key facts.

Expected values are read from the document (市政概要 1, 2), not from the fixture.
"""
import datetime

import pytest

from planning.models import (
    ComprehensivePlan,
    MemberMunicipality,
    MetropolitanCooperationArea,
    Pillar,
    PlanPromotionMeasure,
    PlanTier,
    PolicyField,
    PolicyFieldCategory,
    PriorityGoal,
    PriorityInitiative,
    PriorityMeasure,
    SectorPolicy,
)

pytestmark = pytest.mark.django_db

PLAN = "熊本市第7次総合計画"
AREA = "熊本連携中枢都市圏"


@pytest.fixture
def plan():
    return ComprehensivePlan.objects.get_by_natural_key(PLAN)


@pytest.fixture
def area():
    return MetropolitanCooperationArea.objects.with_details().get(name=AREA)


def test_plan_facts(plan):
    assert plan.adopted_on == datetime.date(2016, 3, 1)
    assert plan.adopted_on_precision == "month"
    # 平成28年度～平成35年度, 目標年次 平成35年度, 中間見直し 平成31年度
    assert (plan.period_start, plan.period_end) == (2016, 2023)
    assert plan.target_year == 2023
    assert plan.mid_term_review_year == 2019
    assert plan.responsible_division.name == "政策企画課"
    assert plan.vision_name == "上質な生活都市"
    assert plan.overview.startswith("総合計画とは、")
    assert plan.purpose.startswith("本市は、平成24年4月1日に政令指定都市に移行し")
    assert plan.basic_philosophy.startswith("まちづくりの原点は、「地域」、そして、そこに暮らす「市民」です。")
    assert len(plan.basic_philosophy.split("\n")) == 7
    assert plan.vision.endswith("「上質な生活都市」を、私たちは目指します。")
    assert plan.target_area == "現行(平成28年4月1日現在)の市域を基本とし、必要に応じて広域的な対応を図ります。"
    assert plan.implementing_bodies.startswith("本計画は、市が主な実施主体となるほか")
    assert plan.significance.startswith("この基本計画は、基本構想に掲げるめざすまちの姿を実現するための")
    assert plan.ward_community_building.startswith("本市では、各区においてまちづくりビジョンを策定し")
    assert "総合的な危機管理体制の構築" in plan.crisis_management
    assert "熊本市第7次総合計画(平成28年度～平成35年度)の前期基本計画の一部" in plan.recovery_plan_position


def test_plan_tiers(plan):
    tiers = list(PlanTier.objects.of_plan(plan))
    assert [t.get_kind_display() for t in tiers] == ["基本構想", "基本計画", "実施計画"]
    assert tiers[1].description == "基本構想を受けて各分野の基本方針や目標、施策の体系を示す"


def test_priority_tree_counts(plan):
    assert PriorityInitiative.objects.filter(plan=plan).count() == 3
    assert PriorityGoal.objects.filter(initiative__plan=plan).count() == 6
    assert PriorityMeasure.objects.filter(goal__initiative__plan=plan).count() == 12
    for goal in PriorityGoal.objects.filter(initiative__plan=plan):
        assert goal.measures.count() == 2
    assert [i.title for i in PriorityInitiative.objects.filter(plan=plan)] == [
        "安心して暮らせるまちづくり",
        "ずっと住みたいまちづくり",
        "訪れてみたいまちづくり",
    ]


def test_priority_goal_keeps_basic_concept_wording():
    goal = PriorityGoal.objects.get_by_natural_key(PLAN, 1, "イ")
    # The basic concept writes 支え合う; the basic plan's 支えあう is not stored as the goal.
    assert goal.title == "「おたがいさま」で支え合う地域コミュニティを形成します。"
    assert goal.description.startswith("だれもが、住み慣れた地域で安心して暮らし続けることができるように")
    assert [m.title for m in goal.measures.all()] == [
        "多様な世代が生きがいをもって暮らせるまちづくり",
        "お互いに支え合う地域のつながりづくり",
    ]
    last = PriorityMeasure.objects.get_by_natural_key(PLAN, 3, "イ", 2)
    assert last.title == "安全で良質な農水産物の魅力発信"


def test_sector_policies(plan):
    policies = list(SectorPolicy.objects.of_plan(plan))
    assert len(policies) == 8
    assert policies[0].title == "互いに認め支え合い、だれもが平等に参画できる社会の実現"
    assert policies[7].chapter_title == "安全で利便性が高い都市基盤の充実"
    assert all(p.title == p.chapter_title for p in policies)


def test_promotion_measures(plan):
    measures = list(PlanPromotionMeasure.objects.of_plan(plan))
    assert len(measures) == 6
    assert measures[0].title == "参画と協働の推進"
    assert measures[5].title == "市域を越えた広域的連携の強化"


def test_area_facts(area):
    assert area.agreement_signed_on == datetime.date(2016, 3, 30)
    assert area.agreement_signed_on_precision == "day"
    assert area.responsible_division.name == "政策企画課"
    assert (area.prefecture_establishments, area.prefecture_establishments_is_approximate) == (76000, True)
    assert (area.area_establishments, area.area_establishments_is_approximate) == (45000, True)
    assert (area.core_city_establishment_share, area.core_city_establishment_share_is_approximate) == (7, True)
    assert (area.inbound_commuters, area.inbound_commuters_is_approximate) == (40000, True)
    assert (area.outbound_commuters, area.outbound_commuters_is_approximate) == (30000, True)
    assert (area.population, area.population_is_approximate) == (1100000, False)
    assert area.purpose.endswith("熊本連携中枢都市圏の16市町村と連携協約を締結した。")


def test_members(area):
    members = list(area.members.all())
    assert len(members) == 17
    assert members[0].name == "熊本市" and members[-1].name == "山都町"
    assert [m.name for m in area.core_cities()] == ["熊本市"]
    assert len(area.partners()) == 16
    assert MemberMunicipality.objects.of_kind("city").filter(area=area).count() == 5
    assert MemberMunicipality.objects.of_kind("town").filter(area=area).count() == 10
    assert MemberMunicipality.objects.of_kind("village").filter(area=area).count() == 2
    assert area.composition() == "5市10町2村"
    assert [m.name for m in MemberMunicipality.objects.of_kind("village")] == ["西原村", "南阿蘇村"]


def test_pillars_and_policy_fields(area):
    pillars = list(Pillar.objects.filter(area=area))
    assert [p.title for p in pillars] == [
        "圏域全体の経済成長のけん引",
        "高次の都市機能の集積・強化",
        "圏域全体の生活関連機能サービスの向上",
    ]
    assert pillars[2].intro_name == "圏域全体の生活関連機能の向上"
    counts = [PolicyField.objects.filter(pillar=p).count() for p in pillars]
    assert counts == [3, 3, 22]
    categories = list(PolicyFieldCategory.objects.filter(pillar=pillars[2]))
    assert [c.name for c in categories] == [
        "生活機能の強化に係る政策分野",
        "結びつきやネットワークの強化に係る政策分野",
        "圏域マネジメント能力の強化に係る政策分野",
    ]
    # ア–セ, ソ–ト, ナ–ニ
    assert ["".join(f.letter for f in c.policy_fields.all()) for c in categories] == [
        "アイウエオカキクケコサシスセ",
        "ソタチツテト",
        "ナニ",
    ]
    assert not PolicyField.objects.filter(pillar__in=pillars[:2], category__isnull=False).exists()
    assert PolicyField.objects.get_by_natural_key(AREA, 3, "エ").title == "DV被害者への支援等"
    assert PolicyField.objects.get_by_natural_key(AREA, 1, "イ").title == "6次産業化及び農商工連携の推進"
    assert PolicyField.objects.get_by_natural_key(AREA, 3, "ニ").description == (
        "行政運営の効率化を図るため、事務処理を共同で行う体制を整備していく。"
    )


def test_every_record_is_valid():
    """Each fixture record passes model validation (sources, choices, category of its pillar)."""
    for model in (
        ComprehensivePlan, PlanTier, PriorityInitiative, PriorityGoal, PriorityMeasure,
        SectorPolicy, PlanPromotionMeasure, MetropolitanCooperationArea, MemberMunicipality,
        Pillar, PolicyFieldCategory, PolicyField,
    ):
        for obj in model.objects.all():
            obj.full_clean()
