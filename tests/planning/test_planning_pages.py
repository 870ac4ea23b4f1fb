"""Public pages of sections 1–2: status, key facts (和暦 with 西暦), one h1, constant queries."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from planning.models import (
    ComprehensivePlan,
    MemberMunicipality,
    MetropolitanCooperationArea,
    PolicyField,
    PolicyFieldCategory,
    PriorityGoal,
    PriorityInitiative,
    PriorityMeasure,
)

pytestmark = pytest.mark.django_db


def text_of(response):
    """The page's visible text, tags removed and white space folded."""
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def assert_page_basics(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ja">' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert "style=" not in html and "<script" not in html


def test_plan_page(client):
    response = client.get(reverse("planning:plan"))
    assert_page_basics(response)
    text = text_of(response)
    for fact in [
        "熊本市第7次総合計画",
        "平成28年(2016年)3月",  # 策定
        # 計画期間 平成28年度～平成35年度: FY2023 is shown in the era in force then (令和5年度)
        "平成28年度(2016年度)～令和5年度(2023年度)",
        "令和5年度(2023年度)を目標年次とし、中間年にあたる令和元年度(2019年度)に全体的に見直します",
        "令和元年度(2019年度)",  # 中間見直し 平成31年度
        "基本構想", "基本計画", "実施計画",
        "現行(平成28年4月1日現在)の市域を基本とし",
        "市が主な実施主体となるほか",
        "政策企画課",
        "まちづくりの原点は、「地域」、そして、そこに暮らす「市民」です。",
        "「上質な生活都市」を、私たちは目指します。",
        "①安心して暮らせるまちづくり",
        "(ア)だれもが安心して子育てできる環境を整えます。",
        "子育て家庭に対する支援や、地域の実情に応じた保育サービスの充実",
        "安心して子育てができる少子化対策の推進",
        "③訪れてみたいまちづくり",
        "安全で良質な農水産物の魅力発信",
        "第1章", "第8章", "安全で利便性が高い都市基盤の充実",
        "区役所のまちづくり支援機能を強化する",
        "総合的な危機管理体制の構築を進める必要があります。",
        "前期基本計画の一部として位置づけ",
        "参画と協働の推進", "市域を越えた広域的連携の強化",
        "出典: 熊本市『市政概要』平成28年度版 1(2)エ",
    ]:
        assert fact in text, fact


def test_area_page(client):
    response = client.get(reverse("planning:area"))
    assert_page_basics(response)
    text = text_of(response)
    for fact in [
        "熊本連携中枢都市圏",
        "平成28年(2016年)3月30日",
        "16市町村と連携協約",
        "5市10町2村",
        "熊本市(連携中枢都市)",
        "山都町",
        "約76,000", "約45,000", "約7割", "約4万人", "約3万人", "110万人",
        "(1)圏域全体の経済成長のけん引",
        "(3)圏域全体の生活関連機能サービスの向上",
        "「圏域全体の生活関連機能の向上」",
        "≪生活機能の強化に係る政策分野≫",
        "≪結びつきやネットワークの強化に係る政策分野≫",
        "≪圏域マネジメント能力の強化に係る政策分野≫",
        "ア リーディング産業の育成",
        "タ ICTを活用した広域的な情報発信",
        "ニ 機関等の共同設置",
        "政策企画課",
        "出典: 熊本市『市政概要』平成28年度版 2(3)ニ",
    ]:
        assert fact in text, fact
    # members in the document's order
    assert text.index("宇土市") < text.index("美里町") < text.index("西原村") < text.index("御船町")


def test_member_list_page(client):
    response = client.get(reverse("planning:member-list"))
    assert_page_basics(response)
    assert "構成市町村(17市町村)" in text_of(response)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def grow_plan(size, offset):
    """Add ``size`` initiatives, each with a goal and a measure, to the plan the page shows.

    ``offset`` keeps the numbers of successive batches apart.
    """
    plan = ComprehensivePlan.objects.current()
    initiatives = PriorityInitiative.objects.bulk_create(
        PriorityInitiative(plan=plan, number=offset + i, title=f"取組{i}", source="市政概要 1(1)ウ")
        for i in range(size)
    )
    goals = PriorityGoal.objects.bulk_create(
        PriorityGoal(initiative=initiative, letter="ア", order=1, title="目標", description="説明",
                     source="市政概要 1(1)ウ")
        for initiative in initiatives
    )
    PriorityMeasure.objects.bulk_create(
        PriorityMeasure(goal=goal, order=1, title="施策", source="市政概要 1(2)エ") for goal in goals
    )


def grow_area(size, offset):
    """Add ``size`` members, categories and policy fields to the area the page shows."""
    area = MetropolitanCooperationArea.objects.current()
    pillar = area.pillars.get(number=3)
    MemberMunicipality.objects.bulk_create(
        MemberMunicipality(area=area, name=f"試験村{offset + i}", kind="village", order=offset + i,
                           source="市政概要 2")
        for i in range(size)
    )
    categories = PolicyFieldCategory.objects.bulk_create(
        PolicyFieldCategory(pillar=pillar, name=f"分類{offset + i}", order=offset + i,
                            source="市政概要 2(3)")
        for i in range(size)
    )
    PolicyField.objects.bulk_create(
        PolicyField(pillar=pillar, category=category, letter=f"X{offset + i}", order=offset + i,
                    title="政策分野", description="内容", source="市政概要 2(3)")
        for i, category in enumerate(categories)
    )


@pytest.mark.parametrize(
    ("url_name", "grow"),
    [("planning:plan", grow_plan), ("planning:area", grow_area), ("planning:member-list", grow_area)],
)
def test_query_count_is_constant(client, url_name, grow):
    url = reverse(url_name)
    grow(10, offset=100)
    small = count_queries(client, url)
    grow(1000, offset=1000)
    large = count_queries(client, url)
    assert small == large


def test_missing_plan_gives_404(client):
    ComprehensivePlan.objects.all().delete()
    assert client.get(reverse("planning:plan")).status_code == 404
