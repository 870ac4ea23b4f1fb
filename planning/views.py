"""Public pages of sections 1–2: the comprehensive plan, the cooperation area, its members."""
from django.http import Http404
from django.urls import reverse_lazy
from django.views.generic import DetailView
from django.utils.translation import get_language, gettext_lazy as _
from django_filters.views import FilterView

from core import pagecache
from core.downloads import DownloadMixin
from core.views import SectionPageMixin

from .downloads import FIGURE_TABLE, MEMBER_TABLE, POLICY_FIELD_TABLE, SECTOR_POLICY_TABLE
from .filters import MemberMunicipalityFilter
from .models import ComprehensivePlan, MemberMunicipality, MetropolitanCooperationArea
from .visuals import members_chart

AREA_CRUMB = (_("連携中枢都市圏"), reverse_lazy("planning:area"))


class CurrentRecordMixin:
    """For a detail page without a URL argument: shows ``queryset.current()``, else 404.

    The record, with the related rows its queryset reads with it, is read once per content
    version and process (``pagecache.for_this_version``): the page only shows it.
    """

    def get_object(self, queryset=None):
        queryset = queryset if queryset is not None else self.get_queryset()
        obj = pagecache.for_this_version(self.request, f"{type(self).__name__}:current", queryset.current)
        if obj is None:
            raise Http404("まだ登録されていません。")
        return obj


class PlanView(CurrentRecordMixin, DownloadMixin, SectionPageMixin, DetailView):
    """``/plan/``: the current comprehensive plan with its tiers, priorities and chapters.

    ``?table=sectors&format=…`` downloads the table of sector policies (分野別施策).
    """

    queryset = ComprehensivePlan.objects.with_details()
    template_name = "planning/plan.html"
    context_object_name = "plan"
    crumbs = [(_("総合計画"), reverse_lazy("planning:plan"))]
    download_tables = {"sectors": SECTOR_POLICY_TABLE}

    def get_table_objects(self, name, context):
        return self.object.sector_policies.all()


class AreaView(CurrentRecordMixin, DownloadMixin, SectionPageMixin, DetailView):
    """``/metropolitan-area/``: the cooperation area, its members (with the chart of their
    kinds), figures and pillars.

    ``?table=members|figures|fields&format=…`` downloads one of its tables.
    """

    queryset = MetropolitanCooperationArea.objects.with_details()
    template_name = "planning/area.html"
    context_object_name = "area"
    crumbs = [AREA_CRUMB]
    download_tables = {
        "members": MEMBER_TABLE,
        "figures": FIGURE_TABLE,
        "fields": POLICY_FIELD_TABLE,
    }

    def get_table_objects(self, name, context):
        area = self.object
        if name == "members":
            return area.members.all()
        if name == "figures":
            return area.figures()
        return area.policy_fields_in_page_order()

    def get_context_data(self, **kwargs):
        # The chart's labels are in the page's language.
        chart = pagecache.for_this_version(
            self.request, f"AreaView:members_chart:{get_language()}", lambda: members_chart(self.object)
        )
        return super().get_context_data(members_chart=chart, **kwargs)


class MemberListView(DownloadMixin, SectionPageMixin, FilterView):
    """``/metropolitan-area/members/``: member municipalities, filtered by kind, paginated."""

    queryset = MemberMunicipality.objects.select_related("area")
    filterset_class = MemberMunicipalityFilter
    template_name = "planning/member_list.html"
    crumbs = [AREA_CRUMB, (_("構成市町村"), reverse_lazy("planning:member-list"))]
    download_table = MEMBER_TABLE
