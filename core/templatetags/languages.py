"""Template filters for text shown in both trees; loaded as a builtin in every template.

``{{ record.source|japanese }}`` → the text as it is on Japanese pages, and
``<span lang="ja">…</span>`` on English pages: text with no English version is shown in
Japanese and marked as such (screen readers read it in Japanese).
"""
from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language

register = template.Library()


@register.filter(needs_autoescape=True)
def japanese(value, autoescape=True):
    """Mark Japanese text with ``lang="ja"`` on pages in another language."""
    if (get_language() or "ja").startswith("ja"):
        return conditional_escape(value) if autoescape else value
    return format_html('<span lang="ja">{}</span>', value)
