"""Sources as citizens read them (core.citizen) and the navigation's current section."""
import pytest

from core.citizen import citizen_source, citizen_sources
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
