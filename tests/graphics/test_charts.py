"""Bar charts: the layout scales the values it is given, and the drawing says them all."""
import re

import pytest
from django.template.loader import render_to_string

from graphics.charts import COLOURS, MAX_BAR, MIN_BAR, bar_chart

SERIES = [("out", "派遣"), ("in", "受入"), ("never", "一度もない種類")]


def test_the_longest_bar_takes_the_longest_length_and_the_others_their_share():
    chart = bar_chart("c", [("", "A", 200), ("", "B", 50), ("", "C", 100)])
    widths = [bar.end for bar in chart.bars]
    assert widths == [MAX_BAR, MAX_BAR / 4, MAX_BAR / 2]
    assert [bar.total for bar in chart.bars] == [200, 50, 100]
    assert not chart.stacked


def test_a_tiny_value_still_shows_and_a_zero_draws_nothing():
    chart = bar_chart("c", [("", "部数", 324310), ("", "点字", 97), ("", "なし", 0)])
    big, tiny, none = chart.bars
    assert tiny.segments[0].width == MIN_BAR and tiny.total == 97
    assert none.segments == [] and none.total == 0


def test_stacked_segments_follow_each_other_in_the_series_order():
    chart = bar_chart("c", [("", "2015", {"in": 3, "out": 1}), ("", "2016", {"out": 4})], SERIES, "件")
    first, second = chart.bars
    assert [(s.series.label, s.value) for s in first.segments] == [("派遣", 1), ("受入", 3)]
    assert first.segments[1].x == first.segments[0].width
    assert first.end == second.end == MAX_BAR
    # Only the series that have a value are in the legend, each with its own pattern.
    assert [series.label for series in chart.series] == ["派遣", "受入"]
    assert len({series.pattern for series in chart.series}) == 2
    assert chart.stacked


def test_rows_under_one_heading_form_a_group_and_rows_go_down_the_page():
    chart = bar_chart("c", [("H27", "ホール", 1), ("H27", "会議室", 2), ("H28", "ホール", 3)])
    assert [(group.heading, len(group.bars)) for group in chart.groups] == [("H27", 2), ("H28", 1)]
    tops = [bar.y for bar in chart.bars]
    assert tops == sorted(tops) and len(set(tops)) == 3
    assert chart.height > tops[-1]


def test_an_empty_chart_says_so():
    chart = bar_chart("c", [])
    assert chart.is_empty
    html = render_to_string("graphics/includes/bar_chart.html", {"chart": chart, "caption": "空"})
    assert "グラフにする値がありません。" in html and "<svg" not in html


def render(chart, **context):
    return render_to_string(
        "graphics/includes/bar_chart.html",
        {"chart": chart, "caption": "交流の件数", "table_caption": "交流の件数の表", "row_heading": "年度", **context},
    )


def test_the_drawing_is_hidden_from_screen_readers_and_its_table_says_every_value():
    chart = bar_chart("c", [("", "2015", {"in": 3, "out": 1}), ("", "2016", {"out": 1234})], SERIES, "件")
    html = render(chart)
    assert re.search(r"<figure[^>]*>\s*<figcaption>交流の件数</figcaption>", html)
    assert '<div class="chart-drawing" aria-hidden="true">' in html
    assert "style=" not in html and "<style" not in html and "<script" not in html
    drawn = re.findall(r'<rect x="[\d.]+%"[^>]*data-series="([^"]*)" data-value="(\d+)"', html)
    assert drawn == [("派遣", "1"), ("受入", "3"), ("派遣", "1234")]
    table = html[html.index("<table") :]
    assert "<caption>交流の件数の表</caption>" in table
    assert "派遣 <span class=\"nowrap\">1件</span>" in table and "受入 <span class=\"nowrap\">3件</span>" in table
    assert "1,234件" in table and "4件" in table  # 2016's value and 2015's total
    # The legend names each series with a swatch filled by that series' pattern.
    assert re.findall(r'fill="url\(#(c-\d)\)" stroke="#1a1a1a"', html) == ["c-1", "c-2"]
    assert 'id="c-1"' in html and 'id="c-2"' in html


def test_without_a_table_caption_the_figure_draws_no_table():
    html = render(bar_chart("c", [("", "A", 5)]), table_caption="")
    assert "<table" not in html
    assert re.search(r'<text class="chart-value"[^>]*>5</text>', html)


@pytest.mark.parametrize("colour_index", range(9))
def test_every_series_colour_contrasts_with_white(colour_index):
    def luminance(hex_colour):
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    ratio = 1.05 / (luminance(COLOURS[colour_index]) + 0.05)
    assert ratio >= 4.5
