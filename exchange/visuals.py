"""The map of the partner cities and the charts of sections 3–4, from the records.

The drawing is the ``graphics`` app's; this module says what is drawn: which cities, where
Kumamoto is, which values make each chart.
"""
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.wareki import localized_fiscal_year
from graphics.charts import bar_chart
from graphics.geography import Frame, Place, great_circle_km, place_map

from .models import ActivityDirection

#: Kumamoto's city centre (decimal degrees, WGS 84), from SUPPLEMENT.md 「Partner cities:
#: names and positions」, the source of the partner cities' coordinates too.
KUMAMOTO_LATITUDE = 32.8031
KUMAMOTO_LONGITUDE = 130.7079

#: The world from North America to Japan (every overseas partner city) …
WORLD = Frame(west=-130, east=150, south=-45, north=70, width=1000)
#: … and Japan with its neighbours, larger: Kumamoto, 福井市 and the East Asian cities.
INSET = Frame(west=106, east=142, south=20, north=41, width=600, standard_parallel=31)


class ActivityCount:
    """The unit of the activity charts: 「3件」; in English 「1 activity」, 「3 activities」."""

    def amount(self, value):
        return ngettext("%(number)s件", "%(number)s件", value) % {"number": intcomma(value)}


def computed_distance_km(city):
    """Great-circle distance from Kumamoto to ``city`` in km, rounded to 10 km.

    Computed from the supplement's coordinates, not a figure of the document.
    """
    distance = great_circle_km(KUMAMOTO_LATITUDE, KUMAMOTO_LONGITUDE, city.latitude, city.longitude)
    return int(round(distance, -1))


def city_place(city, number, current=None):
    """``city`` as a place on the map: numbered, linked, with what the list beside says."""
    country = city.get_country_or_region_display()
    details = [
        _("%(country)s・%(relationship)s")
        % {"country": country, "relationship": city.get_relationship_type_display()},
        _("熊本市から約%(km)skm(計算値)")
        % {"km": number_format(computed_distance_km(city), force_grouping=True)},
    ]
    details += [
        _("市政概要: %(place)sの%(direction)s%(approx)s%(km)skm")
        % {
            "place": distance.reference_place,
            "direction": distance.direction,
            "approx": _("およそ") if distance.distance_is_approximate else "",
            "km": number_format(distance.distance_km, force_grouping=True),
        }
        for distance in city.distances.all()
    ]
    return Place(
        name=city.name,
        latitude=city.latitude,
        longitude=city.longitude,
        url=city.get_absolute_url(),
        label=_("%(number)s. %(name)s(%(country)s)")
        % {"number": number, "name": city.name, "country": country},
        number=number,
        current=current is not None and city.pk == current.pk,
        details=details,
    )


def partner_city_map(cities, current=None):
    """The map of Kumamoto and ``cities`` (from ``PartnerCity.objects.for_map()``).

    ``current``: the city whose page shows the map, marked as the page's own.
    """
    kumamoto = Place(
        name=_("熊本市"),
        latitude=KUMAMOTO_LATITUDE,
        longitude=KUMAMOTO_LONGITUDE,
        home=True,
        details=[_("日本・この地図の基準")],
    )
    places = [kumamoto] + [
        city_place(city, number, current) for number, city in enumerate(cities, start=1)
    ]
    return place_map(places, WORLD, INSET)


def usage_chart(usage_tables):
    """The International Center's users by category, per 年度 (from ``UsageRecord…tables()``)."""
    rows = [
        (localized_fiscal_year(table.fiscal_year), record.category_label(), record.number_of_users, _("人"))
        for table in usage_tables
        for record in table.records
    ]
    return bar_chart("usage-chart", rows)


#: The per-city chart draws at most this many bars: the cities with the most activities,
#: and one bar 「その他(N都市)」 for the rest. With a thousand cities a bar each would be a
#: chart no citizen reads (and a page of megabytes); the sum stays every activity's.
CITY_CHART_BARS = 15


def activity_charts(activities):
    """Two charts of ``activities`` (a filtered queryset): per 年度 and per city, stacked
    by the kind of exchange.

    Two queries over every activity the filter keeps: the list's view keeps the charts'
    HTML per content version, filter and language (``ExchangeActivityListView``).

    The per-city chart keeps the document's order while there are ``CITY_CHART_BARS``
    cities or fewer; beyond that it shows the ``CITY_CHART_BARS - 1`` cities with the most
    activities (most first) and 「その他(N都市)」 for the rest, so the chart and its table
    still add up to every activity.
    """
    series = list(ActivityDirection.choices)
    by_year, by_city = {}, {}
    for row in activities.counts_by_fiscal_year_and_direction():
        by_year.setdefault(row["year"], {})[row["direction"]] = row["count"]
    for row in activities.counts_by_city_and_direction():
        by_city.setdefault(row["city_name"], {})[row["direction"]] = row["count"]
    unit = ActivityCount()
    return {
        "by_year": bar_chart(
            "activities-by-year",
            [("", localized_fiscal_year(year), counts) for year, counts in by_year.items()],
            series,
            unit,
        ),
        "by_city": bar_chart("activities-by-city", city_rows(by_city), series, unit),
        "other_cities": len(by_city) - CITY_CHART_BARS + 1 if len(by_city) > CITY_CHART_BARS else 0,
        "cities_shown": CITY_CHART_BARS - 1,
    }


def city_rows(by_city):
    """The per-city chart's rows from ``{city name: {direction: count}}`` (document order):
    every city, or the largest ones and 「その他(N都市)」 (see ``activity_charts``)."""
    if len(by_city) <= CITY_CHART_BARS:
        return [("", city, counts) for city, counts in by_city.items()]
    ranked = sorted(by_city.items(), key=lambda item: -sum(item[1].values()))
    shown, rest = ranked[: CITY_CHART_BARS - 1], ranked[CITY_CHART_BARS - 1 :]
    others = {}
    for _city, counts in rest:
        for direction, count in counts.items():
            others[direction] = others.get(direction, 0) + count
    label = ngettext("その他(%(count)s都市)", "その他(%(count)s都市)", len(rest)) % {
        "count": intcomma(len(rest))
    }
    return [("", city, counts) for city, counts in shown] + [("", label, others)]
