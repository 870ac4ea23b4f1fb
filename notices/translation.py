"""English versions of the emergency notice's words (see ``core.translation``).

English pages show ``title_en`` and ``text_en``; a notice without English yet shows its
Japanese there, never nothing.
"""
from modeltranslation.translator import TranslationOptions, register

from .models import EmergencyNotice


@register(EmergencyNotice)
class EmergencyNoticeTranslation(TranslationOptions):
    fields = ("title", "text")
