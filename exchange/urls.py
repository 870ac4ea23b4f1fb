"""URLs of sections 3–4: partner cities, exchange activities (and the International Center)."""
from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("partner-cities/", views.PartnerCityListView.as_view(), name="city-list"),
    path(
        "partner-cities/<slug:slug>/", views.PartnerCityDetailView.as_view(), name="city-detail"
    ),
    path(
        "exchange-activities/", views.ExchangeActivityListView.as_view(), name="activity-list"
    ),
    path("international-center/", views.CenterView.as_view(), name="center"),
]
