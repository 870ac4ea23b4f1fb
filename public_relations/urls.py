"""URLs of section 5 (広報), included under ``/public-relations/``."""
from django.urls import path

from . import views

app_name = "public_relations"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("programmes/", views.ProgrammeListView.as_view(), name="programme-list"),
]
