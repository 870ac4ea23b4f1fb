"""Section 5 of the 市政概要: public relations (広報, 広報課).

The section's records:

- ``PublicRelationsPolicy``: each numbered item 5(1)…5(6), its heading and its text;
  ``PolicyPoint``: the points 5(1) names (「対象者の絞り込み」…);
- ``Publication``: the 広報刊行物 of 5(2) (市政だより and its braille and CD editions);
- ``Broadcaster`` and ``BroadcastProgramme``: the TV and radio programmes of 5(3);
- ``WebChannel``: the web addresses of 5(5);
- ``PressActivity`` and ``PressClubMember``: the press work and the 市政記者クラブ of 5(6).
"""
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from core.models import (
    DatePrecisionField,
    FiscalYearField,
    NaturalKeyQuerySet,
    SourcedModel,
    responsible_division_field,
)
from core.wareki import DatePrecision

DIVISION_HELP = "この記録を所管する課。広報の節は「広報課」です。"


def order_field():
    """Return the ``order`` (表示順) field: the row's position in the document."""
    return models.PositiveSmallIntegerField(
        "表示順", default=0, help_text="市政概要での並び順。小さいほど先に表示されます。"
    )


# --- 5(1)…5(6): the numbered items of the section ------------------------------------


class PublicRelationsPolicyQuerySet(NaturalKeyQuerySet):
    """Reads of the section's numbered items."""

    def by_number(self):
        """Return ``{"1": policy, …}``: the items keyed by their number as a string.

        String keys let a template write ``policies.4.body``. Two queries (the points
        are prefetched); a missing item is simply absent from the dict.
        """
        items = self.select_related("responsible_division").prefetch_related("points")
        return {str(item.number): item for item in items}


class PublicRelationsPolicy(SourcedModel):
    """A numbered item 5(n) of the section: its heading and the policy text under it.

    The document gives text under 5(1) 広報組織, 5(4) and 5(5); 5(2), 5(3) and 5(6)
    are headings over tables and lists (``body`` empty).
    """

    number = models.PositiveSmallIntegerField(
        "項番号",
        unique=True,
        validators=[MinValueValidator(1)],
        help_text="5(1) なら 1。ページでの並び順も兼ねます。",
    )
    heading = models.CharField(
        "見出し", max_length=100, unique=True, help_text="例: 広報組織"
    )
    body = models.TextField(
        "本文",
        blank=True,
        help_text="見出しの下の文章。段落ごとに改行します。表や一覧だけの項では空です。",
    )
    responsible_division = responsible_division_field(DIVISION_HELP)

    natural_key_fields = ("number",)
    objects = PublicRelationsPolicyQuerySet.as_manager()

    class Meta:
        verbose_name = "広報の項目"
        verbose_name_plural = "広報の項目"
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1), name="pr_policy_number_positive"
            ),
        ]

    def __str__(self):
        return f"({self.number}){self.heading}"


class PolicyPoint(SourcedModel):
    """A point the division works on so that PR is most effective (5(1): 「媒体の選定」…)."""

    policy = models.ForeignKey(
        PublicRelationsPolicy,
        on_delete=models.CASCADE,
        related_name="points",
        verbose_name="広報の項目",
        help_text="この点が書かれている項目。",
    )
    name = models.CharField(
        "工夫する点", max_length=100, help_text="「」の中の言葉。例: 対象者の絞り込み"
    )
    order = order_field()

    natural_key_fields = ("policy", "name")

    class Meta:
        verbose_name = "広報で工夫する点"
        verbose_name_plural = "広報で工夫する点"
        ordering = ["policy__number", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "name"], name="pr_point_unique_name"),
        ]

    def __str__(self):
        return self.name


# --- 5(2) 広報刊行物 -------------------------------------------------------------------


class CirculationUnit(models.TextChoices):
    """The unit of a circulation: copies of print, pieces of CD."""

    COPIES = "部", "部"
    PIECES = "本", "本"


class PublicationQuerySet(NaturalKeyQuerySet):
    """Reads of the publications."""

    def for_listing(self):
        """Return the publications in the document's order (one query)."""
        return self.order_by("order", "title")


