"""Section 6 震災復興 (復興総務課): the 2016 Kumamoto earthquakes and the recovery.

Records of the FY2016 市政概要, section 6:

- ``Earthquake``: 平成28年熊本地震 and the day of its first shock (6(1)).
- ``RecoveryDepartment``: 復興部, its establishment, purpose and staffing (6(1)).
- ``DepartmentDivision``: each 課 of the department with its staff (課長以下 N名), and
  ``Duty``: its numbered 業務概要 (1)(2)… (6(1), the table 部署名 / 業務概要).
- ``EarthquakeRecoveryPlan``: 熊本市震災復興計画 (6(2)). Most of 6(2) is illegible in the
  document (a symbol font garbled it), so the plan's adoption day, period, target area and
  position come from ``SUPPLEMENT.md`` and each of those fields names its own source.
- ``PlanSection``: the legible headings ア–オ of 6(2) and whether their body is legible.
- ``BasicPolicy``: the three basic policies (基本方針 1–3) of 6(2)オ.
"""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import (
    DatePrecisionField,
    FiscalYearField,
    NaturalKeyQuerySet,
    SourcedModel,
    responsible_division_field,
    source_validator,
)

RESPONSIBLE_DIVISION_HELP = "この記録を所管する課(市政概要の見出しの課)。震災復興は復興総務課。"


class Legibility(models.TextChoices):
    """Whether a passage of the source document can be read (6(2) is mostly garbled)."""

    LEGIBLE = "legible", _("判読できる")
    PARTLY = "partly", _("一部判読できない")
    ILLEGIBLE = "illegible", _("判読できない")


def _field_source(verbose_name, help_text):
    """A per-field source (出典), for facts whose source differs from the record's."""
    return models.CharField(
        verbose_name,
        max_length=200,
        validators=[source_validator],
        help_text=help_text,
    )


# ---------------------------------------------------------------------------
# Earthquake


