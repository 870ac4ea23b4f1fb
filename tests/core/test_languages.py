"""Text of English pages that keeps Japanese (core.languages): each Japanese run is marked."""
import pytest
from django.utils import translation

from core.languages import mark_japanese_runs
from core.templatetags.languages import japanese_runs
from exchange.models import PartnerCity


@pytest.mark.parametrize("text,marked", [
    ("市議会議員3名・職員3名", '<span lang="ja">市議会議員3名・職員3名</span>'),
    ("City of Kumamoto website, 「熊本市震災復興計画について」",
     'City of Kumamoto website, <span lang="ja">「熊本市震災復興計画について」</span>'),
    # Brackets and digits inside a Japanese run stay in it; around it they stay English.
    ("国際課による登録(令和8年12月2日) (2026)", '<span lang="ja">国際課による登録(令和8年12月2日)</span> (2026)'),
    ("15 people", "15 people"),
    ("<b>東区</b>", '&lt;b&gt;<span lang="ja">東区</span>&lt;/b&gt;'),
])
def test_japanese_runs_are_marked_and_the_rest_escaped(text, marked):
    assert mark_japanese_runs(text) == marked


def test_japanese_pages_leave_the_text_as_it_is():
    with translation.override("ja"):
        assert japanese_runs("職員3名") == "職員3名"
    with translation.override("en"):
        assert japanese_runs("職員3名") == '<span lang="ja">職員3名</span>'


def test_an_english_version_has_no_default_of_its_own():
    """A default is Japanese text: a new record's English version starts empty (English
    pages fall back to the Japanese) instead of holding the Japanese as its English."""
    city = PartnerCity()
    assert city.activities_heading_ja == "最近の主な交流"
    assert city.activities_heading_en is None
    assert city.history_heading_en is None
