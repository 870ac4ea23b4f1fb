"""Template filters of the site search.

``{% load search %}`` in a page that lists records: ``<tr id="{{ activity|anchor_id }}">``
gives each record the place that search results link to. The results page highlights
the matched words: ``{{ entry.title|highlight:terms }}``, ``{{ entry.body|excerpt:terms }}``.
"""
from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.languages import english_page, japanese_runs
from search import registry, text

register = template.Library()


@register.filter
def anchor_id(record):
    """The ``id`` of ``record`` on its page (``search.registry.anchor_id``)."""
    return registry.anchor_id(record)


@register.filter
def highlight(value, terms):
    """``value`` escaped, with the folded query ``terms`` in ``<mark>``.

    On English pages each run of Japanese (a record whose English page shows its Japanese)
    is marked ``lang="ja"``, highlighted within itself.
    """
    value = str(value or "")
    if not english_page():
        return text.highlight(value, terms)
    return mark_safe("".join(
        format_html('<span lang="ja">{}</span>', text.highlight(run, terms)) if japanese
        else text.highlight(run, terms)
        for run, japanese in japanese_runs(value)
    ))


@register.filter
def excerpt(value, terms):
    """A short part of a long ``value`` around its first match, highlighted."""
    return text.excerpt(value, terms)
