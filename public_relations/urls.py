"""URLs of section 5 (広報)."""
from django.urls import path

from . import views

app_name = "public_relations"
urlpatterns = [
    path("public-relations/", views.IndexView.as_view(), name="index"),
    path(
        "public-relations/programmes/",
        views.ProgrammeListView.as_view(),
        name="programme-list",
    ),
]
