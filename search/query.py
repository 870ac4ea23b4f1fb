"""A citizen's query as the search page reads it: its words, or why it cannot be searched."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _, ngettext

from core.wareki import normalize_text

from .text import fold, query_terms

#: The longest query, in characters (after normalisation).
MAX_LENGTH = 100
#: The most words a query may have.
MAX_TERMS = 10


@dataclass
class SearchQuery:
    """The query ``text`` as typed, its folded ``terms`` and ``phrase``, and an ``error``.

    An empty query has no terms and no error; a query that cannot be searched (too
    long, too many words) has an error message for the citizen and no terms.
    """

    text: str = ""
    terms: list[str] = field(default_factory=list)
    phrase: str = ""
    error: str = ""

    @classmethod
    def parse(cls, value) -> SearchQuery:
        text = normalize_text(value or "")
        if len(text) > MAX_LENGTH:
            return cls(
                text=text[:MAX_LENGTH],
                error=_("検索する言葉が長すぎます。%(limit)d文字以内で入力してください(%(length)d文字ありました)。")
                % {"limit": MAX_LENGTH, "length": len(text)},
            )
        terms = query_terms(text)
        if len(terms) > MAX_TERMS:
            return cls(
                text=text,
                error=ngettext(
                    "言葉が多すぎます。%(limit)d語までにしてください。",
                    "言葉が多すぎます。%(limit)d語までにしてください。",
                    MAX_TERMS,
                )
                % {"limit": MAX_TERMS},
            )
        return cls(text=text, terms=terms, phrase=fold(text))

    @property
    def searchable(self) -> bool:
        return bool(self.terms) and not self.error


def _closeness(phrase: str, folded: str) -> float:
    """How near ``folded`` (or its stretch that lines up best with it) is to ``phrase``, 0–1."""
    matcher = difflib.SequenceMatcher(None, phrase, folded, autojunk=False)
    best = matcher.ratio()
    if len(folded) > len(phrase):
        # Align the phrase on the longest block both share, and compare that stretch.
        block = matcher.find_longest_match(0, len(phrase), 0, len(folded))
        start = max(0, block.b - block.a)
        stretch = folded[start : start + len(phrase) + 1]
        best = max(best, difflib.SequenceMatcher(None, phrase, stretch, autojunk=False).ratio())
    return best


def nearest_spellings(query: SearchQuery, candidates, limit=5) -> list[str]:
    """The shown titles whose folded form is nearest to the query (difflib), best first.

    ``candidates`` are ``(folded title, shown title)`` pairs (``SearchEntry.titles_near``).
    A title holding a near spelling of the query counts by its closest stretch; below
    0.6 a title is not near.
    """
    scored = {}
    for folded, title in candidates:
        score = _closeness(query.phrase, folded)
        if score >= 0.6 and title not in scored:
            scored[title] = (-score, len(title))
    return sorted(scored, key=scored.get)[:limit]
