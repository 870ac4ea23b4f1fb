"""What site search finds in sections 3–4: partner cities, their exchanges, the International Center."""
from django.utils.translation import gettext_lazy as _

from search.registry import SearchIndex, Section, site

from .models import (
    AffiliationMilestone,
    CityDistance,
    ExchangeActivity,
    ExchangeSection,
    Floor,
    InternationalCenter,
    InternationalPolicy,
    PartnerCity,
    Room,
    UsageRecord,
)

CITIES = site.add_section(Section("partner-cities", _("姉妹・友好都市"), "exchange:city-list", 30))
ACTIVITIES = site.add_section(Section("exchange-activities", _("交流の記録"), "exchange:activity-list", 40))
CENTER = site.add_section(Section("international-center", _("国際交流会館"), "exchange:center", 50))


@site.register(ExchangeSection)
class ExchangeSectionIndex(SearchIndex):
    section = CITIES
    page = "exchange:city-list"
    title_field = "title"
    fields = ("introduction",)

    def get_anchor(self, record):
        return f"section-{record.scope}"


@site.register(InternationalPolicy)
class InternationalPolicyIndex(SearchIndex):
    section = CITIES
    page = "exchange:city-list"
    fields = ("purpose",)


@site.register(PartnerCity)
class PartnerCityIndex(SearchIndex):
    section = CITIES
    weight = 2
    kind = ""  # the relationship (姉妹都市, 友好都市 …) says it
    context_fields = ("relationship_type", "country_or_region")
    fields = (
        "english_name", "heading", "state_or_province", "affiliation_partner_note",
        "affiliation_history", "overview",
    )
    # The English name the document gives each city (SUPPLEMENT.md).
    language_fields = {"en": ("english_name",)}
    dependents = ("milestones", "distances", "activities")


class CityPartIndex(SearchIndex):
    section = CITIES
    parent = "city"
    select_related = ("city",)


@site.register(AffiliationMilestone)
class AffiliationMilestoneIndex(CityPartIndex):
    title_field = "description"
    context_fields = ("city__name", "kind")


@site.register(CityDistance)
class CityDistanceIndex(CityPartIndex):
    fields = ("reference_place",)

    def get_title(self, record):
        return str(record)  # 「ボルドー市: パリの南500km」


@site.register(ExchangeActivity)
class ExchangeActivityIndex(CityPartIndex):
    section = ACTIVITIES
    title_field = "description"
    context_fields = ("city__name", "direction")


@site.register(InternationalCenter)
class InternationalCenterIndex(SearchIndex):
    section = CENTER
    weight = 1
    fields = (
        "purpose", "services_description", "facilities_description", "founder", "operator",
        "designated_manager", "address", "structure",
    )
    dependents = ("floors", "usage_records")


class CenterPartIndex(SearchIndex):
    section = CENTER
    page = "exchange:center"


@site.register(Floor)
class FloorIndex(CenterPartIndex):
    title_field = "label"
    context_fields = ("center__name",)
    select_related = ("center",)
    dependents = ("rooms",)


@site.register(Room)
class RoomIndex(CenterPartIndex):
    context_fields = ("floor__label",)
    select_related = ("floor",)


@site.register(UsageRecord)
class UsageRecordIndex(CenterPartIndex):
    title_field = "category_label"
    context_fields = ("center__name",)
    select_related = ("center",)
