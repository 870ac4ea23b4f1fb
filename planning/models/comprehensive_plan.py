"""Section 1 of the 市政概要: the 7th comprehensive plan (総合計画, 政策企画課).

``ComprehensivePlan`` with its three ``PlanTier`` records, the ``PriorityInitiative`` →
``PriorityGoal`` → ``PriorityMeasure`` tree, eight ``SectorPolicy`` chapters and six
``PlanPromotionMeasure`` records.
"""
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import (
    DatePrecisionField,
    FiscalYearField,
    NaturalKeyQuerySet,
    SourcedModel,
    responsible_division_field,
)

from .common import DIVISION_HELP


class ComprehensivePlanQuerySet(NaturalKeyQuerySet):
    """Reads of comprehensive plans."""

    def with_details(self):
        """Return plans with every part the plan page shows, in a constant number of queries.

        Prefetches the tiers, the priority tree (initiatives → goals → measures), the
        sector policies and the promotion measures; joins the responsible division.
        """
        return self.select_related("responsible_division").prefetch_related(
            "tiers",
            Prefetch(
                "priority_initiatives",
                queryset=PriorityInitiative.objects.prefetch_related(
                    Prefetch(
                        "goals",
                        queryset=PriorityGoal.objects.prefetch_related("measures"),
                    )
                ),
            ),
            "sector_policies",
            "promotion_measures",
        )

    def current(self):
        """Return the most recently adopted plan, or ``None`` when there is none."""
        return self.order_by("-adopted_on", "-pk").first()


