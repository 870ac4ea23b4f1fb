"""Bar charts laid out on the server, drawn as inline SVG by ``graphics/includes/bar_chart.html``.

A chart is horizontal bars, one per row, each split into segments of its series (stacked).
Lengths are percentages of the chart's width and the rows' heights are pixels: the SVG
takes the page's width while its text keeps the page's size, on a phone as on a desktop.
Every bar carries its value as text at its end; a stacked bar's series differ in colour
and in pattern, named in the legend, so colour is never the only cue.

Values drawn are the values given: the layout scales, it never rounds or adds data.
"""
from dataclasses import dataclass, field

#: Share of the width the longest bar takes: the rest holds its value label.
MAX_BAR = 72.0
#: A bar of a value above 0 is at least this wide (percent), so that it shows.
MIN_BAR = 0.4

ROW_LABEL_HEIGHT = 20
BAR_HEIGHT = 18
ROW_GAP = 12
GROUP_HEADING_HEIGHT = 28

#: Fill colours of the series, in order. Each has a contrast of at least 4.5:1 with white
#: (the page and the white gap between segments), above the 3:1 graphics need (WCAG 1.4.11).
COLOURS = (
    "#0b5394",
    "#a8460f",
    "#2e7d32",
    "#6a2c86",
    "#a61b4a",
    "#00695c",
    "#5d4037",
    "#37474f",
    "#7a5d00",
)
#: White marks drawn over the colours, in order, so that series differ without colour.
PATTERNS = (
    "solid",
    "diagonal",
    "dots",
    "horizontal",
    "crosshatch",
    "vertical",
    "antidiagonal",
    "grid",
    "rings",
)


@dataclass
class Series:
    """One kind of value in a chart (a segment of each bar): its key, label, colour, pattern."""

    key: str
    label: str
    colour: str = COLOURS[0]
    pattern: str = PATTERNS[0]


@dataclass
class Segment:
    """A part of a bar: a series' value, ``x`` and ``width`` in percent of the chart."""

    series: Series
    value: float
    x: float = 0.0
    width: float = 0.0


@dataclass
class Bar:
    """One row: a label, its segments, the total shown at its end (in ``unit``)."""

    label: str
    segments: list
    unit: str = ""
    y: int = 0

    @property
    def total(self):
        return sum(segment.value for segment in self.segments)

    @property
    def end(self):
        """Where the bar ends (percent), where its value label starts."""
        return round(sum(segment.width for segment in self.segments), 2)

    @property
    def bar_y(self):
        return self.y + ROW_LABEL_HEIGHT

    @property
    def label_y(self):
        return self.y + ROW_LABEL_HEIGHT - 6

    @property
    def value_y(self):
        return self.bar_y + BAR_HEIGHT - 4


@dataclass
class Group:
    """Bars under a common heading (e.g. a 年度); ``heading`` may be empty."""

    heading: str
    bars: list
    y: int = 0

    @property
    def heading_y(self):
        return self.y + GROUP_HEADING_HEIGHT - 8


@dataclass
class BarChart:
    """A laid-out chart: its series (the legend), its groups of bars and its height in px.

    ``chart_id`` makes the ids of its patterns unique on the page.
    """

    chart_id: str
    series: list
    groups: list
    unit: str = ""
    height: int = 0
    bar_height: int = BAR_HEIGHT

    @property
    def bars(self):
        return [bar for group in self.groups for bar in group.bars]

    @property
    def stacked(self):
        """Whether the legend is needed: more than one series has a value."""
        return len(self.series) > 1

    @property
    def is_empty(self):
        return not any(bar.total for bar in self.bars)


def bar_chart(chart_id, rows, series=(), unit=""):
    """Lay out a chart from ``rows`` of ``(group heading, bar label, values)``.

    ``values`` is a number (a chart of one series) or ``{series key: number}``; ``series``
    lists ``(key, label)`` pairs in the legend's and the segments' order (those without a
    value in any row are left out). A row may be ``(heading, label, values, unit)`` to give
    its own unit (部 or 本). Rows with the same heading in a run form one group.
    """
    all_series = [
        Series(key, label, COLOURS[index % len(COLOURS)], PATTERNS[index % len(PATTERNS)])
        for index, (key, label) in enumerate(series or [("value", "")])
    ]
    groups = []
    for heading, label, values, *own_unit in rows:
        if not isinstance(values, dict):
            values = {all_series[0].key: values}
        segments = [Segment(item, values[item.key]) for item in all_series if values.get(item.key)]
        bar = Bar(label, segments, own_unit[0] if own_unit else unit)
        if not groups or groups[-1].heading != heading:
            groups.append(Group(heading, []))
        groups[-1].bars.append(bar)
    used = {segment.series.key for group in groups for bar in group.bars for segment in bar.segments}
    chart = BarChart(chart_id, [item for item in all_series if item.key in used], groups, unit)
    _lay_out(chart)
    return chart


def _lay_out(chart):
    largest = max((bar.total for bar in chart.bars), default=0)
    y = 0
    for group in chart.groups:
        group.y = y
        if group.heading:
            y += GROUP_HEADING_HEIGHT
        for bar in group.bars:
            bar.y = y
            x = 0.0
            for segment in bar.segments:
                width = MAX_BAR * segment.value / largest if largest else 0
                segment.x, segment.width = round(x, 2), round(max(width, MIN_BAR), 2)
                x += segment.width
            y += ROW_LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    chart.height = y
