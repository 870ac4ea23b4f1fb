"""The public page of section 5 (広報): facts, markup and a constant number of queries."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from public_relations.models import (
    BroadcastProgramme,
    Medium,
    PolicyPoint,
    PublicRelationsPolicy,
)
from tests.factories.core import DivisionFactory
from tests.factories.public_relations import (
    BroadcasterFactory,
    BroadcastProgrammeFactory,
    PolicyPointFactory,
    PressActivityFactory,
    PressClubMemberFactory,
    PublicationFactory,
    WebChannelFactory,
)

pytestmark = pytest.mark.django_db

URL = "/public-relations/"


@pytest.fixture
def page(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_url_name():
    assert reverse("public_relations:index") == URL


def test_markup(page):
    assert '<html lang="ja">' in page
    assert len(re.findall(r"<h1[\s>]", page)) == 1
    assert 'aria-current="page">広報</span>' in page
    assert "<caption>広報刊行物</caption>" in page
    assert "<caption>テレビ広報</caption>" in page
    assert "<caption>ラジオ広報</caption>" in page
    assert '<th scope="col">タイトル</th>' in page
    assert 'style="' not in page and "<script" not in page


def test_section_texts(page):
    assert "所管課: 広報課" in page
    assert "(1)広報組織" in page
    assert "市民と行政の信頼関係を築くため、行政情報を積極的に提供し、市民との情報の共有化を図っている。" in page
    for point in ("対象者の絞り込み", "媒体の選定", "時期の選定"):
        assert re.search(rf"<li[^>]*>{point}</li>", page), point
    assert "(4)新聞・生活情報誌などによる広報" in page
    assert "市政について市民へ広く周知を図るため、紙面を利用して適時広報を行う。" in page
    assert "市政情報を広く国内外へ向けて発信する。" in page
    assert "出典: 市政概要 5(2)" in page


def test_publications(page):
    assert '<th scope="row">声の市政だより(CD版、視覚障がい者向け)</th>' in page
    assert "点字市政だより(視覚障がい者向け)" in page
    assert "324,310部" in page
    assert "(平成28年(2016年)4月号実績)" in page
    assert "97部" in page and "112本" in page
    assert page.count("毎月1日発行") == 3
    assert "委託業者から各世帯に配布" in page


def test_programmes(page):
    for text in (
        "市っとるね!?マナブくん",
        "毎週水曜日 午前10時半頃から 5分程度(「英太郎のかたらんね」内の5分コーナー)",
        "ケーブルテレビ(市民チャンネル)",
        "毎日 午前8時から 24分間",
        "毎日 午後6時15分から",
        "市の施策や事業を適時放映",
        "とんでるワイド・大田黒浩一の今日も元気! 内",
        "毎週日曜日 午後6時40分から午後7時の間の20秒間",
        "毎週火曜から木曜日 午後0時10分ごろから 5分間",
        "午後6時55分から",
        "子どもラジオ局 内5分コーナー番組",
        "毎月最終日曜日 正午から午後1時の間の5分間",
        "毎月第1第3土曜日 午前10時から 15分間",
    ):
        assert text in page, text


def test_web_and_press(page):
    assert '<a href="http://www.city.kumamoto.jp/defaultM.aspx">' in page
    assert '<a href="http://www.facebook.com/KumamotoCity">' in page
    assert "市長記者会見(月に2回程度)" in page
    assert "記者レクチャー(関係課長などによる記者への説明)" in page
    assert "資料提供(報道資料配布: 年間1,528件 ※平成27年度(2015年度)実績)" in page
    assert "記者クラブ加入社(14社)" in page
    assert re.search(r"<li[^>]*>熊日</li>", page) and re.search(r"<li[^>]*>産経</li>", page)


@pytest.mark.parametrize("query", ["?page=abc", "?medium=xyz", "?page=999999999", "?x=%00"])
def test_junk_query_strings_are_ignored(client, query):
    assert client.get(URL + query).status_code == 200


def _count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_query_count_is_constant(client):
    few = _count_queries(client)
    division = DivisionFactory(name="広報課")
    broadcasters = BroadcasterFactory.create_batch(5)
    policy = PublicRelationsPolicy.objects.get(number=1)
    n = 1000
    BroadcastProgramme.objects.bulk_create(
        BroadcastProgrammeFactory.build(
            medium=Medium.TV if i % 2 else Medium.RADIO,
            broadcaster=broadcasters[i % 5],
            responsible_division=division,
        )
        for i in range(n)
    )
    for record_factory in (PublicationFactory, WebChannelFactory, PressActivityFactory, PressClubMemberFactory):
        records = record_factory.build_batch(n, responsible_division=division)
        record_factory._meta.model.objects.bulk_create(records)
    PolicyPoint.objects.bulk_create(PolicyPointFactory.build_batch(n, policy=policy))
    many = _count_queries(client)
    assert BroadcastProgramme.objects.count() > n
    assert many == few
