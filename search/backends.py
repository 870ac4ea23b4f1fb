"""The database's own index behind ``SearchEntry.search_text``: matching inside words.

- SQLite: an FTS5 table with the trigram tokenizer (``search_searchentry_fts``, kept in
  step with the index table by triggers; migration 0001). A word of 3 characters or more
  is a phrase query on it. A trigram index cannot look up a shorter word: for those, a
  second one (``search_searchentry_short_fts``) indexes ``short_text``, the folded text
  with each character written three times, where 「姉妹」 is looked up as 「姉姉姉妹妹妹」
  (it occurs there exactly where 姉妹 occurs in the text).
- PostgreSQL: a GIN index with ``gin_trgm_ops`` (pg_trgm) on ``search_text``, which
  serves ``LIKE '%word%'`` directly.

Both find the same rows: a row matches when its folded text holds every word.
"""
from django.db import connections
from django.db.models import Q
from django.db.models.expressions import RawSQL

#: The FTS5 table of the index on SQLite.
FTS_TABLE = "search_searchentry_fts"
#: The shortest word a trigram index looks up.
TRIGRAM = 3


#: The FTS5 table of ``short_text`` on SQLite.
SHORT_FTS_TABLE = "search_searchentry_short_fts"


def uses_fts(queryset) -> bool:
    return connections[queryset.db].vendor == "sqlite"


def indexes_short_text(using) -> bool:
    """Whether rows written to database ``using`` carry ``short_text`` (SQLite only)."""
    return connections[using or "default"].vendor == "sqlite"


def tripled(text: str) -> str:
    """``text`` with each character written three times: 「姉妹」 → 「姉姉姉妹妹妹」."""
    return "".join(character * 3 for character in text)


def _phrase(term: str) -> str:
    # A quoted FTS5 string: any character but a double quote, which is doubled.
    return '"' + term.replace('"', '""') + '"'


def _fts_ids(terms, operator, table=FTS_TABLE):
    expression = f" {operator} ".join(_phrase(term) for term in terms)
    return RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [expression])


def matching(queryset, terms):
    """``queryset`` narrowed to the rows whose ``search_text`` contains every term."""
    if not terms:
        return queryset.none()
    if uses_fts(queryset):
        long_terms = [term for term in terms if len(term) >= TRIGRAM]
        short_terms = [tripled(term) for term in terms if len(term) < TRIGRAM]
        if long_terms:
            queryset = queryset.filter(pk__in=_fts_ids(long_terms, "AND"))
        if short_terms:
            queryset = queryset.filter(pk__in=_fts_ids(short_terms, "AND", SHORT_FTS_TABLE))
        return queryset
    for term in terms:
        queryset = queryset.filter(search_text__contains=term)
    return queryset


def pieces(term: str) -> list[str]:
    """The trigrams of a word (the word itself when shorter): what a near spelling shares."""
    if len(term) < TRIGRAM:
        return [term]
    return list(dict.fromkeys(term[i : i + TRIGRAM] for i in range(len(term) - TRIGRAM + 1)))


def titles_near(queryset, terms, limit):
    """Up to ``limit`` distinct titles (folded, with the shown one) sharing a piece of a term."""
    found = [piece for term in terms for piece in pieces(term)]
    if not found:
        return []
    if uses_fts(queryset) and all(len(piece) >= TRIGRAM for piece in found):
        queryset = queryset.filter(pk__in=_fts_ids(found, "OR"))
    else:
        condition = Q()
        for piece in found:
            condition |= Q(search_text__contains=piece)
        queryset = queryset.filter(condition)
    rows = queryset.order_by().values_list("title_text", "title").distinct()[:limit]
    return [(folded.split("\n")[0], title) for folded, title in rows]
