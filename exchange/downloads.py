"""The downloadable tables of the exchange pages: partner cities, their milestones and
activities, anniversaries, the International Center's rooms and usage.

The columns are the pages' own headings; a date shown as 和暦 gets an ISO 8601 column and
a 和暦 column beside it (``core.downloads``). The open data catalogue publishes the same
tables as datasets.
"""
from django.utils.translation import gettext_lazy as _

from core.citizen import localized_citizen_source
from core.downloads import Column, Table, date_columns, fiscal_year_columns
from core.wareki import restate_eras

CITY_TABLE = Table(
    "partner-cities",
    _("姉妹・友好都市"),
    [
        Column(_("都市名"), lambda city: city.name),
        Column(_("英語名"), lambda city: city.english_name),
        Column(_("国・地域"), lambda city: city.get_country_or_region_display()),
        Column(_("州・省など"), lambda city: city.state_or_province),
        Column(_("提携の種類"), lambda city: city.get_relationship_type_display()),
        *date_columns(_("提携年月日"), "affiliated_on", "affiliated_on_precision"),
        Column(_("海外・国内"), lambda city: city.get_scope_display()),
        Column(_("緯度"), lambda city: city.latitude),
        Column(_("経度"), lambda city: city.longitude),
        Column(_("所管課"), lambda city: city.responsible_division.name),
        Column(_("出典"), lambda city: localized_citizen_source(city.source)),
    ],
)

ACTIVITY_TABLE = Table(
    "exchange-activities",
    _("交流の記録"),
    [
        *date_columns(_("年月"), "date", "date_precision"),
        Column(_("都市"), lambda activity: activity.city.name),
        Column(_("種類"), lambda activity: activity.get_direction_display()),
        Column(_("内容"), lambda activity: restate_eras(activity.description)),
        Column(_("人数"), lambda activity: activity.participants_display),
        Column(_("人数(人)"), lambda activity: activity.participant_count),
        Column(_("人数は一部"), lambda activity: activity.participant_count_is_partial),
        Column(_("出典"), lambda activity: localized_citizen_source(activity.source)),
    ],
)

USAGE_TABLE = Table(
    "international-center-usage",
    _("国際交流会館の利用状況"),
    [
        *fiscal_year_columns(_("年度"), lambda record: record.fiscal_year),
        Column(_("区分"), lambda record: record.category_label()),
        Column(_("利用人数(人)"), lambda record: record.number_of_users),
        Column(_("出典"), lambda record: localized_citizen_source(record.source)),
    ],
)

#: A city's activities on its own page: the columns of the activity list.
CITY_ACTIVITY_TABLE = Table("partner-city-activities", _("都市との交流の記録"), ACTIVITY_TABLE.columns)

MILESTONE_TABLE = Table(
    "affiliation-milestones",
    _("提携の歩み"),
    [
        Column(_("都市"), lambda milestone: milestone.city.name),
        *date_columns(_("年月日"), "date", "date_precision"),
        Column(_("種類"), lambda milestone: milestone.get_kind_display()),
        Column(_("内容"), lambda milestone: restate_eras(milestone.description)),
        Column(_("出典"), lambda milestone: localized_citizen_source(milestone.source)),
    ],
)

#: Rows: ``exchange.models.Anniversary``.
ANNIVERSARY_COLUMNS = [
    *date_columns(_("時期"), "date", "precision"),
    Column(_("都市"), lambda anniversary: anniversary.city.name),
    Column(_("提携の種類"), lambda anniversary: anniversary.city.get_relationship_type_display()),
    Column(_("周年"), lambda anniversary: anniversary.years),
    *date_columns(_("提携年月日"), "affiliated_on", "affiliated_on_precision", of=lambda a: a.city),
]
NEXT_ANNIVERSARY_TABLE = Table("next-anniversaries", _("各都市の次の周年"), ANNIVERSARY_COLUMNS)
PAST_ANNIVERSARY_TABLE = Table("anniversaries-this-fiscal-year", _("今年度の周年"), ANNIVERSARY_COLUMNS)

#: Rows: each ``Room`` of the floor guide, floor by floor.
ROOM_TABLE = Table(
    "international-center-rooms",
    _("国際交流会館の主要施設"),
    [
        Column(_("階層"), lambda room: room.floor.label),
        Column(_("施設名"), lambda room: room.name),
        Column(_("定員(人)"), lambda room: room.capacity),
        Column(_("出典"), lambda room: localized_citizen_source(room.source)),
    ],
)
