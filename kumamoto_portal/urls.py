"""Root URLs: the home page, each section's public pages and the staff admin."""
from django.contrib import admin
from django.urls import include, path

from core.views import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("planning.urls")),
    path("", include("exchange.urls")),
    path("", include("public_relations.urls")),
    path("", include("recovery.urls")),
    # Staff pages of our own first: admin.site.urls would answer their paths with a 404.
    path("admin/", include("backoffice.urls")),
    path("admin/", admin.site.urls),
]
