"""What citizens read of sections 3–4 (``core.public``): partner cities, exchanges, the center."""
from core.public import PublicRecord

from .filters import ExchangeActivityFilter, PartnerCityFilter
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

PAGES = {
    "exchange:city-list": [ExchangeSection, InternationalPolicy, PartnerCity],
    "exchange:anniversary-list": [PartnerCity],
    "exchange:activity-list": [ExchangeActivity, PartnerCity],
    "exchange:center": [InternationalCenter, Floor, Room, UsageRecord],
}

#: The records of a partner city's page (``get_absolute_url``) besides the city itself:
#: their ``city`` is it.
CITY_PAGE_MODELS = [AffiliationMilestone, CityDistance, ExchangeActivity]

RECORDS = [
    PublicRecord(ExchangeSection, "exchange/sections"),
    PublicRecord(InternationalPolicy, "exchange/international-policies"),
    PublicRecord(
        PartnerCity, "exchange/partner-cities", PartnerCity.objects.for_list(), PartnerCityFilter
    ),
    PublicRecord(AffiliationMilestone, "exchange/affiliation-milestones"),
    PublicRecord(CityDistance, "exchange/city-distances"),
    PublicRecord(
        ExchangeActivity,
        "exchange/activities",
        ExchangeActivity.objects.for_list(),
        ExchangeActivityFilter,
    ),
    PublicRecord(InternationalCenter, "exchange/international-centers"),
    PublicRecord(Floor, "exchange/floors"),
    PublicRecord(Room, "exchange/rooms"),
    PublicRecord(UsageRecord, "exchange/usage-records", UsageRecord.objects.in_document_order()),
]
