"""Section 5 (広報) records loaded from fixtures/30_public_relations.json match the document."""
import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from core.wareki import DatePrecision, numbers_in_text
from public_relations.models import (
    Broadcaster,
    BroadcastProgramme,
    CirculationUnit,
    PolicyPoint,
    PressActivity,
    PressClubMember,
    Publication,
    PublicRelationsPolicy,
    WebChannel,
)
from tests.sources import DOCUMENT_FILE, require_documents

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "30_public_relations.json"

pytestmark = pytest.mark.django_db

# Expected values below are read off section 5 of the document, not the code.
RADIO_TITLES = [
    "とんでるワイド・大田黒浩一の今日も元気!",
    "小学生の時間",
    "フレッシュ・フラッシュ・くまもと",
    "I LOVE WOMAN",
    "おはよう熊本市",
    "熊本市民あんぜんあんしん大作戦",
    "もっと知りたい熊本市",
    "子どもラジオ局",
    "声の市政だより",
]
PRESS_CLUB = [
    "熊日", "朝日", "毎日", "読売", "西日本", "日本経済", "NHK",
    "RKK", "TKU", "KKT", "KAB", "時事通信", "共同通信", "産経",
]


def test_counts_match_the_document():
    assert PublicRelationsPolicy.objects.count() == 6  # 5(1)…5(6)
    assert PolicyPoint.objects.count() == 3
    assert Publication.objects.count() == 3
    assert BroadcastProgramme.objects.tv().count() == 3
    assert BroadcastProgramme.objects.radio().count() == 9
    assert BroadcastProgramme.objects.count() == 12
    assert WebChannel.objects.count() == 3
    assert PressActivity.objects.count() == 3
    assert PressClubMember.objects.count() == 14


def test_every_top_level_record_belongs_to_the_pr_division():
    for model in (PublicRelationsPolicy, Publication, BroadcastProgramme, WebChannel, PressActivity):
        assert set(model.objects.values_list("responsible_division__name", flat=True)) == {"広報課"}


def test_policy_texts_and_points():
    policies = PublicRelationsPolicy.objects.by_number()
    assert policies["1"].heading == "広報組織"
    assert policies["1"].body.startswith("市民と行政の信頼関係を築くため")
    assert len(policies["1"].body.split("\n")) == 2
    assert [p.name for p in policies["1"].points.all()] == ["対象者の絞り込み", "媒体の選定", "時期の選定"]
    assert policies["4"].body == "市政について市民へ広く周知を図るため、紙面を利用して適時広報を行う。"
    assert policies["5"].body == "市政情報を広く国内外へ向けて発信する。"
    assert policies["6"].heading == "報道機関(市政記者クラブ)を通してのパブリシティ活動"


def test_publications():
    rows = list(Publication.objects.for_listing())
    assert [r.display_title for r in rows] == [
        "市政だより",
        "点字市政だより(視覚障がい者向け)",
        "声の市政だより(CD版、視覚障がい者向け)",
    ]
    # 〃 (ditto) in the document repeats the row above.
    assert {r.frequency for r in rows} == {"毎月1日発行"}
    assert [(r.circulation, r.circulation_unit) for r in rows] == [
        (324310, CirculationUnit.COPIES), (97, CirculationUnit.COPIES), (112, CirculationUnit.PIECES),
    ]
    assert rows[0].circulation_as_of == datetime.date(2016, 4, 1)
    assert rows[0].circulation_as_of_precision == DatePrecision.MONTH
    assert rows[1].circulation_as_of is None and rows[2].circulation_as_of is None
    assert [r.distribution for r in rows] == ["委託業者から各世帯に配布", "郵送", "郵送"]


def test_tv_programmes():
    rows = list(BroadcastProgramme.objects.for_listing().tv())
    assert [r.title for r in rows] == ["市っとるね!?マナブくん", "クローズアップくまもと", "テレビスポット"]
    manabu, closeup, spot = rows
    assert manabu.broadcaster.name == "TKU"
    assert (manabu.length, manabu.length_unit, manabu.length_is_approximate) == (5, "分", True)
    assert manabu.host_programme == "英太郎のかたらんね"
    assert closeup.broadcaster.name == "ケーブルテレビ(市民チャンネル)"
    assert closeup.length == 24 and closeup.rebroadcast_schedule == "毎日 午後6時15分から"
    assert spot.broadcaster.name == "民間放送局" and spot.length is None


def test_radio_programmes():
    rows = list(BroadcastProgramme.objects.for_listing().radio())
    assert [r.title for r in rows] == RADIO_TITLES
    by_title = {r.title: r for r in rows}
    shogakusei = by_title["小学生の時間"]
    assert (shogakusei.length, shogakusei.length_unit) == (20, "秒")
    assert shogakusei.within_title
    assert by_title["熊本市民あんぜんあんしん大作戦"].rebroadcast_schedule == "午後6時55分から"
    assert by_title["声の市政だより"].schedule == "毎月第1第3土曜日 午前10時から"
    assert by_title["声の市政だより"].length == 15
    assert [r.broadcaster.name for r in rows].count("熊本シティエフエム") == 5
    assert Broadcaster.objects.count() == 6


def test_web_channels_and_press():
    assert list(WebChannel.objects.values_list("url", flat=True)) == [
        "http://www.city.kumamoto.jp/",
        "http://www.city.kumamoto.jp/defaultM.aspx",
        "http://www.facebook.com/KumamotoCity",
    ]
    release = PressActivity.objects.get(name="資料提供")
    assert (release.count, release.count_unit, release.fiscal_year) == (1528, "件", 2015)
    conference = PressActivity.objects.get(name="市長記者会見")
    assert (conference.count, conference.count_is_approximate) == (2, True)
    assert list(PressClubMember.objects.values_list("name", flat=True)) == PRESS_CLUB


def test_fixture_loads_idempotently():
    before = BroadcastProgramme.objects.count(), PressClubMember.objects.count()
    call_command("loaddata", str(FIXTURE), verbosity=0)
    assert (BroadcastProgramme.objects.count(), PressClubMember.objects.count()) == before


@pytest.fixture
def document_text():
    require_documents(DOCUMENT_FILE)  # skip on a plain clone; fail in CI (see tests/sources.py)
    return DOCUMENT_FILE.read_text(encoding="utf-8")


def test_every_fixture_number_stands_in_the_document(document_text):
    document_numbers = numbers_in_text(document_text)
    skipped = {"order", "number", "circulation_as_of", "fiscal_year"}
    for obj in json.loads(FIXTURE.read_text(encoding="utf-8")):
        for name, value in obj["fields"].items():
            if name in skipped or isinstance(value, bool) or value is None:
                continue
            found = {Decimal(value)} if isinstance(value, int) else numbers_in_text(str(value))
            assert found <= document_numbers, (obj["model"], name, value)
