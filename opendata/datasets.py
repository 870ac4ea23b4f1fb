"""The datasets the portal publishes as open data, read from the content apps' records.

Three follow the column lists of the national standard datasets (自治体標準オープンデータセット;
the lists are kept in ``opendata/standards/*.json`` with their source): イベント一覧 from the
exchange activities, 公共施設一覧 from the International Center and オープンデータ一覧, the
catalogue itself. The others cover what no standard dataset does, in the same style (the
four columns that name the city first): the tables of the public pages whose rows are
records (partner cities and their milestones, exchange activities, the center's rooms and
usage per fiscal year, the plan's sector policies, the cooperation area's members and policy
fields, broadcast programmes, publications, the divisions of 復興部). A table computed from
others (anniversaries, a city's or a medium's share of a list) or the figures of one record
(the area's 圏域の数字, 復興部's staff) is downloaded from its page only.

A value the document does not give stays empty: nothing is made up to fill a column.
"""
import calendar
import datetime
from dataclasses import dataclass, field
from typing import Any, Callable

from django.conf import settings
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from audit.history import division_lookup, history_model
from core.citizen import citizen_source, citizen_sources
from core.downloads import Column, Table, iso_date
from core.models import Division
from core.wareki import DatePrecision, format_fiscal_year
from exchange.downloads import ACTIVITY_TABLE, CITY_TABLE, MILESTONE_TABLE, ROOM_TABLE
from exchange.models import (
    AffiliationMilestone,
    ExchangeActivity,
    Floor,
    InternationalCenter,
    PartnerCity,
    Room,
    UsageCategory,
    UsageRecord,
)
from planning.downloads import POLICY_FIELD_TABLE, SECTOR_POLICY_TABLE
from planning.models import (
    ComprehensivePlan,
    MemberMunicipality,
    MetropolitanCooperationArea,
    Pillar,
    PolicyField,
    PolicyFieldCategory,
    SectorPolicy,
)
from public_relations.downloads import PROGRAMME_TABLE, PUBLICATION_TABLE
from public_relations.models import Broadcaster, BroadcastProgramme, Publication
from recovery.downloads import DIVISION_TABLE
from recovery.models import DepartmentDivision, Duty, RecoveryDepartment

#: The 全国地方公共団体コード of Kumamoto City (熊本市), with its check digit.
CITY_CODE = "431001"
PREFECTURE_NAME = "熊本県"
CITY_NAME = "熊本市"

LICENSE_NAME = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/deed.ja"
LICENSE_IRI = "https://creativecommons.org/licenses/by/4.0/"
#: 分類 of the オープンデータ一覧 standard for every dataset here.
INTERNATIONAL = "国際"
ADMINISTRATION = "行財政"
UPDATE_FREQUENCY = "随時"


def DatasetTable(name: str, title: str, columns: list[Column]) -> Table:  # noqa: N802
    """A dataset's table: written in Japanese from every page, ``/en/opendata/…`` too.

    Its columns are those of a 自治体標準オープンデータセット or the Japanese names the
    catalogue publishes; a program reading the file finds them whatever the page's
    language (the tables of the pages it reuses are English on English pages).
    """
    return Table(name, title, columns, language=settings.LANGUAGE_CODE)


def city_columns(number=lambda obj: obj.pk) -> list[Column]:
    """The four columns with which the standard datasets name the city that publishes them.

    NO is ``number(row)``, by default the record's id in the portal: it stays the same
    while the record exists.
    """
    return [
        Column("都道府県コード又は市区町村コード", lambda obj: CITY_CODE),
        Column("NO", number),
        Column("都道府県名", lambda obj: PREFECTURE_NAME),
        Column("市区町村名", lambda obj: CITY_NAME),
    ]


def relabel(columns: list[Column], labels: dict[str, str]) -> list[Column]:
    """The same columns, some under another label (``labels``: page label → dataset label).

    The page labels are compared in Japanese (they are translatable, ``gettext_lazy``).
    """
    with translation.override(settings.LANGUAGE_CODE):
        return [Column(labels.get(str(column.label), column.label), column.value) for column in columns]


def blank(label: str) -> Column:
    """A column of the standard that the document gives no value for: always empty."""
    return Column(label, lambda obj: "")


# --- イベント一覧 from the exchange activities ------------------------------------------


def last_day(day: datetime.date, precision: str) -> datetime.date:
    """The last day a date known to ``precision`` can be: end of its month or year."""
    if precision == DatePrecision.YEAR:
        return day.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return day


