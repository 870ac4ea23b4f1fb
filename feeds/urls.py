"""URLs of the feeds (``/feeds/…``), ``/sitemap.xml`` and ``/robots.txt``, included at the root."""
from django.contrib.sitemaps.views import sitemap
from django.db import transaction
from django.urls import include, path

from . import calendars, feeds
from .sitemaps import SITEMAPS
from .views import RobotsView

app_name = "feeds"
# Feeds and the sitemap only read: no transaction (as core.views.ReadOnlyPageMixin).
read_only = transaction.non_atomic_requests

urlpatterns = [
    path(
        "feeds/",
        include([
            path("exchange-activities.atom", read_only(feeds.ExchangeActivityFeed()), name="activities"),
            path(
                "exchange-activities/<slug:slug>.atom",
                read_only(feeds.CityActivityFeed()),
                name="city-activities",
            ),
            path("changes.atom", read_only(feeds.PublicChangeFeed()), name="changes"),
            path("emergency-notices.atom", read_only(feeds.EmergencyNoticeFeed()), name="emergency-notices"),
            path(
                "exchange-activities.ics",
                calendars.ExchangeActivityCalendar.as_view(),
                name="activity-calendar",
            ),
            path("anniversaries.ics", calendars.AnniversaryCalendar.as_view(), name="anniversary-calendar"),
        ]),
    ),
    path("sitemap.xml", read_only(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
]
