"""Display helper for the planning pages: multi-paragraph texts as paragraphs."""
from django import template

register = template.Library()


@register.filter
def paragraphs(value):
    """Split a text whose paragraphs are joined by ``\\n`` into a list of non-empty strings."""
    if not value:
        return []
    return [line for line in str(value).split("\n") if line.strip()]