def event_date_note(activity) -> str:
    if activity.date_precision == DatePrecision.DAY:
        return ""
    known = "年月" if activity.date_precision == DatePrecision.MONTH else "年"
    return f"市政概要には{known}のみ記載(開始日・終了日はその期間の初日と末日)"


def one_line(text: str) -> str:
    """``text`` on one line: a line break of the document becomes the end of a sentence (「。」).

    「熊本市長、熊本市訪問団が高雄市を訪問⏎高雄市副市長…」 → 「…高雄市を訪問。高雄市副市長…」;
    a line that already ends a sentence is not given a second 「。」.
    """
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    joined = ""
    for line in lines:
        if joined and not joined.endswith(("。", "!", "?")):
            joined += "。"
        joined += line
    return joined


def event_name(activity) -> str:
    """イベント名: the partner city and the document's own line for the exchange, nothing else.

    The document names each exchange in one line under its city's 「最近の主な交流」
    (「熊本市高校生友好訪問団(19名)の派遣」); the city says with whom, since the line often
    does not (「第3回熊本城マラソンへランナー5名を招聘」):
    「桂林市との交流: 熊本市高校生友好訪問団(19名)の派遣」.
    """
    return f"{activity.city.name}との交流: {one_line(activity.description)}"


def event_note(activity) -> str:
    parts = [f"交流の種類: {activity.get_direction_display()}"]
    if activity.participant_count is not None:
        more = "ほか" if activity.participant_count_is_partial else ""
        parts.append(f"人数: {activity.participant_count}人{more}")
    parts.append(f"出典: {citizen_source(activity.source)}")
    return "。".join(parts)


EVENT_TABLE = DatasetTable(
    "event",
    "イベント一覧",
    [
        *city_columns(),
        Column("イベント名", event_name),
        blank("イベント名_カナ"),
        blank("イベント名_英語"),
        Column("開始日", lambda a: a.date.isoformat()),
        Column("終了日", lambda a: last_day(a.date, a.date_precision).isoformat()),
        blank("開始時間"),
        blank("終了時間"),
        Column("開始日時特記事項", event_date_note),
        Column("説明", lambda a: a.description),
        blank("料金(基本)"),
        blank("料金(詳細)"),
        Column("連絡先名称", lambda a: f"{CITY_NAME} {a.city.responsible_division.name}"),
        blank("連絡先電話番号"),
        blank("連絡先内線番号"),
        blank("主催者"),
        blank("場所名称"),
        blank("住所"),
        blank("方書"),
        blank("緯度"),
        blank("経度"),
        blank("アクセス方法"),
        blank("駐車場情報"),
        blank("定員"),
        blank("参加申込終了日"),
        blank("参加申込終了時間"),
        blank("参加申込方法"),
        blank("URL"),
        Column("備考", event_note),
    ],
)

# --- 公共施設一覧 from the International Center ------------------------------------------

FACILITY_TABLE = DatasetTable(
    "public-facility",
    "公共施設一覧",
    [
        *city_columns(),
        Column("名称", lambda center: center.name),
        blank("名称_カナ"),
        blank("名称_通称"),
        blank("POIコード"),
        Column("住所", lambda center: f"{PREFECTURE_NAME}{CITY_NAME}{center.address}"),
        blank("方書"),
        blank("緯度"),
        blank("経度"),
        blank("電話番号"),
        blank("内線番号"),
        blank("法人番号"),
        Column("団体名", lambda center: center.operator),
        blank("利用可能曜日"),
        blank("開始時間"),
        blank("終了時間"),
        blank("利用可能日時特記事項"),
        Column("説明", lambda center: "\n".join(center.paragraphs())),
        blank("バリアフリー情報"),
        blank("URL"),
        Column(
            "備考",
            lambda center: f"所管課: {center.responsible_division.name}。出典: {citizen_source(center.source)}",
        ),
    ],
)

# --- Datasets no standard covers ---------------------------------------------------------

# The list page's columns, named as CLAIR's list of sister cities names them.
PARTNER_CITY_TABLE = DatasetTable(
    "partner-cities",
    "姉妹・友好都市一覧",
    [
        *city_columns(),
        *relabel(CITY_TABLE.columns, {"都市名": "提携先名称", "州・省など": "州・省"}),
        Column("英語名・位置の出典", lambda city: citizen_source(city.supplement_source)),
    ],
)

ACTIVITY_DATASET_TABLE = DatasetTable(
    "exchange-activities", "国際交流の記録", [*city_columns(), *ACTIVITY_TABLE.columns]
)


