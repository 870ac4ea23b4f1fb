"""Sources as citizens read them (core.citizen) and the navigation's current section."""
import pytest

from django.utils import translation

from core.citizen import citizen_source, citizen_sources
from core.templatetags import portal
from core.templatetags.portal import aria_current


@pytest.mark.parametrize("source,shown", [
    ("市政概要 3(1)", "熊本市『市政概要』平成28年度版 3(1)"),
    ("市政概要 1(2)エ", "熊本市『市政概要』平成28年度版 1(2)エ"),
    ("補足資料: Partner cities: names and positions (SUPPLEMENT.md)",
     "各都市が用いる英語名と、市の中心のおよその緯度・経度(世界測地系)"),
    ("補足資料: City of Kumamoto, 「熊本市震災復興計画について」, www.city.kumamoto.jp (hpKiji id=13968)",
     "熊本市ホームページ「熊本市震災復興計画について」"),
    ("補足資料: 熊本市震災復興計画概要(案), 平成28年7月, section 3 (市政概要 1(2)キにも記載)",
     "『熊本市震災復興計画概要(案)』(熊本市、平成28年7月) 3 (熊本市『市政概要』平成28年度版 1(2)キにも記載)"),
    # What staff type themselves reads as written, less the prefix and any file name.
    ("国際課による登録(令和8年12月2日)", "国際課による登録(令和8年12月2日)"),
    ("補足資料: 熊本市震災復興計画について", "熊本市震災復興計画について"),
    ("補足資料: 国際課の調べ (notes.txt)", "国際課の調べ"),
])
def test_sources_read_as_a_citizen_cites_them(source, shown):
    assert citizen_source(source) == shown


@pytest.mark.parametrize("source,shown", [
    ("市政概要 3(1)", "City of Kumamoto, City Administration Overview (FY2016 edition) 3(1)"),
    # The document's item letters read as on English pages: エ is the fourth, d.
    ("市政概要 1(2)エ", "City of Kumamoto, City Administration Overview (FY2016 edition) 1(2)d"),
    ("補足資料: Partner cities: names and positions (SUPPLEMENT.md)",
     "The English name each city uses and the approximate latitude and longitude of its centre (WGS 84)"),
    ("補足資料: City of Kumamoto, 「熊本市震災復興計画について」, www.city.kumamoto.jp (hpKiji id=13968)",
     "City of Kumamoto website, 「熊本市震災復興計画について」"),
    ("補足資料: 熊本市震災復興計画概要(案), 平成28年7月, section 3 (市政概要 1(2)キにも記載)",
     "「熊本市震災復興計画概要(案)」 (City of Kumamoto, July 2016 (Heisei 28)) 3"
     " (also in City of Kumamoto, City Administration Overview (FY2016 edition) 1(2)g)"),
    ("国際課による登録(令和8年12月2日)", "国際課による登録(2 December 2026 (Reiwa 8))"),
])
def test_english_pages_cite_sources_in_english(source, shown):
    assert citizen_source(source, english=True) == shown


def test_a_japanese_title_in_an_english_source_is_marked_japanese():
    with translation.override("en"):
        shown = portal.citizen_source("補足資料: City of Kumamoto, 「熊本市震災復興計画について」, www.city.kumamoto.jp")
    assert shown == 'City of Kumamoto website, <span lang="ja">「熊本市震災復興計画について」</span>'
    with translation.override("ja"):
        assert portal.citizen_source("市政概要 3(1)") == "熊本市『市政概要』平成28年度版 3(1)"


def test_several_english_sources_are_joined_by_semicolons():
    assert citizen_sources(["市政概要 3(9)", "市政概要 3(9)", "市政概要 3(8)"], english=True) == (
        "City of Kumamoto, City Administration Overview (FY2016 edition) 3(9); "
        "City of Kumamoto, City Administration Overview (FY2016 edition) 3(8)"
    )


def test_several_sources_are_named_once_each_in_their_order():
    assert citizen_sources(["市政概要 3(9)", "市政概要 3(9)", "市政概要 3(8)"]) == (
        "熊本市『市政概要』平成28年度版 3(9)、熊本市『市政概要』平成28年度版 3(8)"
    )


@pytest.mark.parametrize("path,url,attribute", [
    ("/partner-cities/", "/partner-cities/", ' aria-current="page"'),
    ("/partner-cities/heidelberg/", "/partner-cities/", ' aria-current="true"'),
    ("/exchange-activities/", "/partner-cities/", ""),
    ("/plan/", "/", ""),
    ("/", "/", ' aria-current="page"'),
])
def test_navigation_link_knows_the_current_section(path, url, attribute):
    assert aria_current(path, url) == attribute