class Publication(SourcedModel):
    """A publication of the city (広報刊行物), such as 市政だより, with its circulation.

    The document's title 「声の市政だより（ＣＤ版、視覚障がい者向け）」 is stored as
    ``title`` 声の市政だより, ``edition`` CD版 and ``audience`` 視覚障がい者向け;
    ``display_title`` puts them back together.
    """

    title = models.CharField(
        "タイトル", max_length=100, help_text="括弧書きを除いた題名。例: 点字市政だより"
    )
    edition = models.CharField(
        "版", max_length=50, blank=True, help_text="題名の括弧内の版の種類。例: CD版"
    )
    audience = models.CharField(
        "対象",
        max_length=100,
        blank=True,
        help_text="題名の括弧内に書かれた読者。例: 視覚障がい者向け。全世帯向けなら空。",
    )
    frequency = models.CharField(
        "発行状況", max_length=100, help_text="発行の頻度と日。例: 毎月1日発行"
    )
    circulation = models.PositiveIntegerField(
        "発行部数", help_text="1回あたりの発行数。単位は「発行部数の単位」で選びます。"
    )
    circulation_unit = models.CharField(
        "発行部数の単位",
        max_length=2,
        choices=CirculationUnit.choices,
        default=CirculationUnit.COPIES,
        help_text="冊子は「部」、CDは「本」。",
    )
    circulation_as_of = models.DateField(
        "発行部数の実績月",
        null=True,
        blank=True,
        help_text="発行部数がどの号の実績か(例: 平成28年4月号 → 2016-04-01、精度「年月」)。"
        "書かれていなければ空。",
    )
    circulation_as_of_precision = DatePrecisionField(default=DatePrecision.MONTH)
    distribution = models.CharField(
        "概要・その他",
        max_length=200,
        help_text="届け方など。例: 委託業者から各世帯に配布",
    )
    order = order_field()
    responsible_division = responsible_division_field(DIVISION_HELP)

    natural_key_fields = ("title", "edition")
    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = "広報刊行物"
        verbose_name_plural = "広報刊行物"
        ordering = ["order", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "edition"], name="pr_publication_unique_title"
            ),
            models.CheckConstraint(
                condition=Q(circulation_unit__in=CirculationUnit.values),
                name="pr_publication_unit_valid",
            ),
        ]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        """The title as the document writes it: ``声の市政だより(CD版、視覚障がい者向け)``."""
        notes = "、".join(part for part in (self.edition, self.audience) if part)
        return f"{self.title}({notes})" if notes else self.title


# --- 5(3) テレビ・ラジオによる広報 -----------------------------------------------------


class Broadcaster(SourcedModel):
    """A broadcaster (放送局) that airs the city's programmes, named as the document names it."""

    name = models.CharField(
        "放送局", max_length=100, unique=True, help_text="市政概要での呼び方。例: FM熊本"
    )
    responsible_division = responsible_division_field(DIVISION_HELP)

    natural_key_fields = ("name",)

    class Meta:
        verbose_name = "放送局"
        verbose_name_plural = "放送局"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Medium(models.TextChoices):
    """Television or radio."""

    TV = "tv", "テレビ"
    RADIO = "radio", "ラジオ"


class LengthUnit(models.TextChoices):
    """The unit of a broadcast's length."""

    MINUTES = "分", "分"
    SECONDS = "秒", "秒"


class BroadcastProgrammeQuerySet(NaturalKeyQuerySet):
    """Reads of the TV and radio programmes."""

    def for_listing(self):
        """Return programmes with their broadcaster (one query), in the document's order.

        The document lists TV before radio; "tv" sorts after "radio", hence ``-medium``.
        """
        return self.select_related("broadcaster").order_by("-medium", "order", "title")

    def tv(self):
        """Return the TV programmes (テレビ広報)."""
        return self.filter(medium=Medium.TV)

    def radio(self):
        """Return the radio programmes (ラジオ広報)."""
        return self.filter(medium=Medium.RADIO)


