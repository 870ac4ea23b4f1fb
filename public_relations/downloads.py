"""The downloadable tables of the public relations pages: programmes and publications."""
from django.utils.translation import gettext_lazy as _

from core.citizen import citizen_source
from core.downloads import Column, Table, date_columns

PROGRAMME_TABLE = Table(
    "broadcast-programmes",
    "テレビ・ラジオ広報番組",
    [
        Column("タイトル", lambda programme: programme.display_title),
        Column("媒体", lambda programme: programme.get_medium_display()),
        Column("放送局", lambda programme: programme.broadcaster.name),
        Column("時間", lambda programme: programme.time_display),
        Column("放送枠", lambda programme: programme.host_display),
        Column("再放送", lambda programme: programme.rebroadcast_schedule),
        Column("出典", lambda programme: citizen_source(programme.source)),
    ],
)

#: The programmes of one medium, as the section page shows them (TV, then radio).
TV_PROGRAMME_TABLE = Table("tv-programmes", _("テレビ広報"), PROGRAMME_TABLE.columns)
RADIO_PROGRAMME_TABLE = Table("radio-programmes", _("ラジオ広報"), PROGRAMME_TABLE.columns)

PUBLICATION_TABLE = Table(
    "publications",
    "広報刊行物",
    [
        Column("タイトル", lambda publication: publication.display_title),
        Column("発行状況", lambda publication: publication.frequency),
        Column("発行部数", lambda publication: publication.circulation),
        Column("発行部数の単位", lambda publication: publication.circulation_unit),
        *date_columns("発行部数の実績月", "circulation_as_of", "circulation_as_of_precision"),
        Column("概要・その他", lambda publication: publication.distribution),
        Column("所管課", lambda publication: publication.responsible_division.name),
        Column("出典", lambda publication: citizen_source(publication.source)),
    ],
)
