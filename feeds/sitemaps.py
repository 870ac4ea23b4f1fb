"""``sitemap.xml`` (django.contrib.sitemaps): every public page with its last modification.

A page's last modification is the latest change of the records it shows, from the audit
trail (``pages.last_changed``); a page that shows no records (the home page) has none.
Each page is listed in Japanese and in English (``/en/…``), each entry naming both
versions (``xhtml:link rel="alternate" hreflang``, the Japanese one as ``x-default``).
"""
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from exchange.models import PartnerCity

from .pages import CITY_PAGE_MODELS, PUBLIC_PAGES, last_changed


class BilingualSitemap(Sitemap):
    """A sitemap of pages that exist in every language of ``settings.LANGUAGES``."""

    i18n = True
    alternates = True
    x_default = True


class PublicPageSitemap(BilingualSitemap):
    """The public pages without an argument (``PUBLIC_PAGES``)."""

    def items(self):
        return list(PUBLIC_PAGES)

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return last_changed(PUBLIC_PAGES[name])


class PartnerCitySitemap(BilingualSitemap):
    """One page per partner city: its record, milestones, distances and activities."""

    def items(self):
        return PartnerCity.objects.all()

    def lastmod(self, city):
        return max(
            filter(None, [last_changed([PartnerCity], id=city.pk), last_changed(CITY_PAGE_MODELS, city_id=city.pk)]),
            default=None,
        )


SITEMAPS = {"pages": PublicPageSitemap, "cities": PartnerCitySitemap}
