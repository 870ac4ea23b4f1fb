"""Template filters of the site search.

``{% load search %}`` in a page that lists records: ``<tr id="{{ activity|anchor_id }}">``
gives each record the place that search results link to. The results page highlights
the matched words: ``{{ entry.title|highlight:terms }}``, ``{{ entry.body|excerpt:terms }}``.
"""
from django import template

from search import registry, text

register = template.Library()


@register.filter
def anchor_id(record):
    """The ``id`` of ``record`` on its page (``search.registry.anchor_id``)."""
    return registry.anchor_id(record)


@register.filter
def highlight(value, terms):
    """``value`` escaped, with the folded query ``terms`` in ``<mark>``."""
    return text.highlight(value, terms)


@register.filter
def excerpt(value, terms):
    """A short part of a long ``value`` around its first match, highlighted."""
    return text.excerpt(value, terms)
