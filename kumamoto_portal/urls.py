"""Root URLs: the home page, each section's public pages and the staff admin.

A section's prefix is written here when all its pages share one. Planning and exchange
have pages under several prefixes (``/plan/`` and ``/metropolitan-area/``; ``/partner-cities/``,
``/exchange-activities/`` and ``/international-center/``), so their urls modules write each
of their prefixes once: one ``include()`` per prefix here would register the app's URL
namespace several times, and only one of them could be reversed.

Every public page is there twice: in Japanese at its address, in English under ``/en/``
(``i18n_patterns`` without a prefix for the default language). The staff admin is Japanese
only and stays outside.
"""
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from core.views import HomeView

urlpatterns = i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("", include("planning.urls")),
    path("", include("exchange.urls")),
    path("public-relations/", include("public_relations.urls")),
    path("recovery/", include("recovery.urls")),
    path("opendata/", include("opendata.urls")),
    path("search/", include("search.urls")),
    path("accessibility/", include("accessibility.urls")),
    path("api/", RedirectView.as_view(pattern_name="api:docs"), name="api-index"),
    path("api/v1/", include("api.urls")),
    # /feeds/…, /sitemap.xml and /robots.txt
    path("", include("feeds.urls")),
    prefix_default_language=False,
) + [
    # Staff pages of our own first: admin.site.urls would answer their paths with a 404.
    path("admin/", include("backoffice.urls")),
    path("admin/", admin.site.urls),
]

# A busy database is a Japanese 503, also when it fails outside a view (core.views).
handler500 = "core.views.server_error"
# The 404 page says why when the portal knows (a download it does not offer).
handler404 = "core.views.page_not_found"
