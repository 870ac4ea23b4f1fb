from django.urls import path
from django.views.generic import TemplateView

app_name = "exchange"
urlpatterns = [
    path("partner-cities/", TemplateView.as_view(template_name="base.html"), name="city-list"),
    path("exchange-activities/", TemplateView.as_view(template_name="base.html"), name="activity-list"),
    path("international-center/", TemplateView.as_view(template_name="base.html"), name="center"),
]
