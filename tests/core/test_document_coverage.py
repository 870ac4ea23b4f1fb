"""Every fact of the document is visible on some public page.

The document is cut into phrases (at 。、・, brackets, spaces and list markers), and each
phrase of four characters or more must stand in the text of the public pages. Dates on the
pages carry the Gregorian year beside the era year (平成25年(2013年)8月), which is folded
away before comparing; and they name every year by the portal's one era rule, so the
document's 「平成35年度」 (written in 2016) stands on the pages as 令和5年度: the document is
read through the same rule (``wareki.restate_eras``) before it is cut into phrases. The
garbled lines of 6(2) are left out (they hold no legible fact); its legible headings and
basic policy are checked like the rest.
"""
import html
import re

import pytest
from django.urls import reverse

from exchange.models import PartnerCity
from core import wareki
from tests.sources import DOCUMENT_FILE, require_documents
from tests.core.test_fixtures_provenance import GARBLED_GLYPHS

# Wording of the extraction that the pages give in another form, each with the reason.
SHOWN_OTHERWISE = {
    # Editorial notes of the overview about its own excerpting, not facts of the city.
    "基本構想の原文を一部抜粋して掲載",
    "基本計画の原文を一部抜粋して掲載",
    # Sentence of 1 whose facts (three tiers, adoption 平成28年3月) are fields on /plan/.
    "の3つで構成しており",
    "平成28年3月に第7次総",
    "合計画を策定した",
    # Heading of the plan parts; the page has them as its own headings.
    "熊本市第7次総合計画基本構想",
    "熊本市第7次総合計画基本計画",
    # 1(2)エ repeats goal ①(イ) with 「支えあう」; the page shows the goal once, as in 1(1)ウ.
    "で支えあう地域コミュニティを形成します",
    # Headings of lists shown as the lists' captions.
    "<熊本連携中枢都市圏の構成市町村>",
    "※記者クラブ加入社",
}

@pytest.fixture(autouse=True)
def _source_document():
    """Every test here reads the document: skip (or fail in CI) before rendering pages."""
    require_documents(DOCUMENT_FILE)


def _legible_document():
    lines = DOCUMENT_FILE.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not GARBLED_GLYPHS & set(line))


def _phrases(text):
    text = _fold_gregorian(wareki.restate_eras(wareki.normalize_text(text))).replace("²", "2")
    for phrase in re.split(r"[。、\s・「」『』()（）:,]+|\d+\.|[①-⑩◆〇]", text):
        if len(phrase) >= 4 and phrase not in SHOWN_OTHERWISE:
            yield phrase


def _public_text(client):
    urls = [
        reverse(name)
        for name in (
            "home",
            "planning:plan",
            "planning:area",
            "exchange:city-list",
            "exchange:center",
            "public_relations:index",
            "recovery:index",
        )
    ]
    urls += [city.get_absolute_url() for city in PartnerCity.objects.all()]
    # Every activity: the full list on one page.
    urls.append(reverse("exchange:activity-list") + "?page=1")
    text = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text.append(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))
    page = re.sub(r"\s+", "", wareki.normalize_text(" ".join(text))).replace("²", "2")
    return _fold_gregorian(page)


def _fold_gregorian(text):
    """Leave out the 西暦 beside an era year: 平成25年(2013年)8月 → 平成25年8月."""
    return re.sub(r"\(\d{4}年度?\)", "", text)


@pytest.mark.django_db
def test_every_phrase_of_the_document_is_on_a_public_page(client, settings):
    settings.PORTAL_PAGE_SIZE = 1000
    page = _public_text(client)
    missing = [phrase for phrase in _phrases(_legible_document()) if phrase not in page]
    assert missing == []


@pytest.mark.django_db
def test_the_check_notices_a_missing_fact(client, settings):
    """The coverage check can fail: a phrase of the document deleted from the data is found missing."""
    from exchange.models import ExchangeActivity

    settings.PORTAL_PAGE_SIZE = 1000
    ExchangeActivity.objects.filter(description__contains="蘇州企業家ゴルフチーム").delete()
    page = _public_text(client)
    assert "蘇州企業家ゴルフチーム受入れ" in set(_phrases(_legible_document()))
    assert "蘇州企業家ゴルフチーム受入れ" not in page
