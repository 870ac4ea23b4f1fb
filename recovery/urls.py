from django.urls import path
from django.views.generic import TemplateView

app_name = "recovery"
urlpatterns = [
    path("recovery/", TemplateView.as_view(template_name="base.html"), name="index"),
]
