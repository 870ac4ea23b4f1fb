"""The International Center (3(9)) as loaded from fixtures/21_exchange_center.json.

Expected values are read off the document (shared/documents/000_1e19fc764633c0ce.txt,
section 3(9)), not from the code.
"""
import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest

from exchange.models import (
    Floor,
    InternationalCenter,
    Room,
    UsageCategory,
    UsageRecord,
    format_yen_oku_man,
)
from core.wareki import normalize_text, numbers_in_text
from tests.factories.exchange_center import UsageRecordFactory
from tests.sources import DOCUMENT_FILE, require_documents

pytestmark = pytest.mark.django_db

NAME = "熊本市国際交流会館"
FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "21_exchange_center.json"

# The floor guide (主要施設) as the document lists it, top floor first. Comma-separated
# items are rooms; 「大広間Ａ、Ｂ」, 「小会議室（洋）（和）」 and 「研修室 1～3」 each name
# several rooms, so they are split, which makes 29 rooms.
FLOOR_GUIDE = [
    ("6・7階", ["ロビー", "通訳ブース", "ホール"]),
    ("5階", ["大広間A", "大広間B", "談話室", "中会議室", "茶道室", "和室", "小会議室(洋)", "小会議室(和)"]),
    ("4階", ["第1会議室", "第2会議室", "第3会議室"]),
    ("3階", ["国際会議室", "研修室1", "研修室2", "研修室3"]),
    ("2階", ["国際交流サポートセンター", "ワールドスタディルーム", "NGO活動スペース", "多文化共生オフィス"]),
    ("1階", ["国際交流サポートセンター", "エントランスロビー", "会館事務室", "駐車場"]),
    ("地下1階", ["駐輪場", "防災センター"]),
    ("地下2階", ["多目的ルーム"]),
]


def test_counts_match_the_document():
    # The section is printed twice in the document; it is loaded once.
    assert InternationalCenter.objects.count() == 1
    assert Floor.objects.filter(center__name=NAME).count() == 8
    assert Room.objects.filter(floor__center__name=NAME).count() == 29
    assert UsageRecord.objects.filter(center__name=NAME, fiscal_year=2015).count() == 3


def test_key_facts_of_the_center():
    center = InternationalCenter.objects.get(name=NAME)
    assert center.founder == "熊本市"
    assert center.operator == "熊本市国際交流会館共同企業体"
    assert center.designated_manager == "一般財団法人熊本市国際交流振興事業団"
    assert (center.designated_manager_term_start, center.designated_manager_term_end) == (2014, 2018)
    assert center.designated_management_since == 2006  # 平成18年度
    assert center.address == "中央区花畑町4番18号"
    assert center.structure == "鉄筋鉄骨コンクリート地上7階、地下2階建"
    assert (center.floors_above_ground, center.floors_below_ground) == (7, 2)
    assert center.site_area_m2 == 1656
    assert center.total_floor_area_m2 == 8439
    assert center.opened_on == datetime.date(1994, 9, 1)
    assert center.opened_on_precision == "day"
    assert center.total_construction_cost_yen == 4_090_000_000
    assert center.total_construction_cost_display() == "40億9000万円"
    assert center.hall_capacity == 230
    assert center.responsible_division.name == "国際課"
    assert center.source == "市政概要 3(9)"
    assert center.purpose.startswith("本市は世界に開かれた国際都市“くまもと”の実現をめざし")
    assert center.services_description.startswith("同会館では、1・2階の国際交流サポートセンター")
    assert center.facilities_description.startswith("また、最大230名収容可能のホール")


def test_floor_guide_in_document_order():
    center = InternationalCenter.objects.for_page().get(name=NAME)
    guide = [(floor.label, [room.name for room in floor.rooms.all()]) for floor in center.floors.all()]
    assert guide == FLOOR_GUIDE
    hall = Room.objects.get_by_natural_key(NAME, "6・7階", "ホール")
    assert hall.capacity == 230
    assert Room.objects.exclude(pk=hall.pk).filter(capacity__isnull=False).count() == 0


def test_usage_fiscal_2015_and_computed_total():
    usage = UsageRecord.objects.filter(center__name=NAME, fiscal_year=2015)
    rows = {record.category: (record.number_of_users, record.room_count) for record in usage}
    assert rows == {
        UsageCategory.HALL: (67_887, None),
        UsageCategory.ROOMS: (134_755, 16),
        UsageCategory.SUPPORT_CENTER: (100_294, None),
    }
    # The document prints 合計 302,936; the portal computes it.
    assert usage.total_users() == 302_936
    assert UsageRecord.objects.filter(center__name=NAME).fiscal_year_totals() == {2015: 302_936}
    [table] = UsageRecord.objects.filter(center__name=NAME).tables()
    assert table.fiscal_year == 2015
    assert table.total == 302_936
    assert [record.category_label() for record in table.records] == ["ホール", "会議室等(16室)", "サポートセンター"]


def test_total_is_not_stored():
    field_names = {field.name for field in UsageRecord._meta.get_fields()}
    assert not any("total" in name for name in field_names)
    assert "total" not in {choice for choice, _ in UsageCategory.choices}


def test_natural_keys_round_trip():
    for model in (InternationalCenter, Floor, Room, UsageRecord):
        for obj in model.objects.all():
            assert model.objects.get_by_natural_key(*obj.natural_key()) == obj


@pytest.mark.parametrize(
    ("amount", "expected"),
    [(4_090_000_000, "40億9000万円"), (100_000_000, "1億円"), (230, "230円"), (0, "0円"), (None, "")],
)
def test_format_yen_oku_man(amount, expected):
    assert format_yen_oku_man(amount) == expected


@pytest.fixture
def document_text():
    require_documents(DOCUMENT_FILE)  # skip on a plain clone; fail in CI (see tests/sources.py)
    return DOCUMENT_FILE.read_text(encoding="utf-8")


def test_fixture_figures_stand_in_the_document(document_text):
    """Every number stored in the fixture occurs in the document (after NFKC)."""
    text = document_text
    document_numbers = numbers_in_text(text)
    flat = normalize_text(text).replace(" ", "")
    skip = {"order"}
    fiscal_years = {"designated_manager_term_start", "designated_manager_term_end",
                    "designated_management_since", "fiscal_year"}
    for obj in json.loads(FIXTURE.read_text(encoding="utf-8")):
        for name, value in obj["fields"].items():
            if name in skip or value is None or isinstance(value, list):
                continue
            if name in fiscal_years:
                assert f"平成{value - 1988}年度" in flat, (name, value)
            elif name == "opened_on":
                day = datetime.date.fromisoformat(value)
                assert f"平成{day.year - 1988}年{day.month}月{day.day}日" in flat
            elif isinstance(value, int):
                assert Decimal(value) in document_numbers, (name, value)
            else:
                assert numbers_in_text(value) <= document_numbers, (name, value)
                assert not set(value) & set("╩─⌐"), (name, value)


def test_totals_are_per_fiscal_year():
    center = InternationalCenter.objects.get(name=NAME)
    UsageRecordFactory(center=center, fiscal_year=2016, category=UsageCategory.HALL, number_of_users=5)
    UsageRecordFactory(center=center, fiscal_year=2016, category=UsageCategory.ROOMS, number_of_users=7)
    tables = UsageRecord.objects.filter(center=center).tables()
    assert [(table.fiscal_year, table.total) for table in tables] == [(2016, 12), (2015, 302_936)]
