"""The one form in which search compares text: indexed text and queries alike.

``fold`` puts text in that form: the portal's stored form (NFKC and folded white space,
``core.wareki.normalize_text``: ｶﾀｶﾅ → カタカナ, ２０１５ → 2015), then lower case and
katakana as hiragana (カタカナ and かたかな match each other). ``date_terms`` and
``fiscal_year_terms`` write a date or a fiscal year in every form a citizen may type
(和暦 and 西暦), so that 「平成27年」 and 「2015」 find the same records.
``highlight`` marks the matched words in a text as shown (escaped, ``<mark>``).
"""
from __future__ import annotations

import datetime
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.wareki import (
    CONTROL_CHARACTERS,
    DatePrecision,
    ERAS,
    era_of,
    era_to_gregorian,
    era_year,
    fiscal_year_of,
    format_fiscal_year,
    format_wareki,
    normalize_text,
)

# Katakana ァ (U+30A1) … ヶ (U+30F6) sit 0x60 above their hiragana; ヷ–ヺ have none.
_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def fold_character(character: str) -> str:
    """One character of stored text in the compared form (may give 0–3 characters)."""
    return normalize_text(character).lower().translate(_KATAKANA_TO_HIRAGANA) if not character.isspace() else " "


def fold(text: str | None) -> str:
    """Return ``text`` in the compared form: NFKC, one space for white space, lower case,
    katakana as hiragana, control characters dropped.

    ``fold("ﾊｲﾃﾞﾙ ＨＥＩＤＥＬ")`` → ``"はいでる heidel"``.
    """
    text = CONTROL_CHARACTERS.sub("", normalize_text(text))
    return text.lower().translate(_KATAKANA_TO_HIRAGANA)


# 「平成1年」 is written 「平成元年」 everywhere the portal writes dates.
_FIRST_ERA_YEAR = re.compile(rf"({'|'.join(era.name for era in ERAS)})0*1(?=年)")


def query_terms(query: str) -> list[str]:
    """The folded words of a query, in order, each once: 「姉妹　都市」 → ["姉妹", "都市"].

    「平成1年」 is read as 「平成元年」.
    """
    terms = []
    for word in fold(_FIRST_ERA_YEAR.sub(r"\1元", normalize_text(query))).split(" "):
        if word and word not in terms:
            terms.append(word)
    return terms


def date_terms(day: datetime.date | None, precision: str = DatePrecision.DAY) -> list[str]:
    """Every way the portal and citizens write ``day`` to its precision, and its 年度.

    ``date_terms(date(2015, 7, 1), "month")`` →
    ``["平成27年(2015年)7月", "平成27年7月", "2015年7月", "平成27年度(2015年度)", …]``.
    """
    if day is None:
        return []
    terms = [format_wareki(day, precision)]
    western = f"{day.year}年"
    try:
        era = era_of(datetime.date(day.year, 12, 31) if precision == DatePrecision.YEAR else day)
        eastern = f"{era.name}{era_year(day.year, era)}年"
    except ValueError:
        eastern = ""
    suffix = ""
    if precision in (DatePrecision.MONTH, DatePrecision.DAY):
        suffix += f"{day.month}月"
    if precision == DatePrecision.DAY:
        suffix += f"{day.day}日"
    terms += [eastern + suffix if eastern else "", western + suffix]
    if precision != DatePrecision.YEAR:
        terms += fiscal_year_terms(fiscal_year_of(day))
    return [term for term in terms if term]


_ERA_DATE_IN_TEXT = re.compile(
    rf"({'|'.join(era.name for era in ERAS)})(元|\d{{1,2}})年(度|(?:\d{{1,2}}月(?:\d{{1,2}}日)?)?)"
)


def western_dates_in(text: str) -> list[str]:
    """The 西暦 forms of the 和暦 dates written in a text, so that 西暦 finds them too.

    「昭和54年7月に…」 → ``["1979年7月"]``; 「平成27年度」 → ``["2015年度"]``. The era
    years are read as the document writes them (平成35年度 is 2023年度).
    """
    found = []
    for era_name, year, rest in _ERA_DATE_IN_TEXT.findall(text or ""):
        western = f"{era_to_gregorian(era_name, year)}年{rest}"
        if western not in found:
            found.append(western)
    return found


def fiscal_year_terms(year: int | None) -> list[str]:
    """A fiscal year as shown (``平成27年度(2015年度)``), in 和暦 alone and in 西暦 alone."""
    if year is None:
        return []
    shown = format_fiscal_year(year)
    return [shown, *shown.replace(")", "").split("(")] if "(" in shown else [shown]


def _folded_with_origins(text: str) -> tuple[str, list[int]]:
    """``text`` folded character by character, with the index in ``text`` of each character."""
    folded, origins = [], []
    for index, character in enumerate(text):
        for piece in fold_character(character):
            folded.append(piece)
            origins.append(index)
    return "".join(folded), origins


def match_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """The (start, end) spans of ``text`` where any folded term occurs, merged, in order."""
    folded, origins = _folded_with_origins(text)
    spans = []
    for term in terms:
        start = folded.find(term)
        while term and start != -1:
            end = start + len(term)
            spans.append((origins[start], origins[end - 1] + 1))
            start = folded.find(term, end)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, terms: list[str]) -> str:
    """``text`` escaped, with every occurrence of the folded ``terms`` in ``<mark>``."""
    text = str(text or "")
    pieces, position = [], 0
    for start, end in match_spans(text, terms):
        pieces += [escape(text[position:start]), "<mark>", escape(text[start:end]), "</mark>"]
        position = end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))


def excerpt(text: str, terms: list[str], width: int = 60) -> str:
    """Part of a long ``text`` around its first match (or its beginning), highlighted.

    About ``width`` characters either side of the match; ``…`` marks what is left out.
    """
    text = " ".join(str(text or "").split())
    spans = match_spans(text, terms)
    first = spans[0][0] if spans else 0
    start = max(0, first - width)
    end = min(len(text), (spans[0][1] if spans else 0) + width * 2)
    shown = highlight(text[start:end], terms)
    return mark_safe(("…" if start else "") + shown + ("…" if end < len(text) else ""))
