"""Sections 3–4 of the 市政概要: partner cities overseas (国際課) and at home (観光政策課).

- ``ExchangeSection``: the heading and introduction of section 3 (海外都市との交流) and 4 (国内交流).
- ``InternationalPolicy``: the city's international policies (熊本市国際化指針, 熊本市東アジア戦略).
- ``PartnerCity``: one partner city, with its affiliation, history, overview and figures.
- ``AffiliationMilestone``: a dated step of a city's affiliation history (signed documents…).
- ``CityDistance``: a distance the overview gives from the city to another place.
- ``ExchangeActivity``: one dated row of 「最近の主な交流」 / 「主な交流の経緯」.
- ``Anniversary``: a round anniversary (周年) of a city's affiliation, computed, not stored.
"""
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Count, Q, Value, When
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.models import (
    DatePrecisionField,
    FiscalYearField,
    NaturalKeyQuerySet,
    SourcedModel,
    responsible_division_field,
    source_validator,
)
from core.languages import in_page_language
from core.wareki import DatePrecision, fiscal_year_of, fiscal_year_range

DIVISION_HELP = "この記録を所管する課。海外の都市は国際課、国内の姉妹都市は観光政策課。"


class Scope(models.TextChoices):
    """Whether a partner city is abroad (section 3) or in Japan (section 4)."""

    OVERSEAS = "overseas", _("海外")
    DOMESTIC = "domestic", _("国内")


class CountryOrRegion(models.TextChoices):
    """国・地域 of a partner city, with the names the document uses."""

    CHINA = "china", _("中華人民共和国")
    USA = "usa", _("アメリカ合衆国")
    GERMANY = "germany", _("ドイツ連邦共和国")
    KOREA = "korea", _("大韓民国")
    FRANCE = "france", _("フランス共和国")
    TAIWAN = "taiwan", _("台湾")
    JAPAN = "japan", _("日本")


class RelationshipType(models.TextChoices):
    """The kind of relationship the city has with Kumamoto (GLOSSARY: exchange)."""

    SISTER_CITY = "sister_city", _("姉妹都市")
    FRIENDSHIP_CITY = "friendship_city", _("友好都市")
    FRIENDSHIP_AND_COOPERATION_CITY = "friendship_and_cooperation_city", _("友好協力都市")
    PARTNER_CITY = "partner_city", _("交流都市")
    MEMORANDUM_OF_UNDERSTANDING = "memorandum_of_understanding", _("国際交流促進覚書(MOU)")


class MilestoneKind(models.TextChoices):
    """What happened at a milestone of the affiliation: mostly the kind of signed document."""

    COVENANT = "covenant", _("盟約")
    AGREEMENT = "agreement", _("協定")
    MEMORANDUM = "memorandum", _("覚書")
    JOINT_STATEMENT = "joint_statement", _("共同声明")
    ACCORD = "accord", _("合意書・合意")
    LETTER_OF_INTENT = "letter_of_intent", _("意向書")
    SIGNING = "signing", _("調印式")
    INHERITANCE = "inheritance", _("引継ぎ")
    PROPOSAL = "proposal", _("提案")
    VISIT = "visit", _("訪問・派遣")
    ANNIVERSARY = "anniversary", _("周年")
    OTHER = "other", _("その他")


class ActivityDirection(models.TextChoices):
    """How Kumamoto took part in an exchange activity, classified from the row's wording."""

    DISPATCH = "dispatch", _("派遣")
    HOSTING = "hosting", _("受入")
    INVITATION = "invitation", _("招聘")
    PARTICIPATION = "participation", _("参加・出演")
    EXHIBITION = "exhibition", _("出展")
    AGREEMENT = "agreement", _("締結・調印")
    EVENT = "event", _("開催・実施")
    EXCHANGE_OF_VISITS = "exchange_of_visits", _("相互訪問(派遣・受入)")
    OTHER = "other", _("その他")


class ExchangeSectionQuerySet(NaturalKeyQuerySet):
    """Reads of the exchange sections (3 海外都市との交流, 4 国内交流)."""

    def with_division(self):
        """Sections with their responsible division joined (one query)."""
        return self.select_related("responsible_division")


