"""Template filters for text shown in both trees; loaded as a builtin in every template.

``{{ record.source|japanese }}`` → the text as it is on Japanese pages, and
``<span lang="ja">…</span>`` on English pages: text with no English version is shown in
Japanese and marked as such (screen readers read it in Japanese).
``{{ activity.participants_display|japanese_runs }}`` → on English pages, each run of
Japanese in the text inside ``<span lang="ja">`` (the rest is English).
``{{ goal.letter|item_letter }}`` → ``ア`` on Japanese pages, ``a`` on English pages.
"""
from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language

from core.languages import english_item_letter, mark_japanese_runs

register = template.Library()


def _japanese_page():
    return (get_language() or "ja").startswith("ja")


@register.filter
def item_letter(value):
    """The document's item letter in the page's language: ``ア`` here, ``a`` in English."""
    return value if _japanese_page() else english_item_letter(str(value))


@register.filter(needs_autoescape=True)
def japanese(value, autoescape=True):
    """Mark Japanese text with ``lang="ja"`` on pages in another language."""
    if _japanese_page():
        return conditional_escape(value) if autoescape else value
    return format_html('<span lang="ja">{}</span>', value)


@register.filter
def japanese_runs(value):
    """On English pages, mark each run of Japanese in ``value`` with ``lang="ja"``."""
    if _japanese_page():
        return value
    return mark_japanese_runs(value)
