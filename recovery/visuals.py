"""The chart of section 6: the staff of each division of a department (課長以下 N名)."""
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from graphics.charts import bar_chart


def staff_chart(department):
    """The staff of each division of ``department`` (divisions prefetched: no query)."""
    rows = [("", division.name, division.staff_count, pgettext("unit of a head-count", "名")) for division in department.divisions.all()]
    return bar_chart(f"staff-{department.pk}", rows)