class ComprehensivePlan(SourcedModel):
    """A comprehensive plan (総合計画) of the city, such as 熊本市第7次総合計画.

    Its period, target year and mid-term review are fiscal years (starting Gregorian year);
    the texts are the document's paragraphs, joined by ``\\n``.
    """

    name = models.CharField(
        "計画名", max_length=100, unique=True, help_text="例: 熊本市第7次総合計画"
    )
    overview = models.TextField(
        "総合計画とは",
        help_text="総合計画がどのような計画かを説明する文章(「総合計画とは、…」)。",
    )
    adopted_on = models.DateField(
        "策定日", help_text="計画を策定した日。月までしか分からない場合はその月の1日。"
    )
    adopted_on_precision = DatePrecisionField()
    purpose = models.TextField(
        "基本構想の趣旨",
        help_text="基本構想の冒頭の文章(「本市は、平成24年4月1日に政令指定都市に移行し…」)。段落は改行で区切ります。",
    )
    basic_philosophy = models.TextField(
        "まちづくりの基本理念", help_text="基本構想「ア まちづくりの基本理念」の本文。段落は改行で区切ります。"
    )
    vision_name = models.CharField(
        "めざすまちの姿(名称)", max_length=50, help_text="めざすまちの姿を一言で表した名称。例: 上質な生活都市"
    )
    vision = models.TextField(
        "めざすまちの姿", help_text="基本構想「イ めざすまちの姿」の本文。段落は改行で区切ります。"
    )
    priority_intro = models.TextField(
        "重点的取組の前文", help_text="「まちづくりの重点的取組」の最初の文章。"
    )
    sector_policy_intro = models.TextField(
        "分野別施策の基本方針の前文", help_text="「分野別施策の基本方針」の最初の文章。"
    )
    significance = models.TextField(
        "計画の意義と役割", help_text="基本計画「ア 計画の意義と役割」の本文。段落は改行で区切ります。"
    )
    period_start = FiscalYearField(
        "計画期間(開始年度)", help_text="計画期間の最初の年度を西暦の開始年で。平成28年度なら2016。"
    )
    period_end = FiscalYearField(
        "計画期間(終了年度)", help_text="計画期間の最後の年度を西暦の開始年で。平成35年度なら2023。"
    )
    target_year = FiscalYearField(
        "目標年次", help_text="計画の目標年次(年度)を西暦の開始年で。平成35年度なら2023。"
    )
    mid_term_review_year = FiscalYearField(
        "中間見直しの年度", help_text="全体的に見直す中間年の年度を西暦の開始年で。平成31年度なら2019。"
    )
    period_text = models.TextField(
        "計画期間の説明", help_text="基本計画「◆計画期間」の本文。"
    )
    target_area = models.TextField("対象区域", help_text="基本計画「◆対象区域」の本文。")
    implementing_bodies = models.TextField("実施主体", help_text="基本計画「◆実施主体」の本文。")
    ward_community_building = models.TextField(
        "区における自主自立のまちづくり",
        help_text="基本計画「ウ 区における自主自立のまちづくり」の本文。段落は改行で区切ります。",
    )
    crisis_management = models.TextField(
        "危機管理", help_text="基本計画「カ 危機管理」の本文。段落は改行で区切ります。"
    )
    recovery_plan_position = models.TextField(
        "熊本市震災復興計画の位置づけ",
        help_text="基本計画「キ 熊本市震災復興計画」の本文(総合計画の中での震災復興計画の位置づけ)。",
    )
    responsible_division = responsible_division_field(
        DIVISION_HELP, related_name="comprehensive_plans"
    )

    natural_key_fields = ("name",)
    objects = ComprehensivePlanQuerySet.as_manager()

    class Meta:
        verbose_name = "総合計画"
        verbose_name_plural = "総合計画"
        ordering = ["-adopted_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="planning_plan_period_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(target_year__gte=models.F("period_start"))
                & models.Q(target_year__lte=models.F("period_end")),
                name="planning_plan_target_year_in_period",
            ),
            models.CheckConstraint(
                condition=models.Q(mid_term_review_year__gte=models.F("period_start"))
                & models.Q(mid_term_review_year__lte=models.F("period_end")),
                name="planning_plan_review_in_period",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("planning:plan")


class PlanChildQuerySet(NaturalKeyQuerySet):
    """Reads of records that belong to one comprehensive plan."""

    def of_plan(self, plan):
        """Return the records of ``plan`` (a ``ComprehensivePlan``) in display order."""
        return self.filter(plan=plan)


class NumberedPlanItem(SourcedModel):
    """Abstract base of a record numbered within a plan (①, 第N章 …).

    Subclasses declare ``plan`` (a foreign key to ``ComprehensivePlan``) and ``number``
    (a positive whole number) with their own labels; the base gives their natural key
    ``(plan name, number)`` and the number as the document writes it (``circled_number``).
    """

    natural_key_fields = ("plan", "number")
    objects = PlanChildQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def circled_number(self):
        """The number as the document writes it: ①, ②, … (plain digits above 20)."""
        return circled(self.number)


class PlanTier(NumberedPlanItem):
    """One of the three tiers (基本構想 / 基本計画 / 実施計画) the plan is made of."""

    class Kind(models.TextChoices):
        BASIC_CONCEPT = "basic_concept", _("基本構想")
        BASIC_PLAN = "basic_plan", _("基本計画")
        IMPLEMENTATION_PLAN = "implementation_plan", _("実施計画")

    plan = models.ForeignKey(
        ComprehensivePlan,
        on_delete=models.CASCADE,
        related_name="tiers",
        verbose_name="総合計画",
        help_text="この階層を含む総合計画。",
    )
    number = models.PositiveSmallIntegerField(
        "表示順", help_text="市政概要で挙げられた順(1: 基本構想、2: 基本計画、3: 実施計画)。"
    )
    kind = models.CharField(
        "階層", max_length=30, choices=Kind.choices, help_text="計画の階層の種類。"
    )
    description = models.TextField(
        "内容", help_text="市政概要がこの階層について書いている説明。例: 市の将来像やまちづくりの理念を明らかにし、…"
    )

    class Meta:
        verbose_name = "計画の階層"
        verbose_name_plural = "計画の階層"
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="planning_tier_unique_number"),
            models.UniqueConstraint(fields=["plan", "kind"], name="planning_tier_unique_kind"),
        ]

    def __str__(self):
        return self.get_kind_display()


class PriorityInitiative(NumberedPlanItem):
    """A priority initiative (まちづくりの重点的取組) ①–③ of the basic concept."""

    plan = models.ForeignKey(
        ComprehensivePlan,
        on_delete=models.CASCADE,
        related_name="priority_initiatives",
        verbose_name="総合計画",
        help_text="この重点的取組を掲げる総合計画。",
    )
    number = models.PositiveSmallIntegerField(
        "番号", help_text="丸数字の番号。①なら1。表示順にもなります。"
    )
    title = models.CharField("取組名", max_length=100, help_text="例: 安心して暮らせるまちづくり")

    class Meta:
        verbose_name = "まちづくりの重点的取組"
        verbose_name_plural = "まちづくりの重点的取組"
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="planning_initiative_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="planning_initiative_number_positive"
            ),
        ]

    def __str__(self):
        return f"{self.circled_number}{self.title}"