class ExchangeSection(SourcedModel):
    """The heading and introduction of section 3 (overseas) or 4 (domestic) of the document."""

    scope = models.CharField(
        "区分",
        max_length=10,
        choices=Scope.choices,
        unique=True,
        help_text="海外都市との交流(3)か国内交流(4)か。",
    )
    title = models.CharField(
        "見出し", max_length=100, help_text="市政概要の見出し。例: 海外都市との交流"
    )
    introduction = models.TextField(
        "前文",
        blank=True,
        help_text="見出しの下の前文。段落ごとに改行します。前文がなければ空欄。",
    )
    responsible_division = responsible_division_field(DIVISION_HELP)
    order = models.PositiveSmallIntegerField(
        "表示順", default=0, help_text="市政概要での節の順。小さいほど先に表示されます。"
    )

    natural_key_fields = ("scope",)
    objects = ExchangeSectionQuerySet.as_manager()

    class Meta:
        verbose_name = "交流の節"
        verbose_name_plural = "交流の節"
        ordering = ["order", "scope"]

    def __str__(self):
        return self.title


class InternationalPolicy(SourcedModel):
    """A policy the city adopted to face internationalisation (平成21年度: 指針, 東アジア戦略)."""

    name = models.CharField(
        "名称", max_length=100, unique=True, help_text="方針の名称。例: 熊本市国際化指針"
    )
    fiscal_year = FiscalYearField(
        "策定年度",
        help_text="策定した年度を、その年度が始まる西暦年で入力します(平成21年度 = 2009)。",
    )
    purpose = models.CharField(
        "位置付け",
        max_length=200,
        blank=True,
        help_text="市政概要が述べる方針の位置付け。例: 熊本市が国際化に対応していくための指針",
    )
    responsible_division = responsible_division_field(DIVISION_HELP)
    order = models.PositiveSmallIntegerField(
        "表示順", default=0, help_text="市政概要で挙げられた順。"
    )

    natural_key_fields = ("name",)

    class Meta:
        verbose_name = "国際化の方針"
        verbose_name_plural = "国際化の方針"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


#: Anniversaries (周年) are celebrated from the 10th year, then every 5 years: 10, 15, 20 …
#: (the document's own milestones are 20周年, 25周年 and 30周年; 5周年 is not marked).
FIRST_ANNIVERSARY_YEARS = 10
ANNIVERSARY_INTERVAL_YEARS = 5


def same_day_years_later(day: datetime.date, years: int) -> datetime.date:
    """``day`` moved ``years`` later; February 29 becomes February 28 in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Anniversary:
    """The ``years``-th anniversary (周年) of ``city``'s affiliation, on ``date``.

    ``precision`` is that of the affiliation date: a city affiliated in a month the document
    does not give the day of has its anniversary in that month (``date`` is its first day).
    """

    city: "PartnerCity"
    years: int
    date: datetime.date
    precision: str

    @property
    def title(self):
        """``桂林市 友好都市提携40周年`` (``Guilin: 40th anniversary (Friendship city)`` in English)."""
        return _("%(city)s %(kind)s提携%(years)s周年") % {
            "city": self.city.name,
            "kind": self.city.get_relationship_type_display(),
            "years": self.years,
        }


class PartnerCityQuerySet(NaturalKeyQuerySet):
    """Reads of partner cities: by scope, for the list and for the detail page."""

    def anniversaries_between(self, first: datetime.date, last: datetime.date):
        """Every anniversary of the cities from ``first`` to ``last`` (both included).

        A list of ``Anniversary``, by date, then in the document's order; one query.
        """
        found = [
            anniversary
            for city in self
            for anniversary in city.anniversaries_between(first, last)
        ]
        return sorted(found, key=lambda anniversary: anniversary.date)

    def next_anniversaries(self, day: datetime.date):
        """Each city's next anniversary on or after ``day``, by date; one query."""
        found = [city.next_anniversary(day) for city in self]
        return sorted(found, key=lambda anniversary: anniversary.date)

    def overseas(self):
        """Cities abroad (section 3)."""
        return self.filter(scope=Scope.OVERSEAS)

    def domestic(self):
        """Cities in Japan (section 4)."""
        return self.filter(scope=Scope.DOMESTIC)

    def for_list(self):
        """Cities with their division, in the document's order (one query)."""
        return self.select_related("responsible_division")

    def for_map(self):
        """Cities in the document's order with the distances the overviews give (two queries)."""
        return self.order_by("order").prefetch_related(
            models.Prefetch("distances", queryset=CityDistance.objects.order_by("order"))
        )

    def for_detail(self):
        """Cities with division, milestones, distances and activities (four queries in all)."""
        return self.select_related("responsible_division").prefetch_related(
            models.Prefetch(
                "milestones", queryset=AffiliationMilestone.objects.order_by("order")
            ),
            models.Prefetch("distances", queryset=CityDistance.objects.order_by("order")),
            models.Prefetch(
                "activities", queryset=ExchangeActivity.objects.order_by("order")
            ),
        )