def usage_count(category):
    def value(table):
        counts = [r.number_of_users for r in table.records if r.category == category]
        return sum(counts) if counts else None

    return value


def usage_rooms(table):
    rooms = [r.room_count for r in table.records if r.category == UsageCategory.ROOMS]
    return rooms[0] if rooms else None


USAGE_BY_YEAR_TABLE = DatasetTable(
    "international-center-usage",
    "国際交流会館の利用状況",
    [
        *city_columns(number=lambda table: table.fiscal_year),
        Column("年度", lambda table: table.fiscal_year),
        Column("年度(和暦)", lambda table: format_fiscal_year(table.fiscal_year)),
        Column("施設名", lambda table: table.records[0].center.name),
        *(
            Column(f"{category.label}(人)", usage_count(category))
            for category in UsageCategory
        ),
        Column("会議室等の室数", usage_rooms),
        Column("合計(人)", lambda table: table.total),
        Column("出典", lambda table: citizen_sources(table.sources)),
    ],
)

MEMBER_DATASET_TABLE = DatasetTable(
    "metropolitan-area-members",
    "連携中枢都市圏の構成市町村",
    [
        *city_columns(),
        Column("連携中枢都市圏", lambda member: member.area.name),
        Column("順", lambda member: member.order),
        Column("構成市町村名", lambda member: member.name),
        Column("種別", lambda member: member.get_kind_display()),
        Column("連携中枢都市", lambda member: "はい" if member.is_core_city else "いいえ"),
        Column("出典", lambda member: citizen_source(member.source)),
    ],
)

PROGRAMME_DATASET_TABLE = DatasetTable(
    "broadcast-programmes",
    "広報番組一覧",
    [
        *city_columns(),
        *PROGRAMME_TABLE.columns,
        Column("所管課", lambda programme: programme.responsible_division.name),
    ],
)


MILESTONE_DATASET_TABLE = DatasetTable(
    "affiliation-milestones", "姉妹・友好都市との提携の歩み", [*city_columns(), *MILESTONE_TABLE.columns]
)

ROOM_DATASET_TABLE = DatasetTable(
    "international-center-rooms",
    "国際交流会館の主要施設",
    [
        *city_columns(),
        Column("会館名", lambda room: room.floor.center.name),
        *ROOM_TABLE.columns,
    ],
)

SECTOR_POLICY_DATASET_TABLE = DatasetTable(
    "plan-sector-policies",
    "総合計画の分野別施策",
    [
        *city_columns(),
        Column("総合計画", lambda policy: policy.plan.name),
        *SECTOR_POLICY_TABLE.columns,
    ],
)

POLICY_FIELD_DATASET_TABLE = DatasetTable(
    "metropolitan-area-policy-fields",
    "連携中枢都市圏の取組と政策分野",
    [
        *city_columns(),
        Column("連携中枢都市圏", lambda field: field.pillar.area.name),
        *POLICY_FIELD_TABLE.columns,
    ],
)

PUBLICATION_DATASET_TABLE = DatasetTable(
    "publications", "広報刊行物一覧", [*city_columns(), *PUBLICATION_TABLE.columns]
)

DIVISION_DATASET_TABLE = DatasetTable(
    "recovery-department-divisions",
    "復興部の部署と業務概要",
    [*city_columns(), *DIVISION_TABLE.columns],
)


