"""URLs of the API, included under ``/api/v1/``: one list and detail per public model.

The models are those the content apps declare public (``<app>.public.RECORDS``), with their
addresses grouped by section (``exchange/partner-cities/``); a model whose public list has
filters gets the same FilterSet and the same queryset as that page.
"""
from django.db import transaction
from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework import routers

import exchange.public
import planning.public
import public_relations.public
import recovery.public

from .views import ApiDocsView, viewset_for

app_name = "api"


class PortalRouter(routers.DefaultRouter):
    """The default router, whose root view (the list of lists) reads outside a transaction."""

    def get_api_root_view(self, api_urls=None):
        return transaction.non_atomic_requests(super().get_api_root_view(api_urls))


router = PortalRouter()
# Natural keys may end in ".json"-like text: no format suffixes (JSON is the only format).
router.include_format_suffixes = False
# Each content app declares its public records once (``<app>.public``, ``core.public``):
# sections 1–2 (総合計画・連携中枢都市圏), 3–4 (国際交流・国内交流), 5 (広報), 6 (震災復興).
RECORDS = [
    *planning.public.RECORDS,
    *exchange.public.RECORDS,
    *public_relations.public.RECORDS,
    *recovery.public.RECORDS,
]
for record in RECORDS:
    router.register(
        record.api_path, viewset_for(record.model, record.queryset, record.filterset_class)
    )

urlpatterns = [
    path("schema/", transaction.non_atomic_requests(SpectacularAPIView.as_view()), name="schema"),
    path("docs/", ApiDocsView.as_view(), name="docs"),
    *router.urls,
]
