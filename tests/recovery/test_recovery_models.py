"""Section 6 (震災復興): the fixture holds the document's records, and the models check them.

Expected values are taken from the document (市政概要 6) and from SUPPLEMENT.md, not from
the code under test.
"""
import datetime
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from core.models import source_validator
from recovery.models import (
    BasicPolicy,
    DepartmentDivision,
    Duty,
    Earthquake,
    EarthquakeRecoveryPlan,
    PlanSection,
    RecoveryDepartment,
)
from tests.factories.recovery import EarthquakeRecoveryPlanFactory, RecoveryDepartmentFactory
from tests.sources import DOCUMENT_FILE, documents_present

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "40_recovery.json"
RECOVERY_MODELS = [
    Earthquake,
    RecoveryDepartment,
    DepartmentDivision,
    Duty,
    EarthquakeRecoveryPlan,
    PlanSection,
    BasicPolicy,
]

# The glyphs the symbol font left in 6(2) (listed by the lead from the document).
GARBLED_GLYPHS = set("╩─⌐⇔√₈₉≤™℮⁹│⁸ה⅜№→≡┘╠↑╖╘ↄⅎ∆╙╡╗═⅝⌂╛╕≢⅛∂╢⅔╦↓∟≠�")


def garbled_glyphs():
    """The listed glyphs plus every symbol of the garbled block 6(2) of the document."""
    glyphs = set(GARBLED_GLYPHS)
    if documents_present(DOCUMENT_FILE):  # without it, the listed glyphs (CI requires it)
        text = DOCUMENT_FILE.read_text(encoding="utf-8")
        block = text[text.index("（２）熊本市震災復興計画") :]
        glyphs |= {
            c
            for c in block
            if 0x2000 <= ord(c) <= 0x2BFF or 0x0590 <= ord(c) <= 0x05FF or c == "\ufffd"
        }
    return glyphs