# --- The catalogue -----------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """One published dataset: its table, where its records come from and what dates it.

    ``objects(catalog)`` returns the records (a queryset, read in chunks when downloaded);
    ``models`` are the content models whose audit trail gives the last modification.
    ``standard`` names the column list in ``opendata/standards/`` the table follows.
    """

    slug: str
    description: Any
    category: str
    table: Table
    objects: Callable
    models: tuple = ()
    standard: str = ""
    keywords: tuple = field(default=())

    @property
    def title(self):
        return self.table.title


DATASETS = [
    Dataset(
        "event",
        _("姉妹・友好都市との交流の記録を、自治体標準オープンデータセット「イベント一覧」の項目で"
          "まとめたもの。市政概要は年月までしか書いていないため、開始日・終了日はその月の初日と末日です。"),
        INTERNATIONAL,
        EVENT_TABLE,
        lambda catalog: ExchangeActivity.objects.for_list().select_related(
            "city__responsible_division"
        ),
        (ExchangeActivity, PartnerCity),
        standard="event",
        keywords=("国際交流", "イベント"),
    ),
    Dataset(
        "public-facility",
        _("熊本市国際交流会館を、自治体標準オープンデータセット「公共施設一覧」の項目でまとめたもの。"),
        INTERNATIONAL,
        FACILITY_TABLE,
        lambda catalog: InternationalCenter.objects.select_related("responsible_division"),
        (InternationalCenter,),
        standard="public_facility",
        keywords=("公共施設", "国際交流会館"),
    ),
    Dataset(
        "partner-cities",
        _("熊本市の海外・国内の姉妹・友好都市。提携年月日、提携の種類、国・地域、州・省、英語名、緯度・経度。"),
        INTERNATIONAL,
        PARTNER_CITY_TABLE,
        lambda catalog: PartnerCity.objects.for_list(),
        (PartnerCity,),
        keywords=("姉妹都市", "友好都市"),
    ),
    Dataset(
        "exchange-activities",
        _("姉妹・友好都市との主な交流(派遣・受入・招聘など)の年月、内容、人数。"),
        INTERNATIONAL,
        ACTIVITY_DATASET_TABLE,
        lambda catalog: ExchangeActivity.objects.for_list(),
        (ExchangeActivity, PartnerCity),
        keywords=("国際交流",),
    ),
    Dataset(
        "international-center-usage",
        _("熊本市国際交流会館の年度ごとの利用人数(ホール・会議室等・サポートセンター)と合計。"),
        INTERNATIONAL,
        USAGE_BY_YEAR_TABLE,
        lambda catalog: UsageRecord.objects.select_related("center").tables(),
        (UsageRecord, InternationalCenter),
        keywords=("国際交流会館", "利用状況"),
    ),
    Dataset(
        "metropolitan-area-members",
        _("熊本連携中枢都市圏を構成する市町村と、その種別。"),
        ADMINISTRATION,
        MEMBER_DATASET_TABLE,
        lambda catalog: MemberMunicipality.objects.select_related("area"),
        (MemberMunicipality, MetropolitanCooperationArea),
        keywords=("連携中枢都市圏",),
    ),
    Dataset(
        "broadcast-programmes",
        _("熊本市のテレビ・ラジオ広報番組の放送局、放送時間と再放送。"),
        ADMINISTRATION,
        PROGRAMME_DATASET_TABLE,
        lambda catalog: BroadcastProgramme.objects.for_listing().select_related(
            "responsible_division"
        ),
        (BroadcastProgramme, Broadcaster),
        keywords=("広報",),
    ),
    Dataset(
        "affiliation-milestones",
        _("姉妹・友好都市との提携の歩み(協定の調印・提携など)の年月日と内容。"),
        INTERNATIONAL,
        MILESTONE_DATASET_TABLE,
        lambda catalog: AffiliationMilestone.objects.select_related("city").order_by(
            "city__order", "order"
        ),
        (AffiliationMilestone, PartnerCity),
        keywords=("姉妹都市", "友好都市"),
    ),
    Dataset(
        "international-center-rooms",
        _("熊本市国際交流会館の主要施設(階ごとの部屋と定員)。"),
        INTERNATIONAL,
        ROOM_DATASET_TABLE,
        lambda catalog: Room.objects.select_related("floor__center").order_by(
            "floor__center", "floor__order", "order"
        ),
        (Room, Floor, InternationalCenter),
        keywords=("国際交流会館", "公共施設"),
    ),
    Dataset(
        "plan-sector-policies",
        _("熊本市第7次総合計画の分野別施策: 基本構想の基本方針と、それを章とする基本計画の章名。"),
        ADMINISTRATION,
        SECTOR_POLICY_DATASET_TABLE,
        lambda catalog: SectorPolicy.objects.select_related("plan"),
        (SectorPolicy, ComprehensivePlan),
        keywords=("総合計画",),
    ),
    Dataset(
        "metropolitan-area-policy-fields",
        _("熊本連携中枢都市圏の3つの取組と、その政策分野の内容。"),
        ADMINISTRATION,
        POLICY_FIELD_DATASET_TABLE,
        lambda catalog: PolicyField.objects.select_related("pillar__area", "category").order_by(
            "pillar__area", "pillar__number", "category__order", "order"
        ),
        (PolicyField, PolicyFieldCategory, Pillar, MetropolitanCooperationArea),
        keywords=("連携中枢都市圏",),
    ),
    Dataset(
        "publications",
        _("熊本市の広報刊行物(市政だよりなど)の発行状況、発行部数と配布方法。"),
        ADMINISTRATION,
        PUBLICATION_DATASET_TABLE,
        lambda catalog: Publication.objects.for_listing().select_related("responsible_division"),
        (Publication,),
        keywords=("広報",),
    ),
    Dataset(
        "recovery-department-divisions",
        _("熊本地震の後に設置した復興部の部署、人数と業務概要。"),
        ADMINISTRATION,
        DIVISION_DATASET_TABLE,
        lambda catalog: DepartmentDivision.objects.for_download(),
        (DepartmentDivision, Duty, RecoveryDepartment),
        keywords=("震災復興", "熊本地震"),
    ),
]


@dataclass
class Entry:
    """A dataset as the catalogue shows it: with its row count, divisions, last change."""

    number: int
    dataset: Dataset
    count: int
    divisions: list[str]
    last_modified: datetime.datetime | None
    #: The dataset's place on the catalogue page (absolute URL; empty without a request).
    url: str = ""

    @property
    def modified_on(self) -> datetime.date | None:
        """The day of the last change, in Japan's time (``Asia/Tokyo``)."""
        return timezone.localdate(self.last_modified) if self.last_modified else None

    @property
    def slug(self):
        return self.dataset.slug

    @property
    def title(self):
        return self.dataset.title