class PartnerCity(SourcedModel):
    """A partner city of Kumamoto: 8 overseas (section 3(1)–(8)) and 福井市 (section 4).

    Figures are those the document's overview states; a figure it does not give is blank.
    English name and coordinates come from SUPPLEMENT.md (``supplement_source``).
    """

    # 200 as english_name: the English version (name_en) is the city's own English name,
    # which may be long (「Suzhou New District (Suzhou National New & Hi-tech …)」).
    name = models.CharField(
        "都市名", max_length=200, unique=True, help_text="市政概要での名前。例: 桂林市"
    )
    english_name = models.CharField(
        "英語名",
        max_length=200,
        help_text="都市自身が使う英語名(補足資料による)。例: Guilin。都市名(英語)と同じにしてください。",
    )
    slug = models.SlugField(
        "URL名",
        max_length=50,
        unique=True,
        help_text="ページのURLに使う半角英小文字の名前。例: guilin",
    )
    scope = models.CharField(
        "区分",
        max_length=10,
        choices=Scope.choices,
        help_text="海外(市政概要 3)か国内(市政概要 4)か。",
    )
    country_or_region = models.CharField(
        "国・地域",
        max_length=10,
        choices=CountryOrRegion.choices,
        help_text="都市のある国・地域。台湾は「地域」として扱います。",
    )
    state_or_province = models.CharField(
        "州・省など",
        max_length=100,
        blank=True,
        help_text="市政概要が書いている州・省・自治区など。書いていなければ空欄。例: テキサス州",
    )
    relationship_type = models.CharField(
        "提携の種類",
        max_length=40,
        choices=RelationshipType.choices,
        help_text="姉妹都市・友好都市・友好協力都市・交流都市・国際交流促進覚書(MOU)のいずれか。",
    )
    affiliated_on = models.DateField(
        "提携年月日",
        help_text="熊本市との提携が成立した日。月までしか分からなければその月の1日。",
    )
    affiliated_on_precision = DatePrecisionField()
    affiliation_partner_note = models.CharField(
        "提携の相手方に関する注記",
        max_length=200,
        blank=True,
        help_text="熊本市以外も当事者である場合などの注記。例: 熊本県と共同で締結",
    )
    heading = models.CharField(
        "節の見出し",
        max_length=100,
        help_text="市政概要の節の見出し(番号を除く)。例: 桂林市(中華人民共和国)",
    )
    history_heading = models.CharField(
        "経緯の見出し",
        max_length=50,
        default="提携までの経緯とその後の経過",
        help_text="経緯の文章に市政概要が付けている見出し。例: 協定締結までの経緯",
    )
    activities_heading = models.CharField(
        "交流の一覧の見出し",
        max_length=50,
        default="最近の主な交流",
        help_text="交流の一覧に市政概要が付けている見出し。例: 主な交流の経緯",
    )
    affiliation_history = models.TextField(
        "提携までの経緯とその後の経過",
        help_text="市政概要の「提携までの経緯とその後の経過」(または「協定締結までの経緯」)。"
        "段落ごとに改行します。",
    )
    overview = models.TextField(
        "都市の概要",
        help_text="市政概要の「…の概要」。段落ごとに改行します。",
    )
    population = models.PositiveIntegerField(
        "人口(人)", null=True, blank=True, help_text="概要に書かれた人口。書かれていなければ空欄。"
    )
    population_is_approximate = models.BooleanField(
        "人口は概数(約)", default=False, help_text="市政概要が「約」と書いていればオン。"
    )
    population_year = models.PositiveSmallIntegerField(
        "人口の時点(西暦年)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2200)],
        help_text="人口がいつの数値か(西暦年)。書かれていなければ空欄。",
    )
    population_note = models.CharField(
        "人口の時点の注記",
        max_length=30,
        blank=True,
        help_text="年のあとの注記。例: 末、推計、現在、7月1日現在",
    )
    area_km2 = models.DecimalField(
        "面積(km²)",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="概要に書かれた面積。書かれていなければ空欄。",
    )
    area_is_approximate = models.BooleanField(
        "面積は概数(約)", default=False, help_text="市政概要が「約」と書いていればオン。"
    )
    altitude_m = models.PositiveIntegerField(
        "標高(m)", null=True, blank=True, help_text="概要に書かれた標高。書かれていなければ空欄。"
    )
    annual_visitors = models.PositiveIntegerField(
        "年間観光客数(人)",
        null=True,
        blank=True,
        help_text="概要に書かれた年間の観光客数。書かれていなければ空欄。",
    )
    annual_visitors_is_approximate = models.BooleanField(
        "観光客数は概数(約)", default=False, help_text="市政概要が「約」と書いていればオン。"
    )
    latitude = models.DecimalField(
        "緯度",
        max_digits=7,
        decimal_places=4,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="市の中心のおよその緯度(10進法、世界測地系。補足資料による)。",
    )
    longitude = models.DecimalField(
        "経度",
        max_digits=8,
        decimal_places=4,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="市の中心のおよその経度(10進法、世界測地系。西経は負。補足資料による)。",
    )
    supplement_source = models.CharField(
        "英語名・位置の出典",
        max_length=200,
        validators=[source_validator],
        help_text="英語名と緯度・経度の出典。例: 補足資料: Partner cities: names and positions",
    )
    responsible_division = responsible_division_field(DIVISION_HELP)
    order = models.PositiveSmallIntegerField(
        "表示順", default=0, help_text="市政概要での順((1)桂林市…、国内の福井市は最後)。"
    )

    natural_key_fields = ("name",)
    objects = PartnerCityQuerySet.as_manager()

    class Meta:
        verbose_name = "姉妹・友好都市"
        verbose_name_plural = "姉妹・友好都市"
        ordering = ["order", "name"]
        # The lists' order (public list, admin changelist): read in order, never sorted.
        indexes = [models.Index(fields=["order", "name"], name="exchange_city_list_order")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(scope=Scope.DOMESTIC, country_or_region=CountryOrRegion.JAPAN)
                    | (Q(scope=Scope.OVERSEAS) & ~Q(country_or_region=CountryOrRegion.JAPAN))
                ),
                name="exchange_city_scope_matches_country",
                violation_error_message="国内の都市は「日本」、海外の都市は日本以外にしてください。",
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="exchange_city_coordinates_in_range",
                violation_error_message="緯度は-90〜90、経度は-180〜180です。",
            ),
            models.CheckConstraint(
                condition=Q(population__isnull=False) | Q(population_is_approximate=False),
                name="exchange_city_population_approx_needs_value",
                violation_error_message="人口がないのに「約」は付けられません。",
            ),
            models.CheckConstraint(
                condition=Q(area_km2__isnull=False) | Q(area_is_approximate=False),
                name="exchange_city_area_approx_needs_value",
                violation_error_message="面積がないのに「約」は付けられません。",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("exchange:city-detail", kwargs={"slug": self.slug})

    @property
    def position_display(self):
        """The coordinates as a citizen reads them: ``北緯29.4241度、西経98.4936度``.

        Stored as signed decimal degrees (WGS 84, west and south negative); shown with the
        hemisphere instead of the sign.
        """
        return _("%(latitude)s、%(longitude)s") % {
            "latitude": _degrees(self.latitude, _("北緯%(degrees)s度"), _("南緯%(degrees)s度")),
            "longitude": _degrees(self.longitude, _("東経%(degrees)s度"), _("西経%(degrees)s度")),
        }

    @property
    def is_overseas(self):
        """True for a city abroad (section 3), False for 福井市 (section 4)."""
        return self.scope == Scope.OVERSEAS

    @property
    def area_km2_plain(self):
        """The area without trailing zeros (``Decimal("27809")``, ``Decimal("77.3")``), or None."""
        if self.area_km2 is None:
            return None
        if self.area_km2 == self.area_km2.to_integral_value():
            return self.area_km2.quantize(Decimal(1))
        return self.area_km2.normalize()

    def anniversary(self, years: int) -> Anniversary:
        """The ``years``-th anniversary of the affiliation (``affiliated_on`` + ``years``)."""
        return Anniversary(
            self, years, same_day_years_later(self.affiliated_on, years), self.affiliated_on_precision
        )

    def anniversaries_between(self, first: datetime.date, last: datetime.date):
        """This city's anniversaries (10, 15, 20 … years) from ``first`` to ``last``, in order."""
        years = FIRST_ANNIVERSARY_YEARS
        found = []
        while (anniversary := self.anniversary(years)).date <= last:
            if anniversary.date >= first:
                found.append(anniversary)
            years += ANNIVERSARY_INTERVAL_YEARS
        return found

    def next_anniversary(self, day: datetime.date) -> Anniversary:
        """The first anniversary (10, 15, 20 … years) on or after ``day``."""
        years = FIRST_ANNIVERSARY_YEARS
        while (anniversary := self.anniversary(years)).date < day:
            years += ANNIVERSARY_INTERVAL_YEARS
        return anniversary

    @property
    def history_paragraphs(self):
        """The affiliation history as a list of paragraphs."""
        return [p for p in self.affiliation_history.split("\n") if p]

    @property
    def overview_paragraphs(self):
        """The overview as a list of paragraphs."""
        return [p for p in self.overview.split("\n") if p]


class CityChildQuerySet(NaturalKeyQuerySet):
    """Reads shared by the records that belong to one city."""

    def with_city(self):
        return self.select_related("city")


class AffiliationMilestone(SourcedModel):
    """A dated step of a city's affiliation history: a signed document, a visit, an anniversary."""

    city = models.ForeignKey(
        PartnerCity,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name="都市",
        help_text="この出来事のあった姉妹・友好都市。",
    )
    date = models.DateField(
        "年月日", help_text="出来事の日。月までなら1日、年までなら1月1日で入力します。"
    )
    date_precision = DatePrecisionField()
    kind = models.CharField(
        "種類",
        max_length=20,
        choices=MilestoneKind.choices,
        help_text="盟約・協定・覚書などの文書の種類、または訪問・周年などの出来事の種類。",
    )
    description = models.TextField(
        "内容", help_text="市政概要の「提携までの経緯」の記述(できるだけ原文のまま)。"
    )
    order = models.PositiveSmallIntegerField(
        "表示順", default=0, help_text="都市ごとの、市政概要に書かれた順。"
    )

    natural_key_fields = ("city", "order")
    objects = CityChildQuerySet.as_manager()

    class Meta:
        verbose_name = "提携の経緯(年表)"
        verbose_name_plural = "提携の経緯(年表)"
        ordering = ["city__order", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "order"], name="exchange_milestone_unique_order_per_city"
            ),
        ]

    def __str__(self):
        return f"{self.city} {self.date.isoformat()} {self.get_kind_display()}"


