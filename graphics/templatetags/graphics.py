"""Filters of the chart templates (``graphics/includes/``)."""
from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext

register = template.Library()


@register.filter
def series_number(all_series, series):
    """The 1-based position of ``series`` in the chart's series: the number of its pattern."""
    return all_series.index(series) + 1


@register.filter
def amount(value, unit):
    """``value`` with its ``unit`` as the page's language writes it: 「302,936人」,
    「302,936 people」. A unit with an ``amount`` method writes the amount itself (English
    plural forms: 「1 activity」, 「6 activities」)."""
    if hasattr(unit, "amount"):
        return unit.amount(value)
    return gettext("%(number)s%(unit)s") % {"number": intcomma(value), "unit": unit}
