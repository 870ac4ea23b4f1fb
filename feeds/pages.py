"""The public pages and the records each shows: the sitemap's pages, each change's page.

``PUBLIC_PAGES`` maps the URL name of every public page without an argument to the
models whose records it shows (its last modification is their latest change); the pages
of one record (a partner city) are in ``sitemaps.PartnerCitySitemap``. A model's page for
the 更新情報 feed is the first page here that shows it, unless its record names its own
(``get_absolute_url``) or belongs to a city (the city's page).
"""
import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Max
from django.urls import reverse

from audit.history import history_model
from exchange.models import (
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
from planning.models import (
    ComprehensivePlan,
    MemberMunicipality,
    MetropolitanCooperationArea,
    Pillar,
    PlanPromotionMeasure,
    PlanTier,
    PolicyField,
    PolicyFieldCategory,
    PriorityGoal,
    PriorityInitiative,
    PriorityMeasure,
    SectorPolicy,
)
from public_relations.models import (
    Broadcaster,
    BroadcastProgramme,
    PolicyPoint,
    PressActivity,
    PressClubMember,
    Publication,
    PublicRelationsPolicy,
    WebChannel,
)
from recovery.models import (
    BasicPolicy,
    DepartmentDivision,
    Duty,
    Earthquake,
    EarthquakeRecoveryPlan,
    PlanSection,
    RecoveryDepartment,
)

PUBLIC_PAGES = {
    "home": [],
    "planning:plan": [
        ComprehensivePlan,
        PlanTier,
        PriorityInitiative,
        PriorityGoal,
        PriorityMeasure,
        SectorPolicy,
        PlanPromotionMeasure,
    ],
    "planning:member-list": [MemberMunicipality],
    "planning:area": [
        MetropolitanCooperationArea,
        MemberMunicipality,
        Pillar,
        PolicyFieldCategory,
        PolicyField,
    ],
    "exchange:city-list": [ExchangeSection, InternationalPolicy, PartnerCity],
    "exchange:anniversary-list": [PartnerCity],
    "exchange:activity-list": [ExchangeActivity, PartnerCity],
    "exchange:center": [InternationalCenter, Floor, Room, UsageRecord],
    "public_relations:programme-list": [BroadcastProgramme, Broadcaster],
    "public_relations:index": [
        PublicRelationsPolicy,
        PolicyPoint,
        Publication,
        Broadcaster,
        BroadcastProgramme,
        WebChannel,
        PressActivity,
        PressClubMember,
    ],
    "recovery:index": [
        Earthquake,
        RecoveryDepartment,
        DepartmentDivision,
        Duty,
        EarthquakeRecoveryPlan,
        PlanSection,
        BasicPolicy,
    ],
    "api:docs": [],
    # The open data catalogue: the datasets' records (their last change is the catalogue's).
    "opendata:catalog": [
        PartnerCity,
        ExchangeActivity,
        InternationalCenter,
        UsageRecord,
        MemberMunicipality,
        BroadcastProgramme,
    ],
    # The policy and its latest test result (a file, not records: no last change).
    "accessibility:policy": [],
}

#: The records of a partner city's page besides the city itself: their ``city`` is it.
CITY_PAGE_MODELS = [AffiliationMilestone, CityDistance, ExchangeActivity]


def public_models():
    """Every model whose records appear on a public page (``PUBLIC_PAGES``, a city's page)."""
    pages = [model for models in PUBLIC_PAGES.values() for model in models]
    return list(dict.fromkeys([PartnerCity, *pages, *CITY_PAGE_MODELS]))


def last_changed(models, **lookups) -> datetime.datetime | None:
    """The latest change (creation, edit or deletion) of the records of ``models``, or None.

    ``lookups`` narrow the history rows (``city_id=3``); one query per model.
    """
    dates = [
        history_model(model)._default_manager.filter(**lookups).aggregate(latest=Max("history_date"))["latest"]
        for model in models
    ]
    return max((date for date in dates if date is not None), default=None)


def page_of(record, *, deleted=False) -> str:
    """The address of the public page that shows ``record``.

    Its own page (``get_absolute_url``) or its city's; for a ``deleted`` record, or one
    whose parent is gone, the first page of ``PUBLIC_PAGES`` that shows its model (the
    cities' list for a city's milestones and distances).
    """
    if not deleted:
        try:
            if hasattr(record, "get_absolute_url"):
                return record.get_absolute_url()
            if hasattr(record, "city"):
                return record.city.get_absolute_url()
        except ObjectDoesNotExist:
            pass
    model = type(record)
    for name, models in PUBLIC_PAGES.items():
        if model in models:
            return reverse(name)
    return reverse("exchange:city-list")
