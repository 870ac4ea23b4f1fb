"""The search index: one row per public record and language, kept up to date by ``indexing``."""
from django.db import models
from django.db.models import Case, IntegerField, Value, When

from . import backends

#: Ends the folded title in ``title_text``, before the folded line under it.
TITLE_END = "\n"


class SearchEntryQuerySet(models.QuerySet):
    """Reads of the index: the rows of a language matching every word of a query, ranked."""

    def in_language(self, language):
        return self.filter(language=language)

    def matching(self, terms):
        """Rows whose folded text holds every one of ``terms`` (folded words) inside it."""
        return backends.matching(self, terms)

    def search(self, query):
        """The rows matching ``query`` (a ``search.query.SearchQuery``), best first."""
        if not query.searchable:
            return self.none()
        return self.matching(query.terms).ranked(query.terms, query.phrase)

    def ranked(self, terms, phrase):
        """Best first: the title is the query; then the number of words in the title or the
        line under it; then the model's weight; ties keep the document's order.

        ``phrase`` is the whole folded query.
        """
        score = Case(
            When(title_text__startswith=phrase + TITLE_END, then=Value(10)),
            default=Value(0),
            output_field=IntegerField(),
        )
        for term in terms:
            score = score + Case(When(title_text__contains=term, then=Value(2)), default=Value(0))
        return self.annotate(score=score).order_by(
            "-score", "-weight", "section_order", "position", "pk"
        )

    def for_page(self):
        return self.only(
            "section", "title", "context", "body", "url", "anchor", "language", "section_order"
        )

    def section_counts(self):
        """``{section key: number of rows}`` in one query."""
        return dict(self.order_by().values_list("section").annotate(count=models.Count("pk")))

    def titles_near(self, terms, limit=100):
        """Distinct titles sharing a piece (3 characters, or 1–2 for short words) of ``terms``."""
        return backends.titles_near(self, terms, limit)

    def of_records(self, label, pks):
        return self.filter(model=label, object_id__in=list(pks))


class SearchEntry(models.Model):
    """One public record in one language, as site search finds and shows it.

    Written only by ``search.indexing`` from the models' ``SearchIndex`` declarations
    (``search.registry``); ``manage.py rebuild_search_index`` writes them all again.
    """

    language = models.CharField("言語", max_length=10, help_text="この行の言語。例: ja、en")
    model = models.CharField(
        "記録の種類", max_length=100, help_text="記録のモデル(app_label.model_name)。例: exchange.partnercity"
    )
    object_id = models.PositiveBigIntegerField("記録のID", help_text="記録の主キー。")
    section = models.CharField("セクション", max_length=50, help_text="結果をまとめるセクションのキー。")
    section_order = models.PositiveSmallIntegerField("セクションの順", default=0, help_text="セクションの表示順。")
    position = models.PositiveIntegerField("セクション内の順", default=0, help_text="同じ順位の結果の並び(文書の順)。")
    weight = models.SmallIntegerField("重み", default=0, help_text="同じ一致の度合いで先に出す度合い。")
    title = models.CharField("見出し", max_length=300, help_text="結果の見出しに出す文。")
    context = models.CharField("補足", max_length=300, blank=True, help_text="見出しの下に出す記録の種類と日付。")
    body = models.TextField("本文", blank=True, help_text="結果の抜粋を取る本文。")
    url = models.CharField("ページ", max_length=300, help_text="記録を載せているページのURL。")
    anchor = models.CharField("ページ内の位置", max_length=100, blank=True, help_text="ページ内の記録のid。")
    title_text = models.TextField(
        "検索用の見出し",
        help_text="見出しと補足を検索用に揃えた文(全角半角・かな・大文字小文字)。改行の前が見出し。",
    )
    search_text = models.TextField(
        "検索用の文", help_text="見出し・本文・日付(和暦と西暦)を検索用に揃えた文。"
    )

    short_text = models.TextField(
        "検索用の文(短い語)",
        blank=True,
        help_text="SQLite だけ: 検索用の文の各文字を3回ずつ続けた文。1〜2文字の語も3文字組の索引で引けます。",
    )

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "検索の索引"
        verbose_name_plural = "検索の索引"
        ordering = ["section_order", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["model", "object_id", "language"], name="search_entry_unique_record_language"
            ),
        ]
        indexes = [models.Index(fields=["language", "section"], name="search_entry_language")]

    def __str__(self):
        return self.title

    @property
    def link(self):
        return f"{self.url}#{self.anchor}" if self.anchor else self.url