def fixture_strings(value):
    """Yield every string inside a JSON value (keys and values, nested)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from fixture_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from fixture_strings(item)


# --- counts and key facts of the document --------------------------------------------


@pytest.mark.django_db
def test_counts_match_the_document():
    assert Earthquake.objects.count() == 1
    assert RecoveryDepartment.objects.count() == 1
    assert DepartmentDivision.objects.count() == 3
    assert Duty.objects.count() == 3 + 2 + 4
    assert EarthquakeRecoveryPlan.objects.count() == 1
    assert PlanSection.objects.count() == 5
    assert BasicPolicy.objects.count() == 3


@pytest.mark.django_db
def test_earthquake_first_shock_day():
    quake = Earthquake.objects.get(name="平成28年熊本地震")
    assert quake.occurred_on == datetime.date(2016, 4, 14)
    assert quake.occurred_on_precision == "day"
    assert quake.responsible_division.name == "復興総務課"


@pytest.mark.django_db
def test_department_established_with_purpose_of_three_paragraphs():
    department = RecoveryDepartment.objects.get(name="復興部")
    assert department.earthquake.name == "平成28年熊本地震"
    assert department.established_on == datetime.date(2016, 5, 6)
    assert department.established_on_precision == "day"
    paragraphs = department.purpose_paragraphs
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("平成28年4月14日に発生した平成28年熊本地震")
    assert paragraphs[0].endswith("平成28年5月6日に「復興部」を設置した。")
    assert paragraphs[1].startswith("復興部は、既存組織と連携して")
    assert paragraphs[2].startswith("「熊本市震災復興計画」の策定、")
    assert paragraphs[2].endswith("新たな業務や事業の企画・実施を行う。")


@pytest.mark.django_db
def test_department_staff_total_is_the_documents_40_and_its_parts():
    department = RecoveryDepartment.objects.get(name="復興部")
    # 人員40名(部長1名、課長3名、課員36名)
    assert department.total_staff_count == 40
    assert (department.director_count, department.division_head_count,
            department.staff_member_count) == (1, 3, 36)
    assert department.total_staff_count == 1 + 3 + 36
    department.full_clean()


@pytest.mark.django_db
def test_divisions_staff_and_duties_in_document_order():
    department = RecoveryDepartment.objects.get(name="復興部")
    divisions = list(department.divisions.order_by("order"))
    assert [(d.name, d.staff_count) for d in divisions] == [
        ("復興総務課", 15),
        ("生活再建支援課", 15),
        ("住宅再建支援課", 9),
    ]
    assert [list(d.duties.values_list("number", flat=True)) for d in divisions] == [
        [1, 2, 3],
        [1, 2],
        [1, 2, 3, 4],
    ]
    # 課長以下 15 + 15 + 9 名 = 課長3名 + 課員36名
    assert sum(d.staff_count for d in divisions) == 39
    assert sum(d.staff_count for d in divisions) == (
        department.division_head_count + department.staff_member_count
    )
    assert len(divisions) == department.division_head_count


@pytest.mark.django_db
def test_duty_texts_are_the_documents_without_extraction_spaces():
    assert Duty.objects.get(division__name="復興総務課", number=1).text == (
        "部内事務の連絡調整に関すること。"
    )
    assert Duty.objects.get(division__name="復興総務課", number=2).text == (
        "平成28年熊本地震に関する災害復興事業に係る企画及び総合調整に関すること。"
    )
    assert Duty.objects.get(division__name="生活再建支援課", number=2).text == (
        "被災者の生活再建に係る総合的相談に関すること。"
    )
    assert Duty.objects.get(division__name="住宅再建支援課", number=4).text == (
        "被災住宅の相談等に関すること。"
    )
    assert not Duty.objects.filter(text__contains="平成 ").exists()


@pytest.mark.django_db
def test_plan_facts_from_the_supplement_cite_it():
    plan = EarthquakeRecoveryPlan.objects.get(name="熊本市震災復興計画")
    assert plan.adopted_on == datetime.date(2016, 10, 14)
    assert plan.adopted_on_precision == "day"
    assert (plan.period_start, plan.period_end) == (2016, 2019)
    assert plan.period_years == 4  # 「4年間」
    assert "平成31年度(2019年度)" in plan.period_text
    assert plan.target_area == (
        "現行(平成28年4月1日現在)の市域を基本とし、必要に応じて広域的な対応を図る"
    )
    assert plan.position.startswith("熊本市第7次総合計画(平成28年度")
    assert plan.position.endswith("平成35年度)の前期基本計画の一部")
    assert "熊本市震災復興計画について" in plan.adopted_on_source
    assert "hpKiji id=13968" in plan.period_source
    assert "熊本市震災復興計画概要(案)" in plan.target_area_source
    assert "熊本市震災復興計画概要(案)" in plan.position_source
    for source in (plan.adopted_on_source, plan.period_source, plan.target_area_source,
                   plan.position_source):
        assert source.startswith("補足資料: ")
    # What the document shows legibly is cited from the document.
    assert plan.source == "市政概要 6(2)"
    assert plan.introduction_legibility == "illegible"
    assert plan.basic_policy_slogan == "市民力・地域力・行政力を結集し、安全・安心な熊本の再生と創造"


@pytest.mark.django_db
def test_plan_sections_are_the_legible_headings_in_order():
    plan = EarthquakeRecoveryPlan.objects.get(name="熊本市震災復興計画")
    sections = list(plan.sections.order_by("order"))
    assert [(s.letter, s.heading) for s in sections] == [
        ("ア", "計画の対象地域"),
        ("イ", "計画の位置付け"),
        ("ウ", "計画期間"),
        ("エ", "計画の構成"),
        ("オ", "基本方針"),
    ]
    assert [s.source for s in sections] == [f"市政概要 6(2){s.letter}" for s in sections]
    structure = plan.sections.get(topic=PlanSection.Topic.STRUCTURE)
    assert structure.body_legibility == "illegible"


@pytest.mark.django_db
def test_basic_policies():
    policies = list(BasicPolicy.objects.filter(plan__name="熊本市震災復興計画").order_by("number"))
    assert [p.number for p in policies] == [1, 2, 3]
    assert policies[0].text == "避難から復旧、そして、74万市民が総力をあげ明日を見据えた復興へ"
    assert policies[1].text == (
        "「安全・安心」と「元気・活力」、そして「地域経済」の回復に向けた効果的かつ迅速な市政展開"
    )
    assert policies[2].text == "市民・地域と行政が協働で支える安全・安心で「上質な生活都市」の創造"
    assert {p.source for p in policies} == {"市政概要 6(2)オ"}


# --- no garbled glyphs, valid sources, natural keys, idempotent fixture ----------------


def test_fixture_has_no_garbled_glyph():
    glyphs = garbled_glyphs()
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    found = {
        (value, c) for value in fixture_strings(data) for c in value if c in glyphs
    }
    assert found == set()


def test_garbled_glyph_set_is_not_empty():
    # Guards the test above: the glyphs of the document are known to it.
    assert {"╩", "─", "⌐", "\ufffd"} <= garbled_glyphs()


@pytest.mark.django_db
@pytest.mark.parametrize("model", RECOVERY_MODELS, ids=lambda m: m.__name__)
def test_every_record_is_valid_and_names_its_source(model):
    assert model.objects.exists()
    for obj in model.objects.all():
        obj.full_clean()
        source_validator(obj.source)


@pytest.mark.django_db
@pytest.mark.parametrize("model", RECOVERY_MODELS, ids=lambda m: m.__name__)
def test_natural_keys_find_the_record(model):
    for obj in model.objects.all():
        assert model.objects.get_by_natural_key(*obj.natural_key()) == obj


@pytest.mark.django_db
def test_loading_the_fixture_again_changes_nothing():
    before = {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in RECOVERY_MODELS}
    call_command("loaddata", str(ROOT / "fixtures" / "00_divisions.json"), str(FIXTURE),
                 verbosity=0)
    after = {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in RECOVERY_MODELS}
    assert after == before


# --- checks of the models --------------------------------------------------------------


@pytest.mark.django_db
def test_stated_total_must_equal_its_parts_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        RecoveryDepartmentFactory(
            director_count=1, division_head_count=3, staff_member_count=36, total_staff_count=41
        )


@pytest.mark.django_db
def test_stated_total_must_equal_its_parts_in_clean():
    department = RecoveryDepartmentFactory.build(
        director_count=1, division_head_count=3, staff_member_count=36, total_staff_count=39
    )
    with pytest.raises(ValidationError) as excinfo:
        department.clean()
    assert "total_staff_count" in excinfo.value.message_dict


@pytest.mark.django_db
def test_plan_period_must_not_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        EarthquakeRecoveryPlanFactory(period_start=2019, period_end=2016)


@pytest.mark.django_db
def test_plan_period_text_must_name_both_years():
    plan = EarthquakeRecoveryPlanFactory.build(
        period_start=2016, period_end=2020, period_text="平成28年度(2016年度)～平成31年度(2019年度)の4年間"
    )
    with pytest.raises(ValidationError) as excinfo:
        plan.clean()
    assert "period_text" in excinfo.value.message_dict
