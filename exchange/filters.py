"""Filters of the public partner-city lists (django-filter).

Invalid values (an unknown choice, a non-numeric year) never raise: the view shows an empty
list (the filter form is then invalid and its errors are shown).
"""
import django_filters
from django.utils.translation import gettext_lazy as _

from core import pagecache
from core.filters import PortalFilterSet
from core.wareki import localized_fiscal_year

from .models import (
    ActivityDirection,
    CountryOrRegion,
    ExchangeActivity,
    PartnerCity,
    RelationshipType,
    Scope,
)


class PartnerCityFilter(PortalFilterSet):
    """``/partner-cities/?country_or_region=usa&relationship_type=sister_city&scope=overseas``.

    Choices come from the model's; labels are the page's (translated on English pages).
    """

    country_or_region = django_filters.ChoiceFilter(label=_("国・地域"), choices=CountryOrRegion.choices)
    relationship_type = django_filters.ChoiceFilter(
        label=_("提携の種類"), choices=RelationshipType.choices
    )
    scope = django_filters.ChoiceFilter(label=_("海外・国内"), choices=Scope.choices)

    class Meta:
        model = PartnerCity
        fields = ["country_or_region", "relationship_type", "scope"]


class ExchangeActivityFilter(PortalFilterSet):
    """``/exchange-activities/?city=guilin&fiscal_year=2015&direction=dispatch``.

    ``city`` is the city's slug; ``fiscal_year`` the year in which the 年度 starts
    (平成27年度 = 2015; April 1 to March 31).
    """

    city = django_filters.ModelChoiceFilter(
        label=_("都市"), queryset=PartnerCity.objects.all(), to_field_name="slug"
    )
    fiscal_year = django_filters.ChoiceFilter(label=_("年度"), method="filter_fiscal_year")
    direction = django_filters.ChoiceFilter(
        label=_("交流の種類"), choices=ActivityDirection.choices, method="filter_direction"
    )

    class Meta:
        model = ExchangeActivity
        fields = ["city", "fiscal_year", "direction"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The choices are the fiscal years that have activities: read once per content
        # version (a SELECT DISTINCT over every activity), not on every request; labelled
        # in the page's language.
        years = pagecache.remembered("exchange-fiscal-years", ExchangeActivity.objects.fiscal_years)
        self.filters["fiscal_year"].extra["choices"] = [(year, localized_fiscal_year(year)) for year in years]

    def filter_fiscal_year(self, queryset, name, value: str):
        """Keep the activities of fiscal year ``value`` (a valid choice: digits of the year)."""
        return queryset.in_fiscal_year(value)

    def filter_direction(self, queryset, name, value):
        """Keep the activities of kind ``value``; an exchange of visits counts as both ways."""
        return queryset.with_direction(value)
