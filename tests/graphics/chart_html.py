"""Reading a chart back from a page's HTML, for the tests of the pages that draw one."""
import re


def chart_figure(html, chart_id):
    """The ``<figure>`` of the chart ``chart_id`` (its whole text)."""
    match = re.search(rf'<figure class="chart" id="{chart_id}">.*?</figure>', html, re.S)
    assert match, f"グラフ {chart_id} がありません"
    return match.group(0)


def drawn_values(figure):
    """``{bar label: (value, text shown at the bar's end)}`` of a one-series chart."""
    drawing = figure[: figure.index("</svg>", figure.index('class="chart-bars"'))]
    values = {}
    for bar in re.finditer(r'<g class="chart-bar" data-label="([^"]+)"(.*?)</g>', drawing, re.S):
        value = sum(int(v) for v in re.findall(r'data-value="(\d+)"', bar.group(2)))
        shown = re.search(r'<text class="chart-value"[^>]*>([^<]*)</text>', bar.group(2)).group(1)
        values[bar.group(1)] = (value, shown)
    return values
