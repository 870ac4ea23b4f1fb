"""Admin of the partner-city records: every model with spreadsheet import/export."""
from django.contrib import admin

from backoffice.admin import PortalAdmin, PortalTabularInline
from core.views import BoundedPaginator
from core.wareki import localized_fiscal_year

from .filters import city_names, fiscal_years
from .models import (
    Floor,
    InternationalCenter,
    Room,
    UsageRecord,
    AffiliationMilestone,
    CityDistance,
    ExchangeActivity,
    ExchangeSection,
    InternationalPolicy,
    PartnerCity,
)
from .resources import (
    FloorResource,
    InternationalCenterResource,
    RoomResource,
    UsageRecordResource,
    AffiliationMilestoneResource,
    CityDistanceResource,
    ExchangeActivityResource,
    ExchangeSectionResource,
    InternationalPolicyResource,
    PartnerCityResource,
)


class AffiliationMilestoneInline(PortalTabularInline):
    model = AffiliationMilestone
    fields = ["order", "date", "date_precision", "kind", "description", "source"]


class CityDistanceInline(PortalTabularInline):
    model = CityDistance
    fields = [
        "order", "reference_place", "direction", "distance_km", "distance_is_approximate", "source",
    ]


class ExchangeActivityInline(PortalTabularInline):
    model = ExchangeActivity
    fields = [
        "order", "date", "date_precision", "direction", "description", "participant_count",
        "participant_count_is_partial", "source",
    ]


@admin.register(ExchangeSection)
class ExchangeSectionAdmin(PortalAdmin):
    resource_classes = [ExchangeSectionResource]
    list_display = ["title", "scope", "responsible_division", "order", "source"]
    search_fields = ["title", "introduction"]
    list_filter = ["scope", "responsible_division"]


@admin.register(InternationalPolicy)
class InternationalPolicyAdmin(PortalAdmin):
    resource_classes = [InternationalPolicyResource]
    list_display = ["name", "fiscal_year", "responsible_division", "order", "source"]
    search_fields = ["name", "purpose"]
    list_filter = ["fiscal_year"]


@admin.register(PartnerCity)
class PartnerCityAdmin(PortalAdmin):
    resource_classes = [PartnerCityResource]
    list_display = [
        "name", "english_name", "country_or_region", "relationship_type", "affiliated_on",
        "scope", "responsible_division", "order",
    ]
    search_fields = ["name", "english_name", "state_or_province", "affiliation_history", "overview"]
    list_filter = ["scope", "country_or_region", "relationship_type", "responsible_division"]
    date_hierarchy = "affiliated_on"
    prepopulated_fields = {"slug": ["english_name"]}
    list_select_related = ["responsible_division"]
    inlines = [AffiliationMilestoneInline, CityDistanceInline, ExchangeActivityInline]


@admin.register(AffiliationMilestone)
class AffiliationMilestoneAdmin(PortalAdmin):
    resource_classes = [AffiliationMilestoneResource]
    list_display = ["city", "order", "date", "date_precision", "kind", "source"]
    search_fields = ["description", "city__name"]
    list_filter = ["kind", "city"]
    # Search-as-you-type: a select of every city grows with the table.
    autocomplete_fields = ["city"]
    date_hierarchy = "date"
    list_select_related = ["city"]


@admin.register(CityDistance)
class CityDistanceAdmin(PortalAdmin):
    resource_classes = [CityDistanceResource]
    list_display = ["city", "order", "reference_place", "direction", "distance_km", "source"]
    search_fields = ["reference_place", "city__name"]
    list_filter = ["city"]
    # Search-as-you-type: a select of every city grows with the table.
    autocomplete_fields = ["city"]
    list_select_related = ["city"]


class FiscalYearListFilter(admin.SimpleListFilter):
    """「年度」: the activities of one fiscal year (April–March), as the public filter has it.

    It replaces the changelist's date hierarchy, whose years are a ``SELECT DISTINCT`` of
    every date truncated to its year on each request (0.5 s of the 0.55 s of the first
    page at 100,000 activities on SQLite): the years are the public filter's, read once
    per content version (``exchange.filters.fiscal_years``).
    """

    title = "年度"
    parameter_name = "fiscal_year"

    def lookups(self, request, model_admin):
        years = fiscal_years()
        return [(str(year), localized_fiscal_year(year)) for year in reversed(years)]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit() or not 1 <= int(value) <= 9998:
            # As wrong as any other filter value: a Japanese 400 (PortalAdmin).
            raise admin.options.IncorrectLookupParameters(f"年度 {value!r}")
        return queryset.in_fiscal_year(int(value))


