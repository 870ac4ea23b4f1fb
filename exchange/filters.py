"""Filters of the public partner-city lists (django-filter).

Invalid values (an unknown choice, a non-numeric year, a city no name matches) never raise:
the view shows an empty list (the filter form is then invalid and its errors are shown).
"""
from dataclasses import dataclass

import django_filters
from django import forms
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import pagecache
from core.filters import PortalFilterSet
from core.languages import english_page
from core.wareki import localized_fiscal_year
from search.text import fold as search_fold

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


def fold(text):
    """``text`` as names are compared: the site search's folding (``search.text.fold``:
    width, case, katakana/hiragana), without spaces. 「ｻﾝｱﾝﾄﾆｵ市」, 「さんあんとにお市」 and
    「サンアントニオ市」 fold the same; so do 「ＧＵＩＬＩＮ」 and 「guilin」."""
    return "".join(search_fold(str(text)).split())


@dataclass(frozen=True)
class CityName:
    """A partner city as the filter knows it: its slug and names (no query for its page)."""

    pk: int
    slug: str
    name_ja: str
    name_en: str
    english_name: str

    def __str__(self):
        return (self.name_en or self.name_ja) if english_page() else self.name_ja

    def folded_names(self):
        """Its names folded (``fold``), each also without 「市」 or "city" at its end."""
        names = {fold(name) for name in (self.name_ja, self.name_en, self.english_name) if name}
        return names | {without_city(name) for name in names} - {""}


def without_city(folded):
    """「桂林」 finds 桂林市 and "guilin city" Guilin: a folded name without 市 or "city"."""
    return folded.removesuffix("市").removesuffix("city")


def city_names():
    """Every partner city's slug and names: one query, once per content version
    (``pagecache.remembered``); a thousand cities are a few dozen kilobytes."""
    return pagecache.remembered(
        "exchange-city-names",
        lambda: [
            CityName(*row)
            for row in PartnerCity.objects.order_by("order", "name").values_list(
                "pk", "slug", "name_ja", "name_en", "english_name"
            )
        ],
    )


def fiscal_years():
    """The fiscal years that have activities: a ``SELECT DISTINCT`` over every activity,
    once per content version (``pagecache.remembered``), not on every request."""
    return pagecache.remembered("exchange-fiscal-years", ExchangeActivity.objects.fiscal_years)


def find_cities(text):
    """The cities whose slug is ``text``, else whose name (Japanese or English, folded) is."""
    cities = city_names()
    by_slug = [city for city in cities if city.slug == text.strip()]
    if by_slug:
        return by_slug
    folded = fold(text)
    return [
        city for city in cities
        if folded in (names := city.folded_names()) or without_city(folded) in names
    ]


def suggest_cities(text, limit=10):
    """Up to ``limit`` cities whose name contains ``text`` (folded), those it starts first."""
    folded = fold(text)
    if not folded:
        return []
    found = []
    for index, city in enumerate(city_names()):
        names = city.folded_names()
        if any(folded in name for name in names):
            found.append((not any(name.startswith(folded) for name in names), index, city))
    return [city for *_, city in sorted(found, key=lambda item: item[:2])[:limit]]


class CityField(forms.CharField):
    """A partner city typed as its name (Japanese or English) or given as its slug.

    Cleans to a ``CityName``; no city or several give a message in the page's language.
    """

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        found = find_cities(value)
        if not found:
            raise forms.ValidationError(
                gettext("「%(value)s」という都市は見つかりません。都市名を日本語か英語で入力してください。"),
                code="unknown_city", params={"value": value},
            )
        if len(found) > 1:
            raise forms.ValidationError(
                gettext("「%(value)s」に当てはまる都市が複数あります(%(names)s)。都市名をもう少し詳しく入力してください。"),
                code="ambiguous_city",
                params={"value": value, "names": gettext("、").join(str(city) for city in found[:5])},
            )
        return found[0]


class CityFilter(django_filters.CharFilter):
    field_class = CityField

    def filter(self, qs, value):
        return qs if value is None else qs.filter(city_id=value.pk)


class ExchangeActivityFilter(PortalFilterSet):
    """``/exchange-activities/?city=guilin&fiscal_year=2015&direction=dispatch``.

    ``city`` is the city's slug or its name as a citizen types it (「桂林市」, 「Guilin」,
    full-width or half-width, katakana or hiragana): a text box, not a choice of every
    city (a thousand options would make every page 65 KB), which suggests names as one
    types (``static/js/city-combobox.js``, ``CitySuggestionsView``). ``fiscal_year`` is the
    year in which the 年度 starts (平成27年度 = 2015; April 1 to March 31).
    """

    city = CityFilter(
        label=_("都市"),
        help_text=_("都市名を日本語か英語で入力します(例: 桂林市、Guilin)。"),
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
        years = fiscal_years()
        self.filters["fiscal_year"].extra["choices"] = [(year, localized_fiscal_year(year)) for year in years]

    @property
    def form(self):
        form = super().form
        field = form.fields["city"]
        # The text box becomes a combobox with JavaScript: where to ask for names, and
        # what to say of them, in the page's language.
        field.widget.attrs.update({
            "autocomplete": "off",
            "data-combobox-url": reverse("exchange:city-suggestions"),
            "data-combobox-label": gettext("都市の候補"),
            "data-combobox-status": gettext("候補が%(count)s件あります。上下の矢印キーで選び、Enterで絞り込みます。"),
            "data-combobox-none": gettext("当てはまる都市はありません。"),
        })
        return form

    def city_display(self):
        """The city the filter keeps, shown in the box by name (``?city=guilin`` → 桂林市)."""
        form = self.form
        if form.is_valid() and form.cleaned_data.get("city"):
            data = form.data.copy()
            data["city"] = str(form.cleaned_data["city"])
            form.data = data

    def filter_fiscal_year(self, queryset, name, value: str):
        """Keep the activities of fiscal year ``value`` (a valid choice: digits of the year)."""
        return queryset.in_fiscal_year(value)

    def filter_direction(self, queryset, name, value):
        """Keep the activities of kind ``value``; an exchange of visits counts as both ways."""
        return queryset.with_direction(value)
