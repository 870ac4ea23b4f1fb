"""Template filters of the public pages; loaded as a builtin in every template.

``{{ obj.source|citizen_source }}`` → ``熊本市『市政概要』平成28年度版 3(1)``
``{% if request.path|in_section:url %} aria-current="page"{% endif %}`` in the navigation.
"""
from django import template

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
def in_section(path, url):
    """True when ``path`` is the page ``url`` or a page under it (``/partner-cities/x/``).

    The home page (``/``) holds only itself, not every page.
    """
    path, url = str(path or ""), str(url or "")
    if not url:
        return False
    return path == url if url == "/" else path.startswith(url)
