"""Public pages of the partner cities: the list, one page per city, the activity list."""
from django.conf import settings
from django.urls import reverse_lazy
from django.http import Http404
from django.views.generic import DetailView
from django_filters.views import FilterView

from core.views import ForgivingPaginationMixin

from .filters import ExchangeActivityFilter, PartnerCityFilter
from .models import (
    ExchangeActivity,
    ExchangeSection,
    InternationalCenter,
    InternationalPolicy,
    PartnerCity,
    UsageRecord,
)

CITY_LIST_LABEL = "姉妹・友好都市"


class ExchangeMixin(ForgivingPaginationMixin):
    """Adds ``crumbs`` (breadcrumbs) and the portal's forgiving pagination.

    ``crumbs`` is a list of (label, url) pairs; subclasses set ``crumb_label`` or override
    ``get_crumbs``.
    """

    crumb_label = ""

    def get_crumbs(self):
        return [(self.crumb_label, "")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crumbs"] = self.get_crumbs()
        return context


class PartnerCityListView(ExchangeMixin, FilterView):
    """``/partner-cities/``: the section introductions, policies and the filtered city list."""

    filterset_class = PartnerCityFilter
    queryset = PartnerCity.objects.for_list()
    template_name = "exchange/city_list.html"
    crumb_label = CITY_LIST_LABEL

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sections=ExchangeSection.objects.with_division(),
            policies=InternationalPolicy.objects.all(),
            **kwargs,
        )


class PartnerCityDetailView(ExchangeMixin, DetailView):
    """``/partner-cities/<slug>/``: one city with milestones, overview and activities."""

    queryset = PartnerCity.objects.for_detail()
    template_name = "exchange/city_detail.html"
    context_object_name = "city"

    def get_crumbs(self):
        return [(CITY_LIST_LABEL, reverse_lazy("exchange:city-list")), (self.object.name, "")]


class ExchangeActivityListView(ExchangeMixin, FilterView):
    """``/exchange-activities/``: the activities of every city, filtered and paginated."""

    filterset_class = ExchangeActivityFilter
    queryset = ExchangeActivity.objects.for_list()
    template_name = "exchange/activity_list.html"
    crumb_label = "交流の記録"

    def get_paginate_by(self, queryset):
        return settings.PORTAL_PAGE_SIZE


# International Center (3(9))


class CenterView(ExchangeMixin, DetailView):
    """``/international-center/``: the center's facts, floor guide and usage per fiscal year.

    Raises ``Http404`` when no center is loaded. Five queries whatever the row counts.
    """

    template_name = "exchange/center.html"
    context_object_name = "center"

    def get_object(self, queryset=None):
        center = InternationalCenter.objects.for_page().first()
        if center is None:
            raise Http404("国際交流会館の記録がありません。")
        return center

    def get_crumbs(self):
        return [(self.object.name, self.object.get_absolute_url())]

    def get_context_data(self, **kwargs):
        usage = UsageRecord.objects.filter(center=self.object)
        return super().get_context_data(usage_tables=usage.tables(), **kwargs)
