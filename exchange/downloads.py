"""The downloadable tables of the exchange pages: partner cities, activities, center usage.

The columns are the pages' own headings; a date shown as 和暦 gets an ISO 8601 column and
a 和暦 column beside it (``core.downloads``). The open data catalogue publishes the same
tables as datasets.
"""
from core.downloads import Column, Table, date_columns
from core.wareki import format_fiscal_year

CITY_TABLE = Table(
    "partner-cities",
    "姉妹・友好都市",
    [
        Column("都市名", lambda city: city.name),
        Column("英語名", lambda city: city.english_name),
        Column("国・地域", lambda city: city.get_country_or_region_display()),
        Column("州・省など", lambda city: city.state_or_province),
        Column("提携の種類", lambda city: city.get_relationship_type_display()),
        *date_columns("提携年月日", "affiliated_on", "affiliated_on_precision"),
        Column("海外・国内", lambda city: city.get_scope_display()),
        Column("緯度", lambda city: city.latitude),
        Column("経度", lambda city: city.longitude),
        Column("所管課", lambda city: city.responsible_division.name),
        Column("出典", lambda city: city.source),
    ],
)

ACTIVITY_TABLE = Table(
    "exchange-activities",
    "交流の記録",
    [
        *date_columns("年月", "date", "date_precision"),
        Column("都市", lambda activity: activity.city.name),
        Column("種類", lambda activity: activity.get_direction_display()),
        Column("内容", lambda activity: activity.description),
        Column("人数(人)", lambda activity: activity.participant_count),
        Column("人数は一部", lambda activity: activity.participant_count_is_partial),
        Column("出典", lambda activity: activity.source),
    ],
)

USAGE_TABLE = Table(
    "international-center-usage",
    "国際交流会館の利用状況",
    [
        Column("年度", lambda record: record.fiscal_year),
        Column("年度(和暦)", lambda record: format_fiscal_year(record.fiscal_year)),
        Column("区分", lambda record: record.category_label()),
        Column("利用人数(人)", lambda record: record.number_of_users),
        Column("出典", lambda record: record.source),
    ],
)
