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


def nearest_spellings(query: SearchQuery, candidates, limit=5) -> list[str]:
    """The shown titles whose folded form is nearest to the query (difflib), best first.

    ``candidates`` are ``(folded title, shown title)`` pairs (``SearchEntry.titles_near``).
    A title holding a near spelling of the query counts by its closest stretch.
    """
    shown = {}
    scores = {}
    for folded, title in candidates:
        shown.setdefault(folded, title)
        matcher = difflib.SequenceMatcher(None, query.phrase, folded)
        best = matcher.ratio()
        width = len(query.phrase)
        if len(folded) > width:
            best = max(
                best,
                *(
                    difflib.SequenceMatcher(None, query.phrase, folded[start : start + width + 1]).ratio()
                    for start in range(len(folded) - width + 1)
                ),
            )
        scores[folded] = best
    near = sorted((folded for folded, score in scores.items() if score >= 0.6), key=lambda f: (-scores[f], len(f)))
    titles = []
    for folded in near:
        if shown[folded] not in titles:
            titles.append(shown[folded])
    return titles[:limit]