class Earthquake(SourcedModel):
    """An earthquake the city recovers from: 平成28年熊本地震, first shock 2016-04-14."""

    name = models.CharField(
        "名称",
        max_length=100,
        unique=True,
        help_text="地震の名称。市政概要の表記どおり。例: 平成28年熊本地震",
    )
    occurred_on = models.DateField(
        "発生日",
        help_text="地震が発生した日(最初の地震の日)。市政概要 6(1): 平成28年4月14日",
    )
    occurred_on_precision = DatePrecisionField()
    responsible_division = responsible_division_field(
        RESPONSIBLE_DIVISION_HELP, related_name="+"
    )

    natural_key_fields = ("name",)

    class Meta:
        verbose_name = "地震"
        verbose_name_plural = "地震"
        ordering = ["occurred_on", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("recovery:index")


# ---------------------------------------------------------------------------
# Recovery Department, its divisions and their duties


class RecoveryDepartmentQuerySet(NaturalKeyQuerySet):
    """Reads of recovery departments."""

    def for_page(self):
        """Departments with earthquake, divisions and their duties: a constant 3 queries."""
        duties = Duty.objects.order_by("number")
        divisions = DepartmentDivision.objects.order_by("order", "name").prefetch_related(
            models.Prefetch("duties", queryset=duties)
        )
        return self.select_related("earthquake", "responsible_division").prefetch_related(
            models.Prefetch("divisions", queryset=divisions)
        )


class DepartmentDivisionQuerySet(NaturalKeyQuerySet):
    """Reads of the divisions of a recovery department."""

    def for_download(self):
        """Divisions with their department and duties, in the page's order (2 queries a chunk)."""
        return (
            self.select_related("department")
            .prefetch_related(models.Prefetch("duties", queryset=Duty.objects.order_by("number")))
            .order_by("department__established_on", "department__name", "order", "name")
        )


class RecoveryDepartment(SourcedModel):
    """The Recovery Department (復興部), set up after the earthquake.

    Staffing is stored as the document states it: ``total_staff_count`` (人員 40名) and
    its parts, director (部長 1名), division heads (課長 3名) and staff members (課員 36名).
    The stated total must equal the sum of its parts (checked by a constraint and by
    ``clean``), so a typo in either is caught.
    """

    name = models.CharField(
        "部名", max_length=50, unique=True, help_text="部の名前。例: 復興部"
    )
    earthquake = models.ForeignKey(
        Earthquake,
        on_delete=models.PROTECT,
        related_name="recovery_departments",
        verbose_name="地震",
        help_text="この部が復旧・復興に取り組む地震。",
    )
    established_on = models.DateField(
        "設置日", help_text="部を設置した日。市政概要 6(1): 平成28年5月6日"
    )
    established_on_precision = DatePrecisionField()
    purpose = models.TextField(
        "設置の目的・業務",
        help_text="市政概要 6(1)の本文。段落ごとに改行で区切ります(3段落)。",
    )
    total_staff_count = models.PositiveSmallIntegerField(
        "人員(人)",
        help_text="市政概要の「人員40名」。部長・課長・課員の合計と一致する必要があります。",
    )
    director_count = models.PositiveSmallIntegerField(
        "部長(人)", help_text="人員のうち部長の数。市政概要: 部長1名"
    )
    division_head_count = models.PositiveSmallIntegerField(
        "課長(人)", help_text="人員のうち課長の数。市政概要: 課長3名"
    )
    staff_member_count = models.PositiveSmallIntegerField(
        "課員(人)", help_text="人員のうち課員の数。市政概要: 課員36名"
    )
    responsible_division = responsible_division_field(
        RESPONSIBLE_DIVISION_HELP, related_name="+"
    )

    natural_key_fields = ("name",)
    objects = RecoveryDepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = "復興部"
        verbose_name_plural = "復興部"
        ordering = ["established_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    total_staff_count=F("director_count")
                    + F("division_head_count")
                    + F("staff_member_count")
                ),
                name="recovery_department_total_is_sum_of_staff",
                violation_error_message="人員は部長・課長・課員の合計と一致する必要があります。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("recovery:index")

    def clean(self):
        """Raise ``ValidationError`` when the stated total is not 部長 + 課長 + 課員."""
        super().clean()
        parts = (self.director_count, self.division_head_count, self.staff_member_count)
        if self.total_staff_count is not None and None not in parts:
            if self.total_staff_count != sum(parts):
                raise ValidationError(
                    {
                        "total_staff_count": (
                            f"人員({self.total_staff_count}人)が部長・課長・課員の合計"
                            f"({sum(parts)}人)と一致しません。"
                        )
                    }
                )

    @property
    def purpose_paragraphs(self):
        """The purpose text as a list of paragraphs (strings)."""
        return [line for line in self.purpose.splitlines() if line.strip()]

    @property
    def staff_breakdown(self):
        """(label, count) pairs of the staffing: 部長, 課長, 課員; counts in persons."""
        return [
            (_("部長"), self.director_count),
            (_("課長"), self.division_head_count),
            (_("課員"), self.staff_member_count),
        ]


class DepartmentDivision(SourcedModel):
    """A division (課) of the Recovery Department and its staff (課長以下 N名).

    Not to be confused with ``core.Division``, the responsible division of a
    section of the document.
    """

    department = models.ForeignKey(
        RecoveryDepartment,
        on_delete=models.CASCADE,
        related_name="divisions",
        verbose_name="部",
        help_text="この課が属する部。",
    )
    name = models.CharField(
        "部署名", max_length=50, help_text="課の名前。例: 復興総務課"
    )
    staff_count = models.PositiveSmallIntegerField(
        "課長以下の人数(人)",
        help_text="市政概要の「(課長以下 15名)」の数。課長を含みます。",
    )
    order = models.PositiveSmallIntegerField(
        "表示順", default=0, help_text="市政概要の表の順。小さいほど先に表示されます。"
    )

    natural_key_fields = ("department", "name")
    objects = DepartmentDivisionQuerySet.as_manager()

    class Meta:
        verbose_name = "復興部の課"
        verbose_name_plural = "復興部の課"
        ordering = ["department", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "name"], name="recovery_division_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(staff_count__gte=1),
                name="recovery_division_has_staff",
                violation_error_message="課長以下の人数は1人以上です(課長を含みます)。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("recovery:index") + f"#division-{self.pk}"


class Duty(SourcedModel):
    """One numbered duty (業務概要 (1)(2)…) of a division of the Recovery Department."""

    division = models.ForeignKey(
        DepartmentDivision,
        on_delete=models.CASCADE,
        related_name="duties",
        verbose_name="課",
        help_text="この業務を担当する課。",
    )
    number = models.PositiveSmallIntegerField(
        "番号", help_text="市政概要の (1)(2)… の番号。課ごとに1から。"
    )
    text = models.TextField(
        "業務概要", help_text="市政概要の文のまま。例: 部内事務の連絡調整に関すること。"
    )

    natural_key_fields = ("division", "number")

    class Meta:
        verbose_name = "業務概要"
        verbose_name_plural = "業務概要"
        ordering = ["division__order", "division__name", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["division", "number"], name="recovery_duty_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="recovery_duty_number_from_one",
                violation_error_message="番号は1から始まります。",
            ),
        ]

    def __str__(self):
        return f"{self.division.name} ({self.number})"

    def get_absolute_url(self):
        return self.division.get_absolute_url()


