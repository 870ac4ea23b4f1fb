"""Public pages of the partner cities: the list, one page per city, the activity list."""
from django.http import Http404
from django.urls import reverse_lazy
from django.views.generic import DetailView
from django.utils.translation import gettext_lazy as _
from django_filters.views import FilterView

from core.downloads import DownloadMixin
from core.views import SectionPageMixin

from .downloads import ACTIVITY_TABLE, CITY_TABLE, USAGE_TABLE

from .filters import ExchangeActivityFilter, PartnerCityFilter
from .models import (
    ExchangeActivity,
    ExchangeSection,
    InternationalCenter,
    InternationalPolicy,
    PartnerCity,
    UsageRecord,
)

CITY_LIST_CRUMB = (_("姉妹・友好都市"), reverse_lazy("exchange:city-list"))


class PartnerCityListView(DownloadMixin, SectionPageMixin, FilterView):
    """``/partner-cities/``: the section introductions, policies and the filtered city list."""

    filterset_class = PartnerCityFilter
    queryset = PartnerCity.objects.for_list()
    template_name = "exchange/city_list.html"
    crumbs = [CITY_LIST_CRUMB]
    # Every city on one page, below the sections that introduce them.
    paginated = False
    download_table = CITY_TABLE

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sections=ExchangeSection.objects.with_division(),
            policies=InternationalPolicy.objects.all(),
            **kwargs,
        )


class PartnerCityDetailView(SectionPageMixin, DetailView):
    """``/partner-cities/<slug>/``: one city with milestones, overview and activities."""

    queryset = PartnerCity.objects.for_detail()
    template_name = "exchange/city_detail.html"
    context_object_name = "city"

    def get_crumbs(self):
        return [CITY_LIST_CRUMB, (self.object.name, self.object.get_absolute_url())]


class ExchangeActivityListView(DownloadMixin, SectionPageMixin, FilterView):
    """``/exchange-activities/``: the activities of every city, filtered and paginated."""

    filterset_class = ExchangeActivityFilter
    queryset = ExchangeActivity.objects.for_list()
    template_name = "exchange/activity_list.html"
    crumbs = [(_("交流の記録"), reverse_lazy("exchange:activity-list"))]
    download_table = ACTIVITY_TABLE


# International Center (3(9))


class CenterView(DownloadMixin, SectionPageMixin, DetailView):
    """``/international-center/``: the center's facts, floor guide and usage per fiscal year.

    Raises ``Http404`` when no center is loaded. Five queries whatever the row counts.
    ``?format=…`` downloads the usage table (every fiscal year, without the computed totals).
    """

    queryset = InternationalCenter.objects.for_page()
    template_name = "exchange/center.html"
    context_object_name = "center"
    download_table = USAGE_TABLE

    def get_object(self, queryset=None):
        center = (queryset if queryset is not None else self.get_queryset()).first()
        if center is None:
            raise Http404("国際交流会館の記録がありません。")
        return center

    def get_crumbs(self):
        return [(self.object.name, self.object.get_absolute_url())]

    def get_download_objects(self):
        return UsageRecord.objects.filter(center=self.object).in_document_order()

    def get_download_count(self, context):
        return sum(len(table.records) for table in context["usage_tables"])

    def get_context_data(self, **kwargs):
        usage = UsageRecord.objects.filter(center=self.object)
        return super().get_context_data(usage_tables=usage.tables(), **kwargs)
