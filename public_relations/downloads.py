"""The downloadable tables of the public relations pages: programmes and publications."""
from django.utils.translation import gettext_lazy as _

from core.citizen import localized_citizen_source
from core.downloads import Column, Table, date_columns

PROGRAMME_TABLE = Table(
    "broadcast-programmes",
    _("テレビ・ラジオ広報番組"),
    [
        Column(_("タイトル"), lambda programme: programme.display_title),
        Column(_("媒体"), lambda programme: programme.get_medium_display()),
        Column(_("放送局"), lambda programme: programme.broadcaster.name),
        Column(_("時間"), lambda programme: programme.time_display),
        Column(_("放送枠"), lambda programme: programme.host_display),
        Column(_("再放送"), lambda programme: programme.rebroadcast_schedule),
        Column(_("出典"), lambda programme: localized_citizen_source(programme.source)),
    ],
)

#: The programmes of one medium, as the section page shows them (TV, then radio).
TV_PROGRAMME_TABLE = Table("tv-programmes", _("テレビ広報"), PROGRAMME_TABLE.columns)
RADIO_PROGRAMME_TABLE = Table("radio-programmes", _("ラジオ広報"), PROGRAMME_TABLE.columns)

PUBLICATION_TABLE = Table(
    "publications",
    _("広報刊行物"),
    [
        Column(_("タイトル"), lambda publication: publication.display_title),
        Column(_("発行状況"), lambda publication: publication.frequency),
        Column(_("発行部数"), lambda publication: publication.circulation),
        Column(_("発行部数の単位"), lambda publication: publication.circulation_unit),
        *date_columns(_("発行部数の実績月"), "circulation_as_of", "circulation_as_of_precision"),
        Column(_("概要・その他"), lambda publication: publication.distribution),
        Column(_("所管課"), lambda publication: publication.responsible_division.name),
        Column(_("出典"), lambda publication: localized_citizen_source(publication.source)),
    ],
)