class BroadcastProgramme(SourcedModel):
    """A TV or radio programme (or slot) through which the city broadcasts (5(3)).

    Where the document writes 「…内」 the city's slot is a part of the titled programme
    (``within_title``); 市っとるね！？マナブくん is itself a corner of another programme
    (``host_programme``).
    """

    medium = models.CharField(
        "媒体", max_length=5, choices=Medium.choices, help_text="テレビ広報かラジオ広報か。"
    )
    title = models.CharField(
        "タイトル",
        max_length=100,
        help_text="番組名。「内」は含めず、下の「番組内の枠」で表します。",
    )
    within_title = models.BooleanField(
        "番組内の枠",
        default=False,
        help_text="市の放送がこの番組の中の一部の枠であるとき(市政概要で「… 内」)。",
    )
    corner = models.CharField(
        "コーナー",
        max_length=50,
        blank=True,
        help_text="枠の種類。例: 5分コーナー(「英太郎のかたらんね」内の5分コーナー)、5分コーナー番組",
    )
    host_programme = models.CharField(
        "放送される番組",
        max_length=100,
        blank=True,
        help_text="このタイトルが他の番組のコーナーであるとき、その番組名。例: 英太郎のかたらんね",
    )
    broadcaster = models.ForeignKey(
        Broadcaster,
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name="放送局",
        help_text="放送する局。",
    )
    schedule = models.CharField(
        "放送日時",
        max_length=200,
        help_text="曜日と時刻を市政概要の書き方で。放送時間の長さは含めません。"
        "例: 毎週月曜日 午前9時30分ごろから",
    )
    length = models.PositiveSmallIntegerField(
        "放送時間の長さ",
        null=True,
        blank=True,
        help_text="1回の放送の長さ。単位は「長さの単位」。書かれていなければ空。",
    )
    length_unit = models.CharField(
        "長さの単位",
        max_length=1,
        choices=LengthUnit.choices,
        default=LengthUnit.MINUTES,
        help_text="分または秒。",
    )
    length_is_approximate = models.BooleanField(
        "長さはおよそ", default=False, help_text="市政概要が「5分程度」のように書いているとき。"
    )
    rebroadcast_schedule = models.CharField(
        "再放送",
        max_length=200,
        blank=True,
        help_text="再放送の日時。例: 毎日 午後6時15分から。なければ空。",
    )
    order = order_field()
    responsible_division = responsible_division_field(DIVISION_HELP)

    natural_key_fields = ("medium", "title")
    objects = BroadcastProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = "テレビ・ラジオ広報番組"
        verbose_name_plural = "テレビ・ラジオ広報番組"
        ordering = ["-medium", "order", "title"]
        # The list's order (public list, admin changelist): read in order, never sorted.
        indexes = [models.Index(fields=["-medium", "order", "title"], name="pr_programme_list_order")]
        constraints = [
            models.UniqueConstraint(
                fields=["medium", "title"], name="pr_programme_unique_title"
            ),
            models.CheckConstraint(
                condition=Q(medium__in=Medium.values), name="pr_programme_medium_valid"
            ),
            models.CheckConstraint(
                condition=Q(length_unit__in=LengthUnit.values),
                name="pr_programme_length_unit_valid",
            ),
        ]

    def __str__(self):
        return f"{self.title}({self.get_medium_display()})"

    @property
    def display_title(self):
        """The title cell as the document writes it: ``子どもラジオ局 内5分コーナー番組``."""
        if self.within_title:
            return f"{self.title} 内{self.corner}"
        return self.title

    @property
    def length_display(self):
        """The length as the document writes it: ``24分間``, ``20秒間``, ``5分程度``; or ``""``."""
        if self.length is None:
            return ""
        suffix = "程度" if self.length_is_approximate else "間"
        return f"{self.length}{self.length_unit}{suffix}"

    @property
    def time_display(self):
        """Schedule and length: ``毎日 午前8時から 24分間``; ``…午後7時の間の20秒間``."""
        if not self.length_display:
            return self.schedule
        # 「…の間の20秒間」 reads as one phrase; elsewhere the document spaces the length off.
        separator = "" if self.schedule.endswith("の") else " "
        return f"{self.schedule}{separator}{self.length_display}"

    @property
    def host_display(self):
        """The host note: ``「英太郎のかたらんね」内の5分コーナー``, or ``""``."""
        if not self.host_programme:
            return ""
        return f"「{self.host_programme}」内の{self.corner}"


