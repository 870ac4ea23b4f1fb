"""URLs of sections 3–4: ``/partner-cities/``, ``/anniversaries/``, ``/exchange-activities/``, ``/international-center/``."""
from django.urls import include, path

from . import views

app_name = "exchange"
urlpatterns = [
    path(
        "partner-cities/",
        include([
            path("", views.PartnerCityListView.as_view(), name="city-list"),
            path("<slug:slug>/", views.PartnerCityDetailView.as_view(), name="city-detail"),
        ]),
    ),
    path("anniversaries/", views.AnniversaryListView.as_view(), name="anniversary-list"),
    path("exchange-activities/", views.ExchangeActivityListView.as_view(), name="activity-list"),
    path("exchange-activities/cities/", views.CitySuggestionsView.as_view(), name="city-suggestions"),
    path("international-center/", views.CenterView.as_view(), name="center"),
]
