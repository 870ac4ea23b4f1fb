"""English versions of the shared records' names (django-modeltranslation).

Each app registers the fields citizens read in its own ``translation.py``: names, titles,
headings, labels and short facts. Registered fields get ``<field>_ja`` and ``<field>_en``;
the field itself reads the active language's value, the Japanese one when the English is
empty. Long prose is not registered: English pages show it in Japanese (``lang="ja"``).
"""
from modeltranslation.translator import TranslationOptions, register

from .models import Division


@register(Division)
class DivisionTranslation(TranslationOptions):
    fields = ("name",)