class Catalog:
    """The catalogue of one request: every dataset with its figures, read once.

    Its queries do not depend on the number of records: one count, one division list and
    one latest change per model.
    """

    def __init__(self, page_url=None):
        # page_url(slug) → the absolute URL of the dataset on the catalogue page.
        self.page_url = page_url or (lambda slug: "")

    @cached_property
    def _last_changes(self):
        models = {model for dataset in DATASETS for model in dataset.models}
        return {
            model: history_model(model).objects.aggregate(last=Max("history_date"))["last"]
            for model in models
        }

    def last_modified(self, dataset):
        dates = [self._last_changes[model] for model in dataset.models]
        dates = [date for date in dates if date is not None]
        return max(dates) if dates else None

    @cached_property
    def entries(self) -> list[Entry]:
        entries = []
        for number, dataset in enumerate(DATASETS, start=1):
            main = dataset.models[0]
            lookup = division_lookup(main)
            # The divisions as records, so that each name reads in the page's language.
            divisions = [
                division.name
                for division in Division.objects.filter(pk__in=main.objects.values(lookup)).order_by("order")
            ]
            records = dataset.objects(self)
            count = len(records) if isinstance(records, list) else records.count()
            entries.append(
                Entry(number, dataset, count, list(dict.fromkeys(divisions)),
                      self.last_modified(dataset), self.page_url(dataset.slug))
            )
        entries.append(self.catalogue_entry(len(entries) + 1, entries))
        return entries

    def catalogue_entry(self, number, entries):
        """オープンデータ一覧 itself: as many rows as datasets, dated by the latest of them."""
        dates = [entry.last_modified for entry in entries if entry.last_modified]
        divisions = list(dict.fromkeys(d for entry in entries for d in entry.divisions))
        return Entry(
            number, CATALOG_DATASET, len(entries) + 1, divisions, max(dates, default=None),
            self.page_url(CATALOG_DATASET.slug),
        )

    def entry(self, slug):
        return next((entry for entry in self.entries if entry.slug == slug), None)


CATALOG_TABLE = DatasetTable(
    "open-data",
    "オープンデータ一覧",
    [
        *city_columns(number=lambda entry: entry.number),
        Column("データ名称", lambda entry: entry.title),
        Column("データ概要", lambda entry: str(entry.dataset.description)),
        Column("データ形式", lambda entry: "CSV;XLSX;JSON"),
        Column("分類", lambda entry: entry.dataset.category),
        Column("更新頻度", lambda entry: UPDATE_FREQUENCY),
        Column("URL", lambda entry: entry.url),
        # Every dataset's records are also read one by one at /api/v1/ (the api app).
        Column("API対応有無", lambda entry: "有"),
        Column("ライセンス", lambda entry: LICENSE_NAME),
        Column("登録日", lambda entry: ""),
        Column("最終更新日", lambda entry: iso_date(entry.modified_on)),
        Column("備考", lambda entry: f"所管課: {'、'.join(entry.divisions)}"),
    ],
)


CATALOG_DATASET = Dataset(
    "open-data",
    _("このポータルが公開するオープンデータの一覧(自治体標準オープンデータセット「オープンデータ一覧」の項目)。"),
    ADMINISTRATION,
    CATALOG_TABLE,
    lambda catalog: catalog.entries,
    standard="open_data",
    keywords=("オープンデータ",),
)



def find_dataset(slug):
    """The dataset published as ``slug`` (the catalogue included), or ``None``."""
    return next((d for d in [*DATASETS, CATALOG_DATASET] if d.slug == slug), None)
