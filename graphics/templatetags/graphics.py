"""Filters of the chart templates (``graphics/includes/``)."""
from django import template

register = template.Library()


@register.filter
def series_number(all_series, series):
    """The 1-based position of ``series`` in the chart's series: the number of its pattern."""
    return all_series.index(series) + 1
