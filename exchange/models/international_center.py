"""Section 3(9) of the 市政概要: the International Center (熊本市国際交流会館, 国際課).

- ``InternationalCenter``: the facility, its purpose, operator, building and figures.
- ``Floor``: one row of the floor guide (主要施設), e.g. 6・7階.
- ``Room``: a room or space on a floor (ホール, 会議室 …), with its capacity.
- ``UsageRecord``: the users of one part of the center in one fiscal year (会館利用状況).
"""
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Case, Prefetch, Q, Sum, Value, When
from django.urls import reverse
from django.utils.translation import gettext, get_language
from django.utils.translation import gettext_lazy as _

from core.models import (
    DatePrecisionField,
    FiscalYearField,
    NaturalKeyQuerySet,
    SourcedModel,
    responsible_division_field,
)
from core.wareki import format_japanese_number


def format_yen_oku_man(amount):
    """Write a yen amount the way the document does, with 億 and 万 and no separators.

    ``4090000000`` → ``"40億9000万円"``; ``230`` → ``"230円"``; ``None`` → ``""``.
    """
    if amount is None:
        return ""
    return format_japanese_number(amount, grouping=False) + "円"


class InternationalCenterQuerySet(NaturalKeyQuerySet):
    """Reads of the International Center (熊本市国際交流会館)."""

    def for_page(self):
        """The centers with their division, floors and each floor's rooms, in 3 queries.

        Floors come in the document's order (top floor first), rooms in the order the
        document lists them on their floor.
        """
        return self.select_related("responsible_division").prefetch_related(
            Prefetch(
                "floors",
                queryset=Floor.objects.order_by("order").prefetch_related(
                    Prefetch("rooms", queryset=Room.objects.order_by("order"))
                ),
            )
        )


