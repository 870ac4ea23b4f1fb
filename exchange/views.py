"""Public pages of the partner cities: the list, one page per city, the activity list."""
import datetime

from django.http import Http404, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils.safestring import mark_safe
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from core.downloads import DownloadMixin
from core import pagecache
from core.views import ReadOnlyPageMixin, SectionPageMixin, query_key
from core.wareki import fiscal_year_of, fiscal_year_range

from .downloads import (
    ACTIVITY_TABLE,
    CITY_ACTIVITY_TABLE,
    CITY_TABLE,
    MILESTONE_TABLE,
    NEXT_ANNIVERSARY_TABLE,
    PAST_ANNIVERSARY_TABLE,
    ROOM_TABLE,
    USAGE_TABLE,
)
from .filters import ExchangeActivityFilter, PartnerCityFilter, suggest_cities
from .models import (
    ExchangeActivity,
    ExchangeSection,
    InternationalCenter,
    InternationalPolicy,
    PartnerCity,
    UsageRecord,
)
from .visuals import activity_charts, partner_city_map, usage_chart

CITY_LIST_CRUMB = (_("姉妹・友好都市"), reverse_lazy("exchange:city-list"))


class PartnerCityListView(DownloadMixin, SectionPageMixin, FilterView):
    """``/partner-cities/``: the map, the section introductions, policies and the filtered
    city list.

    The list is paginated (``PORTAL_PAGE_SIZE``) like every other list.
    """

    filterset_class = PartnerCityFilter
    queryset = PartnerCity.objects.for_list()
    template_name = "exchange/city_list.html"
    crumbs = [CITY_LIST_CRUMB]
    download_table = CITY_TABLE

    def get_context_data(self, **kwargs):
        # Each section lists its cities (a section's text is on its cities' pages: section 4
        # 国内交流 is 福井市 alone), whatever the filter of the table below keeps.
        cities = list(PartnerCity.objects.for_map())
        sections = list(ExchangeSection.objects.with_division())
        for section in sections:
            section.cities = [city for city in cities if city.scope == section.scope]
        return super().get_context_data(
            sections=sections,
            policies=InternationalPolicy.objects.all(),
            # Drawn only when the page's kept fragment holding it must be rendered again.
            city_map=SimpleLazyObject(lambda: partner_city_map(cities)),
            **kwargs,
        )


class PartnerCityDetailView(DownloadMixin, SectionPageMixin, DetailView):
    """``/partner-cities/<slug>/``: one city with milestones, overview and activities, and the
    map of every city with this one marked.

    ``?table=milestones|activities&format=…`` downloads one of its tables.
    """

    queryset = PartnerCity.objects.for_detail()
    template_name = "exchange/city_detail.html"
    context_object_name = "city"
    download_tables = {"milestones": MILESTONE_TABLE, "activities": CITY_ACTIVITY_TABLE}

    def get_table_objects(self, name, context):
        return getattr(self.object, name).all()

    def get_crumbs(self):
        return [CITY_LIST_CRUMB, (self.object.name, self.object.get_absolute_url())]

    def get_context_data(self, **kwargs):
        city_map = SimpleLazyObject(lambda: partner_city_map(PartnerCity.objects.for_map(), current=self.object))
        return super().get_context_data(city_map=city_map, **kwargs)


