"""URLs of the exchange sections (3–4)."""
from django.urls import path
from django.views.generic import TemplateView

from . import views

app_name = "exchange"
urlpatterns = [
    # Partner cities: built on another branch; stubs keep the names base.html links to.
    path("partner-cities/", TemplateView.as_view(template_name="base.html"), name="city-list"),
    path("exchange-activities/", TemplateView.as_view(template_name="base.html"), name="activity-list"),
    # International Center (3(9))
    path("international-center/", views.CenterView.as_view(), name="center"),
]