class CityDistance(SourcedModel):
    """A distance the overview gives, e.g. 「パリの南750km」: the city lies 750 km south of Paris."""

    city = models.ForeignKey(
        PartnerCity,
        on_delete=models.CASCADE,
        related_name="distances",
        verbose_name="都市",
        help_text="位置を説明される都市。",
    )
    reference_place = models.CharField(
        "基準の地点", max_length=50, help_text="距離の基準となる地名。例: パリ"
    )
    direction = models.CharField(
        "方角",
        max_length=10,
        help_text="基準の地点から見た都市の方角。例: 南",
    )
    distance_km = models.PositiveIntegerField("距離(km)", help_text="基準の地点からの距離。")
    distance_is_approximate = models.BooleanField(
        "距離は概数(およそ)", default=False, help_text="市政概要が「約」「およそ」と書いていればオン。"
    )
    order = models.PositiveSmallIntegerField(
        "表示順", default=0, help_text="都市ごとの、市政概要に書かれた順。"
    )

    natural_key_fields = ("city", "order")
    objects = CityChildQuerySet.as_manager()

    class Meta:
        verbose_name = "都市の位置(距離)"
        verbose_name_plural = "都市の位置(距離)"
        ordering = ["city__order", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "order"], name="exchange_distance_unique_order_per_city"
            ),
            models.UniqueConstraint(
                fields=["city", "reference_place"], name="exchange_distance_unique_place_per_city"
            ),
        ]

    def __str__(self):
        return f"{self.city}: {self.reference_place}の{self.direction}{self.distance_km}km"


