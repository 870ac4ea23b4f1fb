from django.urls import path
from django.views.generic import TemplateView

app_name = "planning"
urlpatterns = [
    path("plan/", TemplateView.as_view(template_name="base.html"), name="plan"),
    path("metropolitan-area/", TemplateView.as_view(template_name="base.html"), name="area"),
]
