"""Template filters of the public pages; loaded as a builtin in every template.

``{{ obj.source|citizen_source }}`` → ``熊本市『市政概要』平成28年度版 3(1)``
``<a href="{{ url }}"{{ request.path|aria_current:url }}>`` in the navigation.
"""
from django import template
from django.utils.safestring import mark_safe

from core import citizen

register = template.Library()


@register.filter
def citizen_source(value):
    """A record's source as a citizen cites it (``core.citizen.citizen_source``)."""
    return citizen.citizen_source(value)


@register.filter
def citizen_sources(values):
    """Several sources in citizens' words, each once, joined by 「、」."""
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
