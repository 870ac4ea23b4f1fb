"""English versions of the exchange records' names, headings and short facts (see
``core.translation``). A partner city's English name is its own (``english_name``, from
the supplement, the dataset's 英語名); the page name in English, ``name_en``, holds the same
value (migration 0010; ``tests/core/test_fixtures_english.py``)."""
from modeltranslation.translator import TranslationOptions, register

from .models import (
    CityDistance,
    ExchangeSection,
    Floor,
    InternationalCenter,
    InternationalPolicy,
    PartnerCity,
    Room,
)


@register(InternationalCenter)
class InternationalCenterTranslation(TranslationOptions):
    fields = ("name", "founder", "operator", "designated_manager", "address", "structure")


@register(Floor)
class FloorTranslation(TranslationOptions):
    fields = ("label",)


@register(Room)
class RoomTranslation(TranslationOptions):
    fields = ("name",)


@register(ExchangeSection)
class ExchangeSectionTranslation(TranslationOptions):
    fields = ("title",)


@register(InternationalPolicy)
class InternationalPolicyTranslation(TranslationOptions):
    fields = ("name", "purpose")


@register(PartnerCity)
class PartnerCityTranslation(TranslationOptions):
    fields = (
        "name",
        "state_or_province",
        "affiliation_partner_note",
        "heading",
        "history_heading",
        "activities_heading",
        "population_note",
    )


@register(CityDistance)
class CityDistanceTranslation(TranslationOptions):
    fields = ("reference_place", "direction")
