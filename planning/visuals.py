"""The chart of section 2: the cooperation area's members by kind (市・町・村)."""
from graphics.charts import bar_chart


def members_chart(area):
    """How many members of each kind ``area`` has, from its prefetched members (no query).

    Each count carries its kind as its unit, as the document writes the composition
    (「5市10町2村」; in English 「5 cities」).
    """
    rows = [("", kind.label, len(members), kind) for kind, members in area.members_by_kind()]
    return bar_chart("members-by-kind", rows)
