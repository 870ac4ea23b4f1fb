"""Template filters of the public pages; loaded as a builtin in every template.

``{{ obj.source|citizen_source }}`` → ``熊本市『市政概要』平成28年度版 3(1)`` (on English pages
``City of Kumamoto, City Administration Overview (FY2016 edition) 3(1)``, a Japanese
title in it marked ``lang="ja"``)
``<a href="{{ url }}"{{ request.path|aria_current:url }}>`` in the navigation.
``{% fragment "name" [vary …] %}…{% endfragment %}``: a part of a page rendered once per
content version, language, day and ``vary`` (``core.pagecache.fragment``).
``{% static_url "css/portal.css" %}``: ``{% static %}``, looked up once per process.
"""
from functools import lru_cache

from django import template
from django.templatetags.static import static
from django.utils.safestring import mark_safe

from core import citizen, pagecache
from core.languages import english_page, mark_japanese_runs

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context):
        vary = [value.resolve(context) for value in self.vary]
        return pagecache.fragment(
            context.get("request"), self.name.resolve(context), lambda: self.nodelist.render(context), *vary
        )


@register.tag
def fragment(parser, token):
    """``{% fragment "name" [vary …] %}…{% endfragment %}``: kept while content is unchanged.

    For the parts of a page that show only the document's records (the content version
    changes with any of them), the page's language and day, and ``vary``: everything else
    the part reads (the path for the menu's current page, the query string for links that
    keep it, a record's key). Not for anything that changes by itself (notices).
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]])


@register.simple_tag
def static_url(path):
    """The URL of a static file, as ``{% static %}``, looked up once per process (the
    manifest of hashed names does not change while the process runs)."""
    return _static_url(path)


@lru_cache(maxsize=64)
def _static_url(path):
    return static(path)


@register.filter
def citizen_source(value):
    """A record's source as a citizen cites it, in the page's language (``core.citizen``)."""
    if english_page():
        return mark_japanese_runs(citizen.citizen_source(value, english=True))
    return citizen.citizen_source(value)


@register.filter
def citizen_sources(values):
    """Several sources in citizens' words, each once, in the page's language."""
    if english_page():
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