class ExchangeActivityQuerySet(CityChildQuerySet):
    """Reads of exchange activities: by fiscal year, with their city."""

    def in_fiscal_year(self, year):
        """Activities dated within fiscal year ``year`` (April 1 ``year`` – March 31 ``year+1``).

        ``year`` is an int (平成27年度 = 2015).
        """
        start, end = fiscal_year_range(int(year))
        return self.filter(date__range=(start, end))

    def with_direction(self, direction):
        """Activities of kind ``direction`` (an ``ActivityDirection`` value).

        An exchange of visits is a dispatch and a hosting at once, so it is found by both.
        """
        directions = {direction}
        if direction in (ActivityDirection.DISPATCH, ActivityDirection.HOSTING):
            directions.add(ActivityDirection.EXCHANGE_OF_VISITS)
        return self.filter(direction__in=directions)

    def fiscal_years(self):
        """Sorted list of the fiscal years (ints) that have at least one activity (one query)."""
        dates = self.order_by().values_list("date", flat=True).distinct()
        return sorted({fiscal_year_of(day) for day in dates})

    def counts_by_fiscal_year_and_direction(self):
        """How many activities each fiscal year has of each kind, one query.

        ``[{"year": 2015, "direction": "dispatch", "count": 3}, …]``, oldest year first;
        the fiscal year (April–March) of each date is computed by the database.
        """
        year = ExtractYear("date") - Case(
            When(date__month__lt=4, then=Value(1)), default=Value(0)
        )
        return list(
            self.order_by()
            .annotate(year=year)
            .values("year", "direction")
            .annotate(count=Count("pk"))
            .order_by("year", "direction")
        )

    def counts_by_city_and_direction(self):
        """How many activities each city has of each kind, one query.

        ``[{"city_name": "桂林市", "city__order": 1, "direction": "dispatch", "count": 3},
        …]`` in the document's order of the cities, their names in the page's language;
        cities without activities are not in it.
        """
        return list(
            self.order_by()
            .annotate(city_name=in_page_language("city__name"))
            .values("city__order", "city_name", "direction")
            .annotate(count=Count("pk"))
            .order_by("city__order", "city_name", "direction")
        )

    def for_list(self):
        """Activities with their city, newest first; those of one month by city (in the
        order the cities were recorded, the document's for its nine) and in the document's
        order within a city.

        Every key of the order is a column of the activity, read in order from the index
        ``exchange_activity_list``: a month of hundreds of activities (a thousand cities)
        is not sorted through a join for each page (the partner city's ``order`` would be).
        """
        return self.select_related("city").order_by("-date", "city_id", "order")