class InternationalCenter(SourcedModel):
    """The International Center (熊本市国際交流会館), one record per facility.

    The document describes one center in 3(9) (printed twice; it is loaded once).
    Areas are in m², the construction cost in yen, capacities in persons.
    """

    name = models.CharField(
        "名称", max_length=100, unique=True, help_text="施設の正式名称。例: 熊本市国際交流会館"
    )
    purpose = models.TextField(
        "設置の目的と運営",
        help_text="市政概要の最初の段落(「本市は世界に開かれた国際都市…」)をそのまま入力します。",
    )
    services_description = models.TextField(
        "事業の内容",
        help_text="2番目の段落(「同会館では、1・2階の国際交流サポートセンター…」)をそのまま入力します。",
    )
    facilities_description = models.TextField(
        "施設の利用",
        help_text="3番目の段落(「また、最大230名収容可能のホール…」)をそのまま入力します。",
    )
    founder = models.CharField(
        "設置主体", max_length=100, help_text="施設を設置した団体。例: 熊本市"
    )
    operator = models.CharField(
        "管理運営",
        max_length=200,
        help_text="管理運営を行う団体(指定管理者)。例: 熊本市国際交流会館共同企業体",
    )
    designated_manager_term_start = FiscalYearField(
        "指定管理者の期間(開始年度)",
        help_text="指定管理の期間の最初の年度を西暦の開始年で。平成26年度 = 2014",
    )
    designated_manager_term_end = FiscalYearField(
        "指定管理者の期間(終了年度)",
        help_text="指定管理の期間の最後の年度を西暦の開始年で。平成30年度 = 2018",
    )
    designated_manager = models.CharField(
        "中心となる指定管理者",
        max_length=200,
        blank=True,
        help_text="本文が指定管理者として名前を挙げる団体。例: 一般財団法人熊本市国際交流振興事業団",
    )
    designated_management_since = FiscalYearField(
        "指定管理者制度への移行年度",
        null=True,
        blank=True,
        help_text="指定管理者制度に移行した年度を西暦の開始年で。平成18年度 = 2006",
    )
    address = models.CharField(
        "所在地", max_length=200, help_text="市政概要の表記のまま。例: 中央区花畑町4番18号"
    )
    structure = models.CharField(
        "構造",
        max_length=200,
        help_text="市政概要の表記のまま。例: 鉄筋鉄骨コンクリート地上7階、地下2階建",
    )
    floors_above_ground = models.PositiveSmallIntegerField(
        "地上階数(階)", help_text="構造に書かれた地上の階数。例: 7"
    )
    floors_below_ground = models.PositiveSmallIntegerField(
        "地下階数(階)", default=0, help_text="構造に書かれた地下の階数。例: 2"
    )
    site_area_m2 = models.PositiveIntegerField("敷地面積(m²)", help_text="例: 1656")
    total_floor_area_m2 = models.PositiveIntegerField("延床面積(m²)", help_text="例: 8439")
    opened_on = models.DateField(
        "開館日", help_text="開館した日。平成6年9月1日 = 1994-09-01"
    )
    opened_on_precision = DatePrecisionField()
    total_construction_cost_yen = models.PositiveBigIntegerField(
        "総工費(円)",
        help_text="円単位の整数で。40億9000万円 = 4090000000",
    )
    hall_capacity = models.PositiveIntegerField(
        "ホールの最大収容人数(人)",
        null=True,
        blank=True,
        help_text="本文の「最大230名収容可能のホール」の人数。例: 230",
    )
    responsible_division = responsible_division_field(
        "この節を所管する課。3(9)は国際課。", related_name="international_centers"
    )

    natural_key_fields = ("name",)
    objects = InternationalCenterQuerySet.as_manager()

    class Meta:
        verbose_name = "国際交流会館"
        verbose_name_plural = "国際交流会館"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(designated_manager_term_end__gte=models.F("designated_manager_term_start")),
                name="center_designated_term_ordered",
            ),
            models.CheckConstraint(
                condition=Q(total_floor_area_m2__gt=0) & Q(site_area_m2__gt=0),
                name="center_areas_positive",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("exchange:center")

    def total_construction_cost_display(self):
        """The total construction cost as the document writes it, e.g. ``40億9000万円``."""
        return format_yen_oku_man(self.total_construction_cost_yen)

    def paragraphs(self):
        """The description paragraphs of 3(9) in the document's order (list of str)."""
        return [
            text
            for text in (self.purpose, self.services_description, self.facilities_description)
            if text
        ]

    def floor_sources(self):
        """The distinct sources of the (prefetched) floors and rooms, in first-seen order."""
        sources = []
        for floor in self.floors.all():
            for source in [floor.source] + [room.source for room in floor.rooms.all()]:
                if source not in sources:
                    sources.append(source)
        return sources


class Floor(SourcedModel):
    """One row of the floor guide (主要施設): a floor, or floors sharing a row (6・7階)."""

    center = models.ForeignKey(
        InternationalCenter,
        on_delete=models.CASCADE,
        related_name="floors",
        verbose_name="国際交流会館",
        help_text="この階がある施設。",
    )
    order = models.PositiveSmallIntegerField(
        "表示順", help_text="主要施設の表での並び順(上の階から)。1が最初です。"
    )
    label = models.CharField(
        "階層",
        max_length=20,
        help_text="表の「階層」の表記。二つの階で一行なら「6・7階」、地下は「地下1階」。",
    )

    natural_key_fields = ("center", "label")

    class Meta:
        verbose_name = "階(主要施設)"
        verbose_name_plural = "階(主要施設)"
        ordering = ["center", "order"]
        constraints = [
            models.UniqueConstraint(fields=["center", "label"], name="floor_unique_label"),
            models.UniqueConstraint(fields=["center", "order"], name="floor_unique_order"),
        ]

    def __str__(self):
        return f"{self.center} {self.label}"

    def get_absolute_url(self):
        return reverse("exchange:center")


class Room(SourcedModel):
    """One item of a floor's row in the floor guide: a room or a space (ホール, 駐車場 …)."""

    floor = models.ForeignKey(
        Floor,
        on_delete=models.CASCADE,
        related_name="rooms",
        verbose_name="階",
        help_text="この施設がある階(主要施設の表の行)。",
    )
    order = models.PositiveSmallIntegerField(
        "表示順", help_text="その階の中で市政概要が挙げる順。1が最初です。"
    )
    name = models.CharField(
        "施設名",
        max_length=100,
        help_text="市政概要の表記(半角英数字)。「大広間A、B」は大広間Aと大広間Bの2件に分けます。",
    )
    capacity = models.PositiveIntegerField(
        "定員(人)",
        null=True,
        blank=True,
        help_text="表に書かれた人数。例: ホール(230人)なら230。書かれていなければ空欄。",
    )

    natural_key_fields = ("floor", "name")

    class Meta:
        verbose_name = "主要施設"
        verbose_name_plural = "主要施設"
        ordering = ["floor", "order"]
        constraints = [
            models.UniqueConstraint(fields=["floor", "name"], name="room_unique_name"),
            models.UniqueConstraint(fields=["floor", "order"], name="room_unique_order"),
        ]

    def __str__(self):
        return f"{self.floor.label} {self.name}"

    def get_absolute_url(self):
        return reverse("exchange:center")


class UsageCategory(models.TextChoices):
    """The columns of the usage table (会館利用状況), in the document's order."""

    HALL = "hall", _("ホール")
    ROOMS = "rooms", _("会議室等")
    SUPPORT_CENTER = "support_center", _("サポートセンター")


@dataclass
class UsageTable:
    """The usage of one fiscal year: its records in document order and their computed total.

    ``fiscal_year`` is the starting Gregorian year; ``total`` is in persons (人).
    """

    fiscal_year: int
    records: list = field(default_factory=list)
    total: int = 0

    @property
    def sources(self):
        """The distinct sources of the records, in order."""
        return list(dict.fromkeys(record.source for record in self.records))


class UsageRecordQuerySet(NaturalKeyQuerySet):
    """Reads of the usage counts (会館利用状況)."""

    def in_document_order(self):
        """Newest fiscal year first; within a year, the document's column order."""
        category_order = Case(
            *(When(category=value, then=Value(index)) for index, value in enumerate(UsageCategory.values)),
            default=Value(len(UsageCategory.values)),
            output_field=models.IntegerField(),
        )
        return self.order_by("-fiscal_year", category_order, "pk")

    def fiscal_year_totals(self):
        """Computed totals per fiscal year: ``{2015: 302936, …}`` (persons), one query."""
        rows = self.order_by().values("fiscal_year").annotate(total=Sum("number_of_users"))
        return {row["fiscal_year"]: row["total"] for row in rows}

    def total_users(self):
        """The computed total number of users of the rows (persons, 0 when there are none)."""
        return self.aggregate(total=Sum("number_of_users"))["total"] or 0

    def tables(self):
        """The rows grouped by fiscal year, newest first, each with its computed total.

        Returns a list of ``UsageTable``; runs two queries whatever the number of rows.
        """
        totals = self.fiscal_year_totals()
        tables = {}
        for record in self.in_document_order():
            table = tables.setdefault(
                record.fiscal_year, UsageTable(record.fiscal_year, total=totals[record.fiscal_year])
            )
            table.records.append(record)
        return list(tables.values())


class UsageRecord(SourcedModel):
    """The number of users of one part of the center in one fiscal year (会館利用状況).

    The total over the parts of a year is computed (``UsageRecord.objects.fiscal_year_totals()``),
    never stored.
    """

    center = models.ForeignKey(
        InternationalCenter,
        on_delete=models.CASCADE,
        related_name="usage_records",
        verbose_name="国際交流会館",
        help_text="利用された施設。",
    )
    fiscal_year = FiscalYearField(
        "年度", help_text="利用状況の年度を西暦の開始年で。平成27年度 = 2015"
    )
    category = models.CharField(
        "区分",
        max_length=20,
        choices=UsageCategory.choices,
        help_text="利用状況の表の列: ホール、会議室等、サポートセンター。",
    )
    room_count = models.PositiveSmallIntegerField(
        "室数(室)",
        null=True,
        blank=True,
        help_text="区分が数える部屋の数。表の「会議室等(16室)」なら16。書かれていなければ空欄。",
    )
    number_of_users = models.PositiveIntegerField(
        "利用人数(人)", help_text="その年度の利用人数。例: 67887"
    )

    natural_key_fields = ("center", "fiscal_year", "category")
    objects = UsageRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "利用状況"
        verbose_name_plural = "利用状況"
        ordering = ["-fiscal_year", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "fiscal_year", "category"], name="usage_unique_category_per_year"
            ),
            models.CheckConstraint(
                condition=Q(category__in=UsageCategory.values), name="usage_category_valid"
            ),
        ]

    def __str__(self):
        return f"{self.center} {self.fiscal_year}年度 {self.category_label()}"

    def get_absolute_url(self):
        return reverse("exchange:center")

    def category_label(self):
        """The category as the document heads its column, e.g. ``会議室等(16室)``."""
        label = self.get_category_display()
        if self.room_count is not None:
            label += gettext("(%(count)s室)") % {"count": self.room_count}
        return label
