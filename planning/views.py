"""Public pages of sections 1–2: the comprehensive plan, the cooperation area, its members."""
from django.http import Http404
from django.urls import reverse_lazy
from django.views.generic import DetailView
from django_filters.views import FilterView

from core.views import ForgivingPaginationMixin

from .filters import MemberMunicipalityFilter
from .models import ComprehensivePlan, MemberMunicipality, MetropolitanCooperationArea


class PlanningPageMixin(ForgivingPaginationMixin):
    """Adds ``crumbs`` (list of (label, url) pairs, the page last) and shows the current record.

    Set ``crumbs`` on the view. For detail views without a URL argument, ``get_object``
    returns ``queryset.current()`` and raises ``Http404`` when there is no record.
    """

    crumbs = []

    def get_object(self, queryset=None):
        obj = (queryset if queryset is not None else self.get_queryset()).current()
        if obj is None:
            raise Http404("まだ登録されていません。")
        return obj

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = [(label, str(url)) for label, url in self.crumbs]
        return context


class PlanView(PlanningPageMixin, DetailView):
    """``/plan/``: the current comprehensive plan with its tiers, priorities and chapters."""

    queryset = ComprehensivePlan.objects.with_details()
    template_name = "planning/plan.html"
    context_object_name = "plan"
    crumbs = [("総合計画", reverse_lazy("planning:plan"))]


class AreaView(PlanningPageMixin, DetailView):
    """``/metropolitan-area/``: the cooperation area, its members, figures and pillars."""

    queryset = MetropolitanCooperationArea.objects.with_details()
    template_name = "planning/area.html"
    context_object_name = "area"
    crumbs = [("連携中枢都市圏", reverse_lazy("planning:area"))]


class MemberListView(PlanningPageMixin, FilterView):
    """``/metropolitan-area/members/``: member municipalities, filtered by kind (50 a page).

    Any page number shows a page (see ``PortalPaginator``).
    """

    queryset = MemberMunicipality.objects.select_related("area")
    filterset_class = MemberMunicipalityFilter
    template_name = "planning/member_list.html"
    paginate_by = 50
    crumbs = [
        ("連携中枢都市圏", reverse_lazy("planning:area")),
        ("構成市町村", reverse_lazy("planning:member-list")),
    ]
