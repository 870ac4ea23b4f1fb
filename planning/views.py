"""Public pages of sections 1–2: the comprehensive plan, the cooperation area, its members."""
from django.http import Http404
from django.urls import reverse_lazy
from django.views.generic import DetailView
from django_filters.views import FilterView

from core.downloads import DownloadMixin
from core.views import SectionPageMixin

from .downloads import MEMBER_TABLE

from .filters import MemberMunicipalityFilter
from .models import ComprehensivePlan, MemberMunicipality, MetropolitanCooperationArea
from .visuals import members_chart

AREA_CRUMB = ("連携中枢都市圏", reverse_lazy("planning:area"))


class CurrentRecordMixin:
    """For a detail page without a URL argument: shows ``queryset.current()``, else 404."""

    def get_object(self, queryset=None):
        obj = (queryset if queryset is not None else self.get_queryset()).current()
        if obj is None:
            raise Http404("まだ登録されていません。")
        return obj


class PlanView(CurrentRecordMixin, SectionPageMixin, DetailView):
    """``/plan/``: the current comprehensive plan with its tiers, priorities and chapters."""

    queryset = ComprehensivePlan.objects.with_details()
    template_name = "planning/plan.html"
    context_object_name = "plan"
    crumbs = [("総合計画", reverse_lazy("planning:plan"))]


class AreaView(CurrentRecordMixin, SectionPageMixin, DetailView):
    """``/metropolitan-area/``: the cooperation area, its members (with the chart of their
    kinds), figures and pillars."""

    queryset = MetropolitanCooperationArea.objects.with_details()
    template_name = "planning/area.html"
    context_object_name = "area"
    crumbs = [AREA_CRUMB]

    def get_context_data(self, **kwargs):
        return super().get_context_data(members_chart=members_chart(self.object), **kwargs)


class MemberListView(DownloadMixin, SectionPageMixin, FilterView):
    """``/metropolitan-area/members/``: member municipalities, filtered by kind, paginated."""

    queryset = MemberMunicipality.objects.select_related("area")
    filterset_class = MemberMunicipalityFilter
    template_name = "planning/member_list.html"
    crumbs = [AREA_CRUMB, ("構成市町村", reverse_lazy("planning:member-list"))]
    download_table = MEMBER_TABLE