# --- 5(5) ホームページなどによる広報 --------------------------------------------------


class WebChannel(SourcedModel):
    """An address on the web where the city publishes (5(5)): its site, mobile site, Facebook."""

    label = models.CharField(
        "名称", max_length=100, unique=True, help_text="例: 携帯電話用ホームページアドレス"
    )
    url = models.URLField(
        "アドレス", max_length=300, help_text="市政概要に書かれたとおりのURL。"
    )
    order = order_field()
    responsible_division = responsible_division_field(DIVISION_HELP)

    natural_key_fields = ("label",)

    class Meta:
        verbose_name = "ホームページなどの広報媒体"
        verbose_name_plural = "ホームページなどの広報媒体"
        ordering = ["order", "label"]

    def __str__(self):
        return self.label


# --- 5(6) 報道機関(市政記者クラブ)を通してのパブリシティ活動 ------------------------


class CountPeriod(models.TextChoices):
    """The period a count of press activities refers to."""

    MONTH = "month", "月に"
    YEAR = "year", "年間"


class PressActivity(SourcedModel):
    """Publicity through the press (パブリシティ活動): press conference, lecture, press release.

    ``count`` per ``count_period`` with its ``count_unit``: 市長記者会見 月に2回程度;
    資料提供 年間1,528件 (平成27年度実績, ``fiscal_year`` 2015).
    """

    name = models.CharField(
        "活動", max_length=100, unique=True, help_text="例: 市長記者会見"
    )
    description = models.CharField(
        "内容",
        max_length=200,
        blank=True,
        help_text="括弧内の説明。例: 関係課長などによる記者への説明",
    )
    count = models.PositiveIntegerField(
        "回数・件数", null=True, blank=True, help_text="期間あたりの回数や件数。なければ空。"
    )
    count_unit = models.CharField(
        "回数・件数の単位", max_length=5, blank=True, help_text="回 や 件。"
    )
    count_period = models.CharField(
        "期間",
        max_length=5,
        choices=CountPeriod.choices,
        blank=True,
        help_text="回数・件数がどの期間のものか。「月に」または「年間」。",
    )
    count_is_approximate = models.BooleanField(
        "回数はおよそ", default=False, help_text="市政概要が「2回程度」のように書いているとき。"
    )
    fiscal_year = FiscalYearField(
        "実績年度",
        null=True,
        blank=True,
        help_text="件数がどの年度の実績か。平成27年度なら 2015。",
    )
    order = order_field()
    responsible_division = responsible_division_field(DIVISION_HELP)

    natural_key_fields = ("name",)

    class Meta:
        verbose_name = "パブリシティ活動"
        verbose_name_plural = "パブリシティ活動"
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(count__isnull=True) | ~Q(count_period=""),
                name="pr_press_activity_count_has_period",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def count_display(self):
        """The count as written: ``月に2回程度``, ``年間1,528件``; ``""`` without a count."""
        if self.count is None:
            return ""
        approx = "程度" if self.count_is_approximate else ""
        return f"{self.get_count_period_display()}{self.count:,}{self.count_unit}{approx}"


class PressClubMember(SourcedModel):
    """A company in the city hall press club (市政記者クラブ加入社), by the document's short name."""

    name = models.CharField(
        "加入社", max_length=50, unique=True, help_text="市政概要の略称。例: 熊日、NHK"
    )
    order = order_field()
    responsible_division = responsible_division_field(DIVISION_HELP)

    natural_key_fields = ("name",)

    class Meta:
        verbose_name = "記者クラブ加入社"
        verbose_name_plural = "記者クラブ加入社"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

