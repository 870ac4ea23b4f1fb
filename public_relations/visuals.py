"""The chart of section 5(2): the circulation of each publication (部, or 本 for the CD)."""
from graphics.charts import bar_chart


def circulation_chart(publications):
    """The circulation of each of ``publications`` (evaluated once, with the page's table).

    Each bar carries its own unit: 部 for print, 本 for the CD edition.
    """
    rows = [
        ("", publication.display_title, publication.circulation, publication.get_circulation_unit_display())
        for publication in publications
    ]
    return bar_chart("circulation", rows)
