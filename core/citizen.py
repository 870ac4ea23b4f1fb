"""What a citizen reads instead of the portal's internal notes: sources in plain words.

A record's ``source`` is written for staff (``市政概要 3(1)``, ``補足資料: … (SUPPLEMENT.md)``):
it names the section of the document or the supplement of facts and the file that holds it.
Public pages show the same provenance as a citizen would cite it: the publication and its
section (``熊本市『市政概要』平成28年度版 3(1)``), never a file name. The stored value is not
changed: staff edit and import it as before.
"""
import re

#: The document every record comes from, as a citizen would cite it.
DOCUMENT_CITATION = "熊本市『市政概要』平成28年度版"

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


def citizen_source(source: str) -> str:
    """Return ``source`` as a citizen reads it: the publication and section, no file name.

    ``市政概要 3(1)`` → ``熊本市『市政概要』平成28年度版 3(1)``;
    ``補足資料: City of Kumamoto, 「熊本市震災復興計画について」, www.city.kumamoto.jp (hpKiji id=13968)``
    → ``熊本市ホームページ「熊本市震災復興計画について」``. A staff entry
    (``国際課による登録(令和8年12月2日)``) reads as written.
    """
    text = str(source or "")
    if text.startswith(_SUPPLEMENT_PREFIX):
        text = text[len(_SUPPLEMENT_PREFIX):]
    for pattern, replacement in _WORDING:
        text = pattern.sub(replacement, text)
    return text.strip()


def citizen_sources(sources) -> str:
    """Several sources in citizens' words, each once, in their order, joined by 「、」."""
    seen = []
    for source in sources:
        text = citizen_source(source)
        if text and text not in seen:
            seen.append(text)
    return "、".join(seen)
