"""Section 2 of the 市政概要: the metropolitan cooperation area (連携中枢都市圏構想, 政策企画課).

``MetropolitanCooperationArea`` with its 17 ``MemberMunicipality`` records, three
``Pillar`` records and their ``PolicyField`` records, grouped in pillar 3 by
``PolicyFieldCategory``.
"""
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext, gettext_noop, get_language, ngettext
from django.utils.translation import gettext_lazy as _

from core.models import (
    DatePrecisionField,
    NaturalKeyQuerySet,
    SourcedModel,
    responsible_division_field,
)
from core.wareki import localized_number

from .common import DIVISION_HELP


@dataclass(frozen=True)
class Figure:
    """One figure of the area (圏域の数字) as its page shows it and its download gives it.

    ``amount`` is the catalogue's message for the number with its unit
    (``%(number)s人`` → ``%(number)s people``). ``japanese``: on Japanese pages written as the
    document writes large counts (``110万``), else with thousands separators (``8,300``).
    """

    label: str
    value: int
    unit: str
    amount: str
    is_approximate: bool
    japanese: bool = False

    @property
    def display(self) -> str:
        """``約110万人`` / ``about 1,100,000 people``: 約 when approximate, the number, the unit."""
        number = localized_number(self.value) if self.japanese else f"{self.value:,}"
        about = gettext("約") if self.is_approximate else ""
        return about + gettext(self.amount) % {"number": number}


class MetropolitanCooperationAreaQuerySet(NaturalKeyQuerySet):
    """Reads of metropolitan cooperation areas."""

    def with_details(self):
        """Return areas with members, pillars, categories and policy fields prefetched.

        The area page then needs a constant number of queries, whatever the row count.
        """
        return self.select_related("responsible_division").prefetch_related(
            "members",
            Prefetch(
                "pillars",
                queryset=Pillar.objects.prefetch_related(
                    Prefetch(
                        "categories",
                        queryset=PolicyFieldCategory.objects.prefetch_related("policy_fields"),
                    ),
                    "policy_fields",
                ),
            ),
        )

    def current(self):
        """Return the area with the most recent cooperation agreement, or ``None``."""
        return self.order_by("-agreement_signed_on", "-pk").first()


