"""Every public page has an English twin under /en/: same query string, lang="en",
hreflang alternates both ways, a language switcher, and no Japanese text outside the
elements marked lang="ja" (text with no English version, shown in Japanese on purpose)."""
import functools
import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils.encoding import iri_to_uri

from exchange.models import PartnerCity
from feeds.pages import PUBLIC_PAGES

#: Kana, CJK ideographs (with extension A and compatibility forms), CJK punctuation, and
#: full-width forms: what Japanese text is written in.
JAPANESE = re.compile("[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uffef]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
#: Attributes a reader hears or sees (an option's value is neither: it is sent, not shown).
READ_ATTRIBUTES = ("aria-label", "alt", "title", "placeholder")
BUTTON_TYPES = {"submit", "button", "reset"}
TRANSLATION_NOTICE = "This page is a translation; the Japanese original prevails."
JAPANESE_ONLY_NOTICE = "The following text is available in Japanese only."

#: Every public page without an argument (the sitemap's list) and the search page.
LIST_URL_NAMES = [*PUBLIC_PAGES, "search:results"]
FILTERED = [
    ("exchange:city-list", "scope=overseas"),
    ("exchange:city-list", "country_or_region=usa&relationship_type=sister_city"),
    ("exchange:activity-list", "city=guilin&fiscal_year=2015"),
    ("exchange:activity-list", "direction=dispatch"),
    ("exchange:activity-list", "page=2"),
    ("exchange:activity-list", "fiscal_year=abc"),
    ("planning:member-list", "kind=town"),
    ("planning:member-list", "is_core_city=true"),
    ("public_relations:programme-list", "medium=radio"),
    ("exchange:city-list", "scope=nowhere"),
    ("search:results", "q=桂林"),
    ("search:results", "q=Heidelberg"),
]


class PageText(HTMLParser):
    """The html lang, the alternates, the switcher and the text outside lang="ja" subtrees."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.alternates = {}
        self.switcher = []
        self.stack = []  # one bool per open element: is it (or an ancestor) lang="ja"?
        self.visible = []

    @property
    def in_japanese(self):
        return bool(self.stack) and self.stack[-1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.alternates[attrs["hreflang"]] = attrs["href"]
        if tag == "a" and attrs.get("hreflang"):
            self.switcher.append(attrs)
        japanese = self.in_japanese or (attrs.get("lang") or "").startswith("ja")
        if not japanese:
            self.visible += [attrs[name] for name in READ_ATTRIBUTES if attrs.get(name)]
            if tag == "input" and attrs.get("type") in BUTTON_TYPES and attrs.get("value"):
                self.visible.append(attrs["value"])
        if tag not in VOID:
            self.stack.append(japanese)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self.in_japanese and data.strip():
            self.visible.append(data.strip())


def read(response):
    parser = PageText()
    parser.feed(response.content.decode())
    return parser


def japanese_public_urls():
    urls = [reverse(name) for name in LIST_URL_NAMES]
    urls += [city.get_absolute_url() for city in PartnerCity.objects.all()]
    urls += [f"{reverse(name)}?{query}" for name, query in FILTERED]
    return urls


def test_japanese_text_is_found_by_the_check():
    """The check itself: Japanese outside lang="ja" is caught, inside it is not."""
    page = PageText()
    page.feed('<html lang="en"><p>City <span lang="ja">熊本市</span></p><p aria-label="メニュー">x<br>漢字</p></html>')
    found = [text for text in page.visible if JAPANESE.search(text)]
    assert found == ["メニュー", "漢字"]


@pytest.mark.django_db
def test_every_public_page_has_an_english_twin_in_english(client):
    urls = japanese_public_urls()
    assert len(urls) >= len(LIST_URL_NAMES) + 9 + len(FILTERED)
    problems = []
    for url in urls:
        english_url = "/en" + url
        japanese = client.get(url)
        english = client.get(english_url)
        assert japanese.status_code == 200, url
        assert english.status_code == 200, english_url
        ja_page, en_page = read(japanese), read(english)
        assert ja_page.lang == "ja", url
        assert en_page.lang == "en", english_url
        # hreflang both ways, the Japanese page as the default (addresses percent-encoded,
        # with scheme and host, as search engines require of alternates)
        ja_href, en_href = iri_to_uri(url), iri_to_uri(english_url)
        ja_full, en_full = f"http://testserver{ja_href}", f"http://testserver{en_href}"
        for page in (ja_page, en_page):
            assert page.alternates == {"ja": ja_full, "en": en_full, "x-default": ja_full}, url
        # the switcher: a link to the same page (same query) in the other language
        assert [(a["href"], a["hreflang"], a["lang"]) for a in ja_page.switcher] == [(en_href, "en", "en")]
        assert [(a["href"], a["hreflang"], a["lang"]) for a in en_page.switcher] == [(ja_href, "ja", "ja")]
        # Every English page says it is a translation; prose left in Japanese (a block
        # marked lang="ja") comes after the one-line notice saying so.
        html = english.content.decode()
        assert TRANSLATION_NOTICE in html, english_url
        if re.search(r'<(?:p|div|td|ol|ul)\b[^>]*\blang="ja"', html):
            assert JAPANESE_ONLY_NOTICE in html, english_url
        assert TRANSLATION_NOTICE not in japanese.content.decode(), url
        # What the reader typed (a search) is shown back as typed, in whatever language.
        typed = parse_qs(urlsplit(url).query).get("q", [])
        japanese_text = [
            text for text in en_page.visible
            if JAPANESE.search(functools.reduce(lambda rest, word: rest.replace(word, ""), typed, text))
        ]
        if japanese_text:
            problems.append((english_url, japanese_text[:8]))
    assert not problems, "\n".join(f"{url}: {texts}" for url, texts in problems)


@pytest.mark.django_db
def test_english_pages_show_english_dates_and_fiscal_years(client):
    city_url = reverse("exchange:city-detail", kwargs={"slug": "guilin"})
    activities_url = reverse("exchange:activity-list")
    city = client.get("/en" + city_url).content.decode()
    # 桂林市: affiliated 昭和54年10月1日 (the document, 3(1))
    assert "1 October 1979 (Showa 54)" in city
    activities = client.get("/en" + activities_url + "?city=guilin").content.decode()
    assert re.search(r"[A-Z][a-z]+ 20\d\d \((Heisei|Reiwa) \d+\)", activities)
    assert ">FY2015</option>" in activities
    japanese = client.get(activities_url + "?city=guilin").content.decode()
    assert ">平成27年度(2015年度)</option>" in japanese


@pytest.mark.django_db
def test_translated_pages_say_the_japanese_original_prevails(client):
    notice = "This page is a translation; the Japanese original prevails."
    assert notice in client.get("/en/partner-cities/").content.decode()
    assert notice not in client.get("/partner-cities/").content.decode()


@pytest.mark.django_db
def test_a_filter_keeps_its_value_across_languages(client):
    """Filter values do not depend on the language: the switcher's link keeps the list filtered."""
    english = client.get("/en/public-relations/programmes/?broadcaster=FM熊本").content.decode()
    japanese = client.get("/public-relations/programmes/?broadcaster=FM熊本").content.decode()
    assert "FM Kumamoto" in english and "No programme matches" not in english
    assert "FM熊本" in japanese and "該当する番組はありません" not in japanese


@pytest.mark.django_db
def test_the_admin_stays_japanese_and_outside_the_english_tree(client):
    assert client.get("/en/admin/").status_code == 404
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="ja"' in response.content.decode()


def test_the_english_catalogue_is_complete_and_compiled():
    from pathlib import Path

    import polib

    po = Path(__file__).resolve().parents[2] / "locale/en/LC_MESSAGES/django.po"
    catalogue = polib.pofile(str(po))
    assert po.with_suffix(".mo").read_bytes() == catalogue.to_binary(), "run `make messages`"
    assert catalogue.percent_translated() == 100
    assert not [entry.msgstr for entry in catalogue if JAPANESE.search(entry.msgstr)]
