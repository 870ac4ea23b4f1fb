"""The downloadable tables of the planning pages: the members of the cooperation area, its
figures and policy fields, and the sector policies of the comprehensive plan.

The columns are the pages' own headings (``core.downloads``); the open data catalogue
publishes the same tables as datasets.
"""
from django.utils.translation import gettext_lazy as _

from core.citizen import localized_citizen_source
from core.downloads import Column, Table

MEMBER_TABLE = Table(
    "metropolitan-area-members",
    _("連携中枢都市圏の構成市町村"),
    [
        Column(_("順"), lambda member: member.order),
        Column(_("市町村名"), lambda member: member.name),
        Column(_("種別"), lambda member: member.get_kind_display()),
        Column(_("連携中枢都市"), lambda member: _("連携中枢都市") if member.is_core_city else ""),
        Column(_("連携中枢都市圏"), lambda member: member.area.name),
        Column(_("出典"), lambda member: localized_citizen_source(member.source)),
    ],
)

#: Rows: ``planning.models.Figure`` of ``MetropolitanCooperationArea.figures()``.
FIGURE_TABLE = Table(
    "metropolitan-area-figures",
    _("連携中枢都市圏の事業所・通勤・人口"),
    [
        Column(_("項目"), lambda figure: figure.label),
        Column(_("数値"), lambda figure: figure.display),
        Column(_("数"), lambda figure: figure.value),
        Column(_("単位"), lambda figure: figure.unit),
        Column(_("概数"), lambda figure: figure.is_approximate),
    ],
)

POLICY_FIELD_TABLE = Table(
    "metropolitan-area-policy-fields",
    _("連携中枢都市圏の取組と政策分野"),
    [
        Column(_("取組"), lambda field: str(field.pillar)),
        Column(_("分類"), lambda field: field.category.name if field.category_id else ""),
        Column(_("記号"), lambda field: field.letter),
        Column(_("政策分野"), lambda field: field.title),
        Column(_("内容"), lambda field: field.description),
        Column(_("出典"), lambda field: localized_citizen_source(field.source)),
    ],
)

SECTOR_POLICY_TABLE = Table(
    "plan-sector-policies",
    _("分野別施策の基本方針と基本計画の章"),
    [
        Column(_("章"), lambda policy: policy.number),
        Column(_("基本構想の基本方針"), lambda policy: f"{policy.circled_number} {policy.title}"),
        Column(_("基本計画の章名"), lambda policy: policy.chapter_title),
        Column(_("出典"), lambda policy: localized_citizen_source(policy.source)),
    ],
)
