"""The downloadable table of the planning pages: the cooperation area's member municipalities."""
from core.downloads import Column, Table

MEMBER_TABLE = Table(
    "metropolitan-area-members",
    "連携中枢都市圏の構成市町村",
    [
        Column("順", lambda member: member.order),
        Column("市町村名", lambda member: member.name),
        Column("種別", lambda member: member.get_kind_display()),
        Column("連携中枢都市", lambda member: "連携中枢都市" if member.is_core_city else ""),
        Column("連携中枢都市圏", lambda member: member.area.name),
        Column("出典", lambda member: member.source),
    ],
)
