"""What a citizen reads instead of the portal's internal notes: sources in plain words.

A record's ``source`` is written for staff (``市政概要 3(1)``, ``補足資料: … (SUPPLEMENT.md)``):
it names the section of the document or the supplement of facts and the file that holds it.
Public pages show the same provenance as a citizen would cite it: the publication and its
section (``熊本市『市政概要』平成28年度版 3(1)``), never a file name. The stored value is not
changed: staff edit and import it as before.
"""
import re


from core.languages import english_item_letter, english_page
from core.wareki import english_eras

#: The document every record comes from, as a citizen would cite it.
DOCUMENT_CITATION = "熊本市『市政概要』平成28年度版"
#: The same on English pages (GLOSSARY.md, README of the documents).
ENGLISH_DOCUMENT_CITATION = "City of Kumamoto, City Administration Overview (FY2016 edition)"

# Applied in order to the text after 「補足資料: 」 and to the whole source.
_WORDING = (
    # A file name in brackets: (SUPPLEMENT.md), (000_1e19fc764633c0ce.txt)
    (re.compile(r"\s*\([\w.-]+\.(?:md|txt|pdf|csv|json|xlsx)\)"), ""),
    # The city's web page: City of Kumamoto, 「title」, www.city.kumamoto.jp (hpKiji id=…)
    (
        re.compile(r"City of Kumamoto, 「(?P<title>[^」]+)」, www\.city\.kumamoto\.jp(?: \([^)]*\))?"),
        r"熊本市ホームページ「\g<title>」",
    ),
    # A publication, its date and section: 熊本市震災復興計画概要(案), 平成28年7月, section 2
    (
        re.compile(r"^(?P<title>[^,]+), (?P<date>[^,]+), section (?P<number>\d+)"),
        r"『\g<title>』(熊本市、\g<date>) \g<number>",
    ),
    # The supplement's table of the partner cities' English names and coordinates.
    (
        re.compile(r"^Partner cities: names and positions$"),
        "各都市が用いる英語名と、市の中心のおよその緯度・経度(世界測地系)",
    ),
    # The document's sections: 市政概要 3(1), also inside a note (市政概要 1(2)キにも記載)
    (re.compile(r"市政概要 (?=\d)"), f"{DOCUMENT_CITATION} "),
)
_SUPPLEMENT_PREFIX = "補足資料: "

# The same wording for English pages. A Japanese title stays as it is (the page marks it
# lang="ja"); an item letter reads as on English pages (エ → d); era dates read
# ``July 2016 (Heisei 28)``.
_ENGLISH_WORDING = (
    _WORDING[0],
    (
        re.compile(r"City of Kumamoto, 「(?P<title>[^」]+)」, www\.city\.kumamoto\.jp(?: \([^)]*\))?"),
        r"City of Kumamoto website, 「\g<title>」",
    ),
    (
        re.compile(r"^(?P<title>[^,]+), (?P<date>[^,]+), section (?P<number>\d+)"),
        r"「\g<title>」 (City of Kumamoto, \g<date>) \g<number>",
    ),
    (
        re.compile(r"^Partner cities: names and positions$"),
        "The English name each city uses and the approximate latitude and longitude of its centre (WGS 84)",
    ),
    (re.compile(r"\((?P<section>市政概要 \d[\d()]*[ア-ン]?)にも記載\)"), r"(also in \g<section>)"),
    (
        re.compile(r"市政概要 (?P<section>\d[\d()]*)(?P<letter>[ア-ン]?)"),
        lambda match: f"{ENGLISH_DOCUMENT_CITATION} {match['section']}{english_item_letter(match['letter'])}",
    ),
)


def citizen_source(source: str, *, english: bool = False) -> str:
    """Return ``source`` as a citizen reads it: the publication and section, no file name.

    ``市政概要 3(1)`` → ``熊本市『市政概要』平成28年度版 3(1)``;
    ``補足資料: City of Kumamoto, 「熊本市震災復興計画について」, www.city.kumamoto.jp (hpKiji id=13968)``
    → ``熊本市ホームページ「熊本市震災復興計画について」``. A staff entry
    (``国際課による登録(令和8年12月2日)``) reads as written.

    ``english=True`` gives the English pages' wording: ``市政概要 3(1)`` →
    ``City of Kumamoto, City Administration Overview (FY2016 edition) 3(1)``; a
    Japanese title or staff entry in it stays in Japanese.
    """
    text = str(source or "")
    if text.startswith(_SUPPLEMENT_PREFIX):
        text = text[len(_SUPPLEMENT_PREFIX):]
    for pattern, replacement in _ENGLISH_WORDING if english else _WORDING:
        text = pattern.sub(replacement, text)
    return (english_eras(text) if english else text).strip()


def localized_citizen_source(source: str) -> str:
    """``citizen_source`` in the active language's wording (a download of an English page)."""
    return citizen_source(source, english=english_page())


def citizen_sources(sources, *, english: bool = False) -> str:
    """Several sources in citizens' words, each once, in their order, joined by 「、」 (「; 」 in English)."""
    seen = []
    for source in sources:
        text = citizen_source(source, english=english)
        if text and text not in seen:
            seen.append(text)
    return ("; " if english else "、").join(seen)
