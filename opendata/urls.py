"""URLs of the open data, included under ``/opendata/``."""
from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.CatalogView.as_view(), name="catalog"),
    path("catalog.jsonld", views.DcatView.as_view(), name="dcat"),
    path("<str:filename>", views.DatasetFileView.as_view(), name="file"),
]
