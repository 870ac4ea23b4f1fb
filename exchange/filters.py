"""Filters of the public partner-city lists (django-filter).

Invalid values (an unknown choice, a non-numeric year) never raise: the view shows an empty
list (the filter form is then invalid and its errors are shown).
"""
import django_filters

from core import pagecache
from core.filters import PortalFilterSet
from core.wareki import format_fiscal_year

from .models import ActivityDirection, ExchangeActivity, PartnerCity, Scope


class PartnerCityFilter(PortalFilterSet):
    """``/partner-cities/?country_or_region=usa&relationship_type=sister_city&scope=overseas``.

    Labels and choices come from the model fields; ``scope`` is labelled for the reader.
    """

    scope = django_filters.ChoiceFilter(label="海外・国内", choices=Scope.choices)

    class Meta:
        model = PartnerCity
        fields = ["country_or_region", "relationship_type", "scope"]


class ExchangeActivityFilter(PortalFilterSet):
    """``/exchange-activities/?city=guilin&fiscal_year=2015&direction=dispatch``.

    ``city`` is the city's slug; ``fiscal_year`` the year in which the 年度 starts
    (平成27年度 = 2015; April 1 to March 31).
    """

    city = django_filters.ModelChoiceFilter(
        label="都市", queryset=PartnerCity.objects.all(), to_field_name="slug"
    )
    fiscal_year = django_filters.ChoiceFilter(label="年度", method="filter_fiscal_year")
    direction = django_filters.ChoiceFilter(
        label="交流の種類", choices=ActivityDirection.choices, method="filter_direction"
    )

    class Meta:
        model = ExchangeActivity
        fields = ["city", "fiscal_year", "direction"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The choices are the fiscal years that have activities: read once per content
        # version (a SELECT DISTINCT over every activity), not on every request.
        years = pagecache.remembered("exchange-fiscal-years", ExchangeActivity.objects.fiscal_years)
        self.filters["fiscal_year"].extra["choices"] = [(year, format_fiscal_year(year)) for year in years]

    def filter_fiscal_year(self, queryset, name, value: str):
        """Keep the activities of fiscal year ``value`` (a valid choice: digits of the year)."""
        return queryset.in_fiscal_year(value)

    def filter_direction(self, queryset, name, value):
        """Keep the activities of kind ``value``; an exchange of visits counts as both ways."""
        return queryset.with_direction(value)
