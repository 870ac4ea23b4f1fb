from django.urls import path
from django.views.generic import TemplateView

app_name = "public_relations"
urlpatterns = [
    path("public-relations/", TemplateView.as_view(template_name="base.html"), name="index"),
]