class ExchangeActivityListView(DownloadMixin, SectionPageMixin, FilterView):
    """``/exchange-activities/``: the activities of every city, filtered and paginated."""

    filterset_class = ExchangeActivityFilter
    queryset = ExchangeActivity.objects.for_list()
    template_name = "exchange/activity_list.html"
    crumbs = [(_("交流の記録"), reverse_lazy("exchange:activity-list"))]
    download_table = ACTIVITY_TABLE

    def get_context_data(self, **kwargs):
        # The charts count what the filter keeps (every page of it), not just this page.
        context = super().get_context_data(charts_html=self.charts_html(), **kwargs)
        self.filterset.city_display()
        return context

    def charts_html(self):
        """The charts' section, rendered once per content version, filter and language.

        Its counts read every activity the filter keeps and its drawing is hundreds of
        bar segments at 100,000 activities: kept (``pagecache.remembered``), each page and
        each citizen's request of the same filter reuses it, so the list's first and last
        page cost the same at any size. (The list's count is its paginator's, remembered
        the same way.)
        """
        key = query_key(self.object_list) or "none"

        def render():
            return render_to_string(
                "exchange/includes/activity_charts.html", {"charts": activity_charts(self.object_list)}
            )

        return mark_safe(pagecache.remembered(f"exchange-activity-charts:{get_language()}:{key}", render))


class CitySuggestionsView(ReadOnlyPageMixin, View):
    """``/exchange-activities/cities/?q=桂``: the partner cities whose name contains ``q``
    (Japanese or English, folded as the filter folds it), for the activity filter's combobox.

    JSON ``{"cities": [{"value": "桂林市", "label": "桂林市(Guilin)"}, …]}``, at most 10, names
    in the page's language (``/en/…``: English); ``value`` is what the filter's box takes.
    Served from the pages' cache like a page; no query once the names are remembered.
    """

    def get(self, request):
        cities = suggest_cities(request.GET.get("q", "")[:100])
        return JsonResponse({"cities": [
            {"value": str(city), "label": suggestion_label(city)} for city in cities
        ]})


def suggestion_label(city):
    """「桂林市(Guilin)」 on Japanese pages; the English name alone when it is the value."""
    other = city.english_name if str(city) != city.english_name else ""
    return gettext("%(name)s(%(other)s)") % {"name": city, "other": other} if other else str(city)


class AnniversaryListView(DownloadMixin, SectionPageMixin, TemplateView):
    """``/anniversaries/``: each city's next anniversary (周年), and those of this 年度 so far.

    Anniversaries come every 5 years from the 10th (``PartnerCity.anniversary``); 「今日」 is
    the local date in Asia/Tokyo. ``?table=next|past&format=…`` downloads one of the tables.
    """

    template_name = "exchange/anniversary_list.html"
    crumbs = [CITY_LIST_CRUMB, (_("周年"), reverse_lazy("exchange:anniversary-list"))]
    download_tables = {"next": NEXT_ANNIVERSARY_TABLE, "past": PAST_ANNIVERSARY_TABLE}

    def get_table_objects(self, name, context):
        return context[f"{name}_anniversaries"]

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        fiscal_year = fiscal_year_of(today)
        first_day, _last_day = fiscal_year_range(fiscal_year)
        cities = PartnerCity.objects.all()
        return super().get_context_data(
            today=today,
            fiscal_year=fiscal_year,
            next_anniversaries=cities.next_anniversaries(today),
            past_anniversaries=cities.anniversaries_between(
                first_day, today - datetime.timedelta(days=1)
            ),
            **kwargs,
        )


# International Center (3(9))


class CenterView(DownloadMixin, SectionPageMixin, DetailView):
    """``/international-center/``: the center's facts, floor guide and usage per fiscal year.

    Raises ``Http404`` when no center is loaded. Five queries whatever the row counts.
    ``?format=…`` downloads the usage table (every fiscal year, without the computed totals);
    ``?table=rooms&format=…`` the floor guide, one row per room.
    """

    queryset = InternationalCenter.objects.for_page()
    template_name = "exchange/center.html"
    context_object_name = "center"
    download_table = USAGE_TABLE
    download_tables = {"rooms": ROOM_TABLE}

    def get_table_objects(self, name, context):
        return [room for floor in self.object.floors.all() for room in floor.rooms.all()]

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
        usage_tables = UsageRecord.objects.filter(center=self.object).tables()
        return super().get_context_data(
            usage_tables=usage_tables, usage_chart=usage_chart(usage_tables), **kwargs
        )
