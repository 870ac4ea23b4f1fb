"""Template filters of the public pages; loaded as a builtin in every template.

``{{ obj.source|citizen_source }}`` → ``熊本市『市政概要』平成28年度版 3(1)`` (on English pages
``City of Kumamoto, City Administration Overview (FY2016 edition) 3(1)``, a Japanese
title in it marked ``lang="ja"``)
``<a href="{{ url }}"{{ request.path|aria_current:url }}>`` in the navigation.
"""
from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import citizen
from core.languages import mark_japanese_runs

register = template.Library()


def _english_page():
    return (get_language() or "ja").startswith("en")


@register.filter
def citizen_source(value):
    """A record's source as a citizen cites it, in the page's language (``core.citizen``)."""
    if _english_page():
        return mark_japanese_runs(citizen.citizen_source(value, english=True))
    return citizen.citizen_source(value)


@register.filter
def citizen_sources(values):
    """Several sources in citizens' words, each once, in the page's language."""
    if _english_page():
        return mark_japanese_runs(citizen.citizen_sources(values or (), english=True))
    return citizen.citizen_sources(values or ())


@register.filter
def aria_current(path, url):
    """The ``aria-current`` attribute of a navigation link to ``url`` on the page ``path``.

    `` aria-current="page"`` on the page itself, `` aria-current="true"`` on a page under
    it (``/partner-cities/guilin/`` is in 姉妹・友好都市), nothing elsewhere. The home page
    (``/``) holds only itself.
    """
    path, url = str(path or ""), str(url or "")
    if not url:
        return ""
    if path == url:
        return mark_safe(' aria-current="page"')
    if url != "/" and path.startswith(url):
        return mark_safe(' aria-current="true"')
    return ""