class CityListFilter(admin.SimpleListFilter):
    """「都市」: the activities of one city, a link per city while there are few.

    With hundreds of cities a link each is a sidebar no one reads and a page that grows
    with the table: past ``MAX_LINKS`` cities only the chosen one is listed, and the
    search box finds a city by name (``search_fields``). The names are read once per
    content version (``exchange.filters.city_names``). Same address as Django's own
    filter (``?city__id__exact=3``).
    """

    title = "都市"
    parameter_name = "city__id__exact"
    MAX_LINKS = 50

    def lookups(self, request, model_admin):
        cities = city_names()
        if len(cities) > self.MAX_LINKS:
            cities = [city for city in cities if str(city.pk) == self.value()]
        return [(str(city.pk), city.name_ja) for city in cities]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            raise admin.options.IncorrectLookupParameters(f"都市 {value!r}")
        return queryset.filter(city_id=int(value))


@admin.register(ExchangeActivity)
class ExchangeActivityAdmin(PortalAdmin):
    resource_classes = [ExchangeActivityResource]
    list_display = ["city", "order", "date", "direction", "participant_count", "description"]
    search_fields = ["description", "city__name"]
    list_filter = ["direction", FiscalYearListFilter, CityListFilter]
    # Search-as-you-type: a select of every city grows with the table.
    autocomplete_fields = ["city"]
    list_select_related = ["city"]
    # Flat at 100,000 activities: no second COUNT(*) of the whole table for 「全 N 件」, the
    # count of the filtered list remembered per content version, pages bounded
    # (PORTAL_MAX_PAGES: a deep OFFSET reads every row before it; filters and search
    # narrow the list, the export gives every row).
    show_full_result_count = False
    paginator = BoundedPaginator
    # Newest first through the index on (-date, city, order), as the public list (city_id:
    # "city" would sort by the city's own order, through the join). The
    # model's order (by city, through a join) sorts every row of a large table for each
    # page, and (-date, order) is not total (Django adds -pk, which no index serves).
    ordering = ["-date", "city_id", "order"]


# International Center (3(9))


class FloorInline(PortalTabularInline):
    model = Floor
    fields = ["order", "label", "source"]
    show_change_link = True


class RoomInline(PortalTabularInline):
    model = Room
    fields = ["order", "name", "capacity", "source"]


class UsageRecordInline(PortalTabularInline):
    model = UsageRecord
    fields = ["fiscal_year", "category", "room_count", "number_of_users", "source"]


@admin.register(InternationalCenter)
class InternationalCenterAdmin(PortalAdmin):
    resource_classes = [InternationalCenterResource]
    list_display = ["name", "operator", "address", "opened_on", "responsible_division", "source"]
    search_fields = ["name", "operator", "designated_manager", "address"]
    list_filter = ["responsible_division", "source"]
    list_select_related = ["responsible_division"]
    inlines = [FloorInline, UsageRecordInline]


@admin.register(Floor)
class FloorAdmin(PortalAdmin):
    resource_classes = [FloorResource]
    list_display = ["label", "center", "order", "source"]
    list_editable = ["order"]
    search_fields = ["label", "rooms__name"]
    list_filter = ["center"]
    list_select_related = ["center"]
    inlines = [RoomInline]


@admin.register(Room)
class RoomAdmin(PortalAdmin):
    resource_classes = [RoomResource]
    list_display = ["name", "floor", "order", "capacity", "source"]
    search_fields = ["name", "floor__label"]
    list_filter = ["floor__center", "floor"]
    list_select_related = ["floor__center"]


@admin.register(UsageRecord)
class UsageRecordAdmin(PortalAdmin):
    resource_classes = [UsageRecordResource]
    list_display = ["fiscal_year", "category", "room_count", "number_of_users", "center", "source"]
    search_fields = ["center__name"]
    list_filter = ["fiscal_year", "category", "center"]
    list_select_related = ["center"]