def circled(number):
    """Return ``number`` (1–20) as a circled digit ``①``…``⑳``; other numbers as digits."""
    if 1 <= number <= 20:
        return chr(0x2460 + number - 1)
    return str(number)


class PriorityGoal(SourcedModel):
    """A goal (ア)(イ) under a priority initiative, with its explanatory text."""

    initiative = models.ForeignKey(
        PriorityInitiative,
        on_delete=models.CASCADE,
        related_name="goals",
        verbose_name="重点的取組",
        help_text="この目標が属する重点的取組。",
    )
    letter = models.CharField(
        "記号", max_length=5, help_text="市政概要の(ア)(イ)のカタカナ。例: ア"
    )
    order = models.PositiveSmallIntegerField("表示順", help_text="取組の中での並び順。")
    title = models.CharField(
        "目標", max_length=200, help_text="基本構想に書かれた目標の文。例: だれもが安心して子育てできる環境を整えます。"
    )
    description = models.TextField(
        "説明", help_text="基本構想で目標の下に書かれた説明文。段落は改行で区切ります。"
    )

    natural_key_fields = ("initiative", "letter")

    class Meta:
        verbose_name = "重点的取組の目標"
        verbose_name_plural = "重点的取組の目標"
        ordering = ["initiative", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "letter"], name="planning_goal_unique_letter"
            ),
            models.UniqueConstraint(
                fields=["initiative", "order"], name="planning_goal_unique_order"
            ),
        ]

    def __str__(self):
        return f"({self.letter}){self.title}"


class PriorityMeasure(SourcedModel):
    """A measure (〇 item of the basic plan) that serves one priority goal."""

    goal = models.ForeignKey(
        PriorityGoal,
        on_delete=models.CASCADE,
        related_name="measures",
        verbose_name="目標",
        help_text="この施策が属する重点的取組の目標。",
    )
    order = models.PositiveSmallIntegerField("表示順", help_text="目標の中での並び順。")
    title = models.CharField(
        "施策", max_length=200, help_text="基本計画の〇の項目。例: 安心して子育てができる少子化対策の推進"
    )

    natural_key_fields = ("goal", "order")

    class Meta:
        verbose_name = "重点的取組の施策"
        verbose_name_plural = "重点的取組の施策"
        ordering = ["goal", "order"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "order"], name="planning_measure_unique_order"),
        ]

    def __str__(self):
        return self.title


class SectorPolicy(NumberedPlanItem):
    """A sector policy (分野別施策の基本方針 ①–⑧), which is chapter N (第N章) of the basic plan."""

    plan = models.ForeignKey(
        ComprehensivePlan,
        on_delete=models.CASCADE,
        related_name="sector_policies",
        verbose_name="総合計画",
        help_text="この分野別施策を掲げる総合計画。",
    )
    number = models.PositiveSmallIntegerField(
        "章番号", help_text="基本構想の丸数字、基本計画の第N章の番号(同じ番号)。"
    )
    title = models.CharField(
        "基本方針", max_length=200, help_text="基本構想「分野別施策の基本方針」の文言。"
    )
    chapter_title = models.CharField(
        "基本計画の章名", max_length=200, help_text="基本計画「分野別施策」の第N章の章名。"
    )

    class Meta:
        verbose_name = "分野別施策"
        verbose_name_plural = "分野別施策"
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="planning_sector_unique_number"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="planning_sector_number_positive"
            ),
        ]

    def __str__(self):
        return f"第{self.number}章 {self.chapter_title}"


class PlanPromotionMeasure(NumberedPlanItem):
    """A measure to promote the plan (総合計画を推進するために ①–⑥)."""

    plan = models.ForeignKey(
        ComprehensivePlan,
        on_delete=models.CASCADE,
        related_name="promotion_measures",
        verbose_name="総合計画",
        help_text="この推進策を掲げる総合計画。",
    )
    number = models.PositiveSmallIntegerField("番号", help_text="丸数字の番号。①なら1。")
    title = models.CharField("推進策", max_length=200, help_text="例: 参画と協働の推進")

    class Meta:
        verbose_name = "総合計画を推進するための取組"
        verbose_name_plural = "総合計画を推進するための取組"
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="planning_promotion_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="planning_promotion_number_positive"
            ),
        ]

    def __str__(self):
        return f"{self.circled_number} {self.title}"