class MetropolitanCooperationArea(SourcedModel):
    """A metropolitan cooperation area (連携中枢都市圏) and its figures.

    Figures are numbers with their unit in the label; ``…_is_approximate`` is True where
    the document writes 約. The number of partners (16) and the composition (5市10町2村)
    are computed from the member municipalities.
    """

    name = models.CharField(
        "圏域名", max_length=100, unique=True, help_text="例: 熊本連携中枢都市圏"
    )
    purpose = models.TextField(
        "構想の目的", help_text="連携中枢都市圏構想の冒頭の文章。段落は改行で区切ります。"
    )
    agreement_signed_on = models.DateField(
        "連携協約の締結日", help_text="連携中枢都市が近隣市町村と連携協約を締結した日。"
    )
    agreement_signed_on_precision = DatePrecisionField()
    prefecture_establishments = models.PositiveIntegerField(
        "県内の事業所数(所)", help_text="熊本県に所在する事業所の数。"
    )
    prefecture_establishments_is_approximate = models.BooleanField(
        "県内の事業所数は概数", default=False, help_text="市政概要が「約」と書いていればオン。"
    )
    area_establishments = models.PositiveIntegerField(
        "圏域の事業所数(所)", help_text="圏域に所在する事業所の数。"
    )
    area_establishments_is_approximate = models.BooleanField(
        "圏域の事業所数は概数", default=False, help_text="市政概要が「約」と書いていればオン。"
    )
    core_city_establishment_share = models.PositiveSmallIntegerField(
        "連携中枢都市に集中する事業所の割合(割)",
        help_text="圏域の事業所のうち連携中枢都市に集中する割合。7割なら7。",
    )
    core_city_establishment_share_is_approximate = models.BooleanField(
        "事業所の割合は概数", default=False, help_text="市政概要が「約」と書いていればオン。"
    )
    inbound_commuters = models.PositiveIntegerField(
        "近隣市町村から連携中枢都市への通勤者(人)",
        help_text="近隣市町村から連携中枢都市へ通勤している人数。",
    )
    inbound_commuters_is_approximate = models.BooleanField(
        "通勤者(流入)は概数", default=False, help_text="市政概要が「約」と書いていればオン。"
    )
    outbound_commuters = models.PositiveIntegerField(
        "連携中枢都市から近隣市町村への通勤者(人)",
        help_text="連携中枢都市から近隣市町村へ通勤している人数。",
    )
    outbound_commuters_is_approximate = models.BooleanField(
        "通勤者(流出)は概数", default=False, help_text="市政概要が「約」と書いていればオン。"
    )
    population = models.PositiveIntegerField(
        "圏域人口(人)", help_text="圏域の人口。市政概要の「110万圏域人口」なら1100000。"
    )
    population_is_approximate = models.BooleanField(
        "圏域人口は概数", default=False, help_text="市政概要が「約」と書いていればオン。"
    )
    responsible_division = responsible_division_field(
        DIVISION_HELP, related_name="metropolitan_cooperation_areas"
    )

    natural_key_fields = ("name",)
    objects = MetropolitanCooperationAreaQuerySet.as_manager()

    class Meta:
        verbose_name = "連携中枢都市圏"
        verbose_name_plural = "連携中枢都市圏"
        ordering = ["-agreement_signed_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(area_establishments__lte=models.F("prefecture_establishments")),
                name="planning_area_establishments_within_prefecture",
            ),
            models.CheckConstraint(
                condition=models.Q(core_city_establishment_share__lte=10),
                name="planning_area_share_at_most_10_wari",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("planning:area")


    # The helpers below read the prefetched members (``with_details``): no extra queries.

    def core_cities(self):
        """Return the member municipalities that are the core city (連携中枢都市)."""
        return [member for member in self.members.all() if member.is_core_city]

    def partners(self):
        """Return the members other than the core city: those the agreement was signed with."""
        return [member for member in self.members.all() if not member.is_core_city]

    def members_by_kind(self):
        """Return ``[(kind, [members in document order]), …]`` for 市, 町, 村.

        Kinds without members are left out.
        """
        groups = []
        for kind in MemberMunicipality.Kind:
            members = [member for member in self.members.all() if member.kind == kind]
            if members:
                groups.append((kind, members))
        return groups

    def figures(self):
        """The figures the page shows under 圏域の数字, in its order (``Figure``)."""
        return [
            Figure(_("熊本県に所在する事業所"), self.prefecture_establishments, _("事業所"), gettext_noop("%(number)s事業所"),
                   self.prefecture_establishments_is_approximate),
            Figure(_("圏域に所在する事業所"), self.area_establishments, _("事業所"), gettext_noop("%(number)s事業所"),
                   self.area_establishments_is_approximate),
            Figure(_("熊本市に集中する圏域の事業所の割合"), self.core_city_establishment_share,
                   _("割"), gettext_noop("%(number)s割"), self.core_city_establishment_share_is_approximate),
            Figure(_("近隣市町村から熊本市への通勤者"), self.inbound_commuters, _("人"), gettext_noop("%(number)s人"),
                   self.inbound_commuters_is_approximate, japanese=True),
            Figure(_("熊本市から近隣市町村への通勤者"), self.outbound_commuters, _("人"), gettext_noop("%(number)s人"),
                   self.outbound_commuters_is_approximate, japanese=True),
            Figure(_("圏域人口"), self.population, _("人"), gettext_noop("%(number)s人"), self.population_is_approximate,
                   japanese=True),
        ]

    def policy_fields_in_page_order(self):
        """The policy fields of every pillar in the page's order: by pillar, then category.

        Reads the prefetched pillars (``with_details``): no extra queries.
        """
        for pillar in self.pillars.all():
            categories = pillar.categories.all()
            if categories:
                for category in categories:
                    yield from category.policy_fields.all()
            else:
                yield from pillar.policy_fields.all()

    def composition(self):
        """Return the composition as the document writes it, e.g. ``5市10町2村``.

        On English pages: ``5 cities, 10 towns, 2 villages``.
        """
        parts = [kind.amount(len(members)) for kind, members in self.members_by_kind()]
        return ("" if get_language() == "ja" else ", ").join(parts)


class MemberMunicipalityQuerySet(NaturalKeyQuerySet):
    """Reads of member municipalities."""

    def of_kind(self, kind):
        """Return the members of ``kind`` (``MemberMunicipality.Kind``: city/town/village)."""
        return self.filter(kind=kind)

    def core_cities(self):
        """Return the core cities (連携中枢都市)."""
        return self.filter(is_core_city=True)


class MemberMunicipality(SourcedModel):
    """A member municipality (構成市町村) of a metropolitan cooperation area."""

    class Kind(models.TextChoices):
        CITY = "city", _("市")
        TOWN = "town", _("町")
        VILLAGE = "village", _("村")

        def amount(self, number):
            """``number`` members of this kind, as the document counts them (「5市」); in
            English with the plural (「5 cities」, 「1 village」)."""
            forms = {
                "city": ngettext("%(number)s市", "%(number)s市", number),
                "town": ngettext("%(number)s町", "%(number)s町", number),
                "village": ngettext("%(number)s村", "%(number)s村", number),
            }
            return forms[self.value] % {"number": intcomma(number)}

    area = models.ForeignKey(
        MetropolitanCooperationArea,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name="連携中枢都市圏",
        help_text="この市町村が構成する連携中枢都市圏。",
    )
    name = models.CharField("市町村名", max_length=50, help_text="例: 宇土市")
    kind = models.CharField(
        "種別", max_length=10, choices=Kind.choices, help_text="市・町・村の別。"
    )
    order = models.PositiveSmallIntegerField(
        "表示順", help_text="市政概要の構成市町村の一覧での順番(熊本市が1)。"
    )
    is_core_city = models.BooleanField(
        "連携中枢都市", default=False, help_text="圏域の中心的役割を担う連携中枢都市(熊本市)ならオン。"
    )

    natural_key_fields = ("area", "name")
    objects = MemberMunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = "構成市町村"
        verbose_name_plural = "構成市町村"
        # Each area's members in their order, areas in the order they were entered: by the
        # area's id, which the unique constraint's index (area, order) reads without a sort
        # (ordering by "area" would sort by the area's own ordering, over a join).
        ordering = ["area_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="planning_member_unique_name"),
            models.UniqueConstraint(fields=["area", "order"], name="planning_member_unique_order"),
            models.UniqueConstraint(
                fields=["area"],
                condition=models.Q(is_core_city=True),
                name="planning_member_one_core_city",
            ),
        ]

    def __str__(self):
        return self.name


class Pillar(SourcedModel):
    """One of the three pillars (取組) of the metropolitan cooperation area.

    ``title`` is the heading (（3）圏域全体の生活関連機能サービスの向上); ``intro_name`` is the
    name the section's introduction uses (「圏域全体の生活関連機能の向上」), which differs for
    pillar 3.
    """

    area = models.ForeignKey(
        MetropolitanCooperationArea,
        on_delete=models.CASCADE,
        related_name="pillars",
        verbose_name="連携中枢都市圏",
        help_text="この取組を実施する連携中枢都市圏。",
    )
    number = models.PositiveSmallIntegerField(
        "番号", help_text="見出しの(1)(2)(3)の番号。表示順にもなります。"
    )
    title = models.CharField("見出し", max_length=100, help_text="取組の見出し。例: 高次の都市機能の集積・強化")
    intro_name = models.CharField(
        "前文での呼び方",
        max_length=100,
        help_text="節の冒頭の文章でこの取組を呼んでいる名前(見出しと違う場合があります)。",
    )
    description = models.TextField(
        "説明", help_text="見出しの下の文章。段落は改行で区切ります。"
    )

    natural_key_fields = ("area", "number")

    class Meta:
        verbose_name = "取組"
        verbose_name_plural = "取組"
        ordering = ["area", "number"]
        constraints = [
            models.UniqueConstraint(fields=["area", "number"], name="planning_pillar_unique_number"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="planning_pillar_number_positive"
            ),
        ]

    def __str__(self):
        return f"({self.number}){self.title}"


class PolicyFieldCategory(SourcedModel):
    """A policy field category (≪…に係る政策分野≫) that groups policy fields of one pillar."""

    pillar = models.ForeignKey(
        Pillar,
        on_delete=models.CASCADE,
        related_name="categories",
        verbose_name="取組",
        help_text="この分類が属する取組。",
    )
    name = models.CharField(
        "分類名", max_length=100, help_text="≪≫を除いた名前。例: 生活機能の強化に係る政策分野"
    )
    order = models.PositiveSmallIntegerField("表示順", help_text="取組の中での並び順。")

    natural_key_fields = ("pillar", "name")

    class Meta:
        verbose_name = "政策分野の分類"
        verbose_name_plural = "政策分野の分類"
        ordering = ["pillar", "order"]
        constraints = [
            models.UniqueConstraint(fields=["pillar", "name"], name="planning_category_unique_name"),
            models.UniqueConstraint(
                fields=["pillar", "order"], name="planning_category_unique_order"
            ),
        ]

    def __str__(self):
        return f"≪{self.name}≫"


class PolicyField(SourcedModel):
    """A policy field (政策分野 ア…ニ) of a pillar, optionally in a category."""

    pillar = models.ForeignKey(
        Pillar,
        on_delete=models.CASCADE,
        related_name="policy_fields",
        verbose_name="取組",
        help_text="この政策分野が属する取組。",
    )
    category = models.ForeignKey(
        PolicyFieldCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="policy_fields",
        verbose_name="分類",
        help_text="≪…に係る政策分野≫の分類(取組(3)だけ)。分類のない取組では空欄。",
    )
    letter = models.CharField(
        "記号", max_length=5, help_text="市政概要のカタカナ記号。例: ア"
    )
    order = models.PositiveSmallIntegerField("表示順", help_text="取組の中での並び順(アが1)。")
    title = models.CharField("政策分野", max_length=100, help_text="例: リーディング産業の育成")
    description = models.TextField("内容", help_text="政策分野の本文。")

    natural_key_fields = ("pillar", "letter")

    class Meta:
        verbose_name = "政策分野"
        verbose_name_plural = "政策分野"
        ordering = ["pillar", "order"]
        constraints = [
            models.UniqueConstraint(fields=["pillar", "letter"], name="planning_field_unique_letter"),
            models.UniqueConstraint(fields=["pillar", "order"], name="planning_field_unique_order"),
        ]

    def __str__(self):
        return f"{self.letter} {self.title}"

    def clean(self):
        """Reject a category of another pillar (``ValidationError`` on ``category``)."""
        super().clean()
        if self.category_id and self.pillar_id and self.category.pillar_id != self.pillar_id:
            raise ValidationError({"category": "分類は同じ取組のものを選んでください。"})