class ExchangeActivity(SourcedModel):
    """One dated row of 「最近の主な交流」 (or 「主な交流の経緯」) of a partner city.

    One record per dated row of the document. A row that reports two visits, one each way
    (高雄市, 平成27年2月), is one activity of the kind 相互訪問 (exchange of visits), found by
    both the 派遣 and the 受入 filters.
    """

    city = models.ForeignKey(
        PartnerCity,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name="都市",
        help_text="交流の相手の都市。",
    )
    date = models.DateField(
        "年月", help_text="交流の時期。市政概要は年月までなので、その月の1日で入力します。"
    )
    date_precision = DatePrecisionField(default=DatePrecision.MONTH)
    direction = models.CharField(
        "交流の種類",
        max_length=20,
        choices=ActivityDirection.choices,
        help_text="行の書き方から分類: 派遣・受入・招聘・参加・出展・締結・開催など。",
    )
    description = models.TextField("内容", help_text="市政概要の行の文言(全角英数字は半角に)。")
    participant_count = models.PositiveIntegerField(
        "人数(人)",
        null=True,
        blank=True,
        help_text="行に書かれた人数。人数が複数で合計が書かれていなければ最初の人数。"
        "書かれていなければ空欄。",
    )
    participant_count_is_partial = models.BooleanField(
        "人数は一部",
        default=False,
        help_text="行に人数が複数書かれ合計がないため、最初の人数だけを入れた場合にオン。",
    )
    order = models.PositiveSmallIntegerField(
        "表示順", default=0, help_text="都市ごとの、市政概要に書かれた順。"
    )

    natural_key_fields = ("city", "order")
    objects = ExchangeActivityQuerySet.as_manager()

    class Meta:
        verbose_name = "交流の記録"
        verbose_name_plural = "交流の記録"
        ordering = ["city__order", "order"]
        # The order of the public list (for_list) and of the changelist, newest first, and
        # the fiscal-year filter (a date range); the city filter has the unique
        # constraint's index (city, order). (city, order) is unique, so the order is total:
        # no tie-break by id, which the index would not serve.
        indexes = [models.Index(fields=["-date", "city", "order"], name="exchange_activity_list")]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "order"], name="exchange_activity_unique_order_per_city"
            ),
            models.CheckConstraint(
                condition=Q(participant_count__isnull=False)
                | Q(participant_count_is_partial=False),
                name="exchange_activity_partial_count_needs_count",
                violation_error_message="人数がないのに「人数は一部」は付けられません。",
            ),
        ]

    def __str__(self):
        return f"{self.city} {self.date:%Y-%m} {self.description[:30]}"

    @property
    def participant_groups(self):
        """The groups whose head-count the line names, in the line's own words.

        「青少年交流団(高校生15名)・スポーツ交流団(中学生8名)・役員(6名)を派遣」 gives
        ``["高校生15名", "中学生8名", "役員6名"]``: each count with the word before it (the
        one before its bracket when the count stands alone in brackets). Empty when the
        line names no count.
        """
        groups = []
        for match in _HEAD_COUNT.finditer(self.description):
            label = match.group("label") or match.group("outer") or ""
            groups.append(f"{label}{match.group('count')}名")
        return groups

    @property
    def participants_display(self):
        """The head-count column: ``15人``, or each group the line names when there are several
        (``市議会議員3名・職員3名``), never a partial count with 「ほか」. Empty: no count."""
        if self.participant_count is None:
            return ""
        groups = self.participant_groups
        if self.participant_count_is_partial and len(groups) > 1:
            return "・".join(groups)
        return ngettext("%(count)s人", "%(count)s人", self.participant_count) % {
            "count": f"{self.participant_count:,}"
        }

    @property
    def fiscal_year(self):
        """The fiscal year (int, starting Gregorian year) of the activity."""
        return fiscal_year_of(self.date)


def _degrees(value, positive, negative):
    """``Decimal("-98.4936")`` → ``西経98.4936度`` (``98.4936° W`` in English); trailing zeros
    dropped (``110.29``). ``positive`` and ``negative`` are the forms with ``%(degrees)s``."""
    if value is None:
        return ""
    text = format(abs(Decimal(value)).normalize(), "f")
    return (positive if value >= 0 else negative) % {"degrees": text}


# A head-count in an activity line: 「職員3名」, 「(高校生15名)」, 「役員(6名)」. The label is the
# run of text before the count (or before its bracket), back to a punctuation mark or a
# particle that ends the previous phrase.
_HEAD_COUNT = re.compile(
    r"(?:(?P<outer>[^\s、・,。()をへにが]+)\()?(?P<label>[^\s、・,。()をへにが\d]*)(?P<count>\d[\d,]*)名"
)
