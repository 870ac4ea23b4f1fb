"""URLs of the API, included under ``/api/v1/``: one list and detail per public model.

Addresses are grouped by section (``exchange/partner-cities/``); a model whose public
list has filters gets the same FilterSet and the same queryset as that page.
"""
from django.db import transaction
from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework import routers

from exchange.filters import ExchangeActivityFilter, PartnerCityFilter
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
from planning.filters import MemberMunicipalityFilter
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
from public_relations.filters import BroadcastProgrammeFilter
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

from .views import ApiDocsView, viewset_for

app_name = "api"



class PortalRouter(routers.DefaultRouter):
    """The default router, whose root view (the list of lists) reads outside a transaction."""

    def get_api_root_view(self, api_urls=None):
        return transaction.non_atomic_requests(super().get_api_root_view(api_urls))


router = PortalRouter()
# Natural keys may end in ".json"-like text: no format suffixes (JSON is the only format).
router.include_format_suffixes = False
RECORDS = [
    # Sections 1–2 (総合計画・連携中枢都市圏)
    ("planning/comprehensive-plans", viewset_for(ComprehensivePlan)),
    ("planning/plan-tiers", viewset_for(PlanTier)),
    ("planning/priority-initiatives", viewset_for(PriorityInitiative)),
    ("planning/priority-goals", viewset_for(PriorityGoal)),
    ("planning/priority-measures", viewset_for(PriorityMeasure)),
    ("planning/sector-policies", viewset_for(SectorPolicy)),
    ("planning/plan-promotion-measures", viewset_for(PlanPromotionMeasure)),
    ("planning/metropolitan-areas", viewset_for(MetropolitanCooperationArea)),
    (
        "planning/member-municipalities",
        viewset_for(MemberMunicipality, filterset_class=MemberMunicipalityFilter),
    ),
    ("planning/pillars", viewset_for(Pillar)),
    ("planning/policy-field-categories", viewset_for(PolicyFieldCategory)),
    ("planning/policy-fields", viewset_for(PolicyField)),
    # Sections 3–4 (国際交流・国内交流)
    ("exchange/sections", viewset_for(ExchangeSection)),
    ("exchange/international-policies", viewset_for(InternationalPolicy)),
    (
        "exchange/partner-cities",
        viewset_for(PartnerCity, PartnerCity.objects.for_list(), PartnerCityFilter),
    ),
    ("exchange/affiliation-milestones", viewset_for(AffiliationMilestone)),
    ("exchange/city-distances", viewset_for(CityDistance)),
    (
        "exchange/activities",
        viewset_for(ExchangeActivity, ExchangeActivity.objects.for_list(), ExchangeActivityFilter),
    ),
    ("exchange/international-centers", viewset_for(InternationalCenter)),
    ("exchange/floors", viewset_for(Floor)),
    ("exchange/rooms", viewset_for(Room)),
    ("exchange/usage-records", viewset_for(UsageRecord, UsageRecord.objects.in_document_order())),
    # Section 5 (広報)
    ("public-relations/policies", viewset_for(PublicRelationsPolicy)),
    ("public-relations/policy-points", viewset_for(PolicyPoint)),
    ("public-relations/publications", viewset_for(Publication, Publication.objects.for_listing())),
    ("public-relations/broadcasters", viewset_for(Broadcaster)),
    (
        "public-relations/programmes",
        viewset_for(
            BroadcastProgramme, BroadcastProgramme.objects.for_listing(), BroadcastProgrammeFilter
        ),
    ),
    ("public-relations/web-channels", viewset_for(WebChannel)),
    ("public-relations/press-activities", viewset_for(PressActivity)),
    ("public-relations/press-club-members", viewset_for(PressClubMember)),
    # Section 6 (震災復興)
    ("recovery/earthquakes", viewset_for(Earthquake)),
    ("recovery/departments", viewset_for(RecoveryDepartment)),
    ("recovery/department-divisions", viewset_for(DepartmentDivision)),
    ("recovery/duties", viewset_for(Duty)),
    ("recovery/plans", viewset_for(EarthquakeRecoveryPlan)),
    ("recovery/plan-sections", viewset_for(PlanSection)),
    ("recovery/basic-policies", viewset_for(BasicPolicy)),
]
for prefix, viewset in RECORDS:
    router.register(prefix, viewset)

urlpatterns = [
    path("schema/", transaction.non_atomic_requests(SpectacularAPIView.as_view()), name="schema"),
    path("docs/", ApiDocsView.as_view(), name="docs"),
    *router.urls,
]