# ---------------------------------------------------------------------------
# The earthquake recovery plan


class EarthquakeRecoveryPlanQuerySet(NaturalKeyQuerySet):
    """Reads of earthquake recovery plans."""

    def for_page(self):
        """Plans with earthquake, sections and basic policies: a constant 3 queries."""
        return self.select_related("earthquake", "responsible_division").prefetch_related(
            models.Prefetch("sections", queryset=PlanSection.objects.order_by("order")),
            models.Prefetch(
                "basic_policies", queryset=BasicPolicy.objects.order_by("number")
            ),
        )


class EarthquakeRecoveryPlan(SourcedModel):
    """The earthquake recovery plan (熊本市震災復興計画), section 6(2).

    ``source`` covers what the document itself shows legibly: the plan's name, the
    legibility of its introduction and the basic-policy slogan (6(2)オ). The adoption day,
    the period, the target area and the position are illegible in the document; they come
    from ``SUPPLEMENT.md`` and each has its own ``…_source`` field.
    """

    name = models.CharField(
        "計画名", max_length=100, unique=True, help_text="例: 熊本市震災復興計画"
    )
    earthquake = models.ForeignKey(
        Earthquake,
        on_delete=models.PROTECT,
        related_name="recovery_plans",
        verbose_name="地震",
        help_text="この計画が復旧・復興をめざす地震。",
    )
    introduction_legibility = models.CharField(
        "導入文の判読",
        max_length=10,
        choices=Legibility.choices,
        default=Legibility.ILLEGIBLE,
        help_text="市政概要 6(2)冒頭の文が出典の文書で読めるか。平成28年度版は文字化けで読めません。",
    )
    adopted_on = models.DateField(
        "策定日",
        help_text="計画を策定した日。市政概要では判読できないため補足資料による。",
    )
    adopted_on_precision = DatePrecisionField()
    adopted_on_source = _field_source(
        "策定日の出典", "策定日の根拠。例:「補足資料: City of Kumamoto, …」"
    )
    period_start = FiscalYearField(
        "計画期間(開始年度)", help_text="計画期間の最初の年度(開始する西暦年)。平成28年度 = 2016"
    )
    period_end = FiscalYearField(
        "計画期間(終了年度)", help_text="計画期間の最後の年度(開始する西暦年)。平成31年度 = 2019"
    )
    period_text = models.CharField(
        "計画期間(出典の表記)",
        max_length=100,
        help_text="出典に書かれたままの計画期間。例: 平成28年度(2016年度)~平成31年度(2019年度)の4年間。"
        "元号の改まる前の表記(平成31年度)を残すため、開始・終了年度とは別に記録します。",
    )
    period_source = _field_source("計画期間の出典", "計画期間の根拠。")
    target_area = models.TextField(
        "計画の対象地域", help_text="補足資料の文のまま。"
    )
    target_area_source = _field_source("計画の対象地域の出典", "計画の対象地域の根拠。")
    position = models.TextField("計画の位置付け", help_text="補足資料の文のまま。")
    position_source = _field_source("計画の位置付けの出典", "計画の位置付けの根拠。")
    basic_policy_slogan = models.CharField(
        "基本方針の標語",
        max_length=200,
        help_text="市政概要 6(2)オ「基本方針」の見出しの ～…～ の文(～ は含めない)。",
    )
    responsible_division = responsible_division_field(
        RESPONSIBLE_DIVISION_HELP, related_name="+"
    )

    natural_key_fields = ("name",)
    objects = EarthquakeRecoveryPlanQuerySet.as_manager()

    class Meta:
        verbose_name = "熊本市震災復興計画"
        verbose_name_plural = "熊本市震災復興計画"
        ordering = ["adopted_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="recovery_plan_period_in_order",
                violation_error_message="計画期間の終了年度は開始年度以降です。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("recovery:index") + "#plan"

    def clean(self):
        """Raise ``ValidationError`` when the written period does not name both fiscal years.

        ``period_text`` must contain ``(<start>年度)`` and ``(<end>年度)`` in Gregorian years.
        """
        super().clean()
        if self.period_text and self.period_start and self.period_end:
            for year in (self.period_start, self.period_end):
                if f"({year}年度)" not in self.period_text:
                    raise ValidationError(
                        {"period_text": f"計画期間の表記に「({year}年度)」がありません。"}
                    )

    @property
    def illegible_sections(self):
        """The sections whose body is (partly) illegible with nothing standing in for it,
        named once in the plan's note (reads the prefetched ``sections``)."""
        return [section for section in self.sections.all() if section.shows_not_legible_note]

    @property
    def period_years(self):
        """The length of the plan period in fiscal years (both ends counted), e.g. 4."""
        return self.period_end - self.period_start + 1


class PlanSection(SourcedModel):
    """A section of 6(2) (ア 計画の対象地域 … オ 基本方針): heading, and what it holds.

    The headings are legible in the document, most bodies are not. ``topic`` says which
    facts of the plan belong under the heading, so the page can put the supplement's facts
    (or the note that the source is illegible) in the document's order.
    """

    class Topic(models.TextChoices):
        TARGET_AREA = "target_area", _("計画の対象地域")
        POSITION = "position", _("計画の位置付け")
        PERIOD = "period", _("計画期間")
        STRUCTURE = "structure", _("計画の構成")
        BASIC_POLICY = "basic_policy", _("基本方針")

    plan = models.ForeignKey(
        EarthquakeRecoveryPlan,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name="計画",
        help_text="この項を含む計画。",
    )
    letter = models.CharField(
        "記号", max_length=2, help_text="市政概要の項の記号。例: ア"
    )
    heading = models.CharField(
        "見出し", max_length=100, help_text="市政概要の見出しのまま。例: 計画の対象地域"
    )
    topic = models.CharField(
        "内容の種類",
        max_length=20,
        choices=Topic.choices,
        help_text="この見出しの下に表示する計画の事項。",
    )
    body_legibility = models.CharField(
        "本文の判読",
        max_length=10,
        choices=Legibility.choices,
        default=Legibility.ILLEGIBLE,
        help_text="見出しの下の本文が出典の文書で読めるか。読めない部分があればその旨を表示します。",
    )
    order = models.PositiveSmallIntegerField(
        "表示順", default=0, help_text="市政概要の順(ア=1, イ=2, …)。"
    )

    natural_key_fields = ("plan", "letter")

    class Meta:
        verbose_name = "計画の項"
        verbose_name_plural = "計画の項"
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "letter"], name="recovery_plan_section_unique_letter"
            ),
            models.UniqueConstraint(
                fields=["plan", "topic"], name="recovery_plan_section_unique_topic"
            ),
        ]

    def __str__(self):
        return f"{self.letter} {self.heading}"

    def get_absolute_url(self):
        return reverse("recovery:index") + f"#plan-{self.topic}"

    @property
    def shows_not_legible_note(self):
        """True where the page must say the body is not legible in the source.

        The bodies of ア–ウ are illegible too, but the supplement's facts stand in for them
        (the plan's introduction note says so once); エ and the garbled part of オ have no
        such stand-in, so only they carry the note.
        """
        return self.body_legibility != Legibility.LEGIBLE and self.topic not in (
            self.Topic.TARGET_AREA,
            self.Topic.POSITION,
            self.Topic.PERIOD,
        )

    @property
    def has_body(self):
        """False where nothing stands under the heading: the body is illegible in the source
        and nothing stands in for it (エ 計画の構成). The page then names the heading in the
        plan's one note on what is not legible instead of showing an empty section."""
        return not (self.shows_not_legible_note and self.body_legibility == Legibility.ILLEGIBLE)

    @property
    def template_name(self):
        """The partial that shows this section's facts: one per ``topic``."""
        return f"recovery/includes/plan_{self.topic}.html"


class BasicPolicy(SourcedModel):
    """One basic policy (基本方針 1–3) of the earthquake recovery plan, 6(2)オ."""

    plan = models.ForeignKey(
        EarthquakeRecoveryPlan,
        on_delete=models.CASCADE,
        related_name="basic_policies",
        verbose_name="計画",
        help_text="この基本方針を掲げる計画。",
    )
    number = models.PositiveSmallIntegerField(
        "番号", help_text="市政概要の番号(1, 2, 3)。"
    )
    text = models.TextField("基本方針", help_text="市政概要の文のまま。")

    natural_key_fields = ("plan", "number")

    class Meta:
        verbose_name = "基本方針"
        verbose_name_plural = "基本方針"
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="recovery_basic_policy_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="recovery_basic_policy_number_from_one",
                violation_error_message="番号は1から始まります。",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.text}"

    def get_absolute_url(self):
        return reverse("recovery:index") + "#plan-basic_policy"

