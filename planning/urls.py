"""URLs of sections 1–2: ``/plan/`` (総合計画) and ``/metropolitan-area/`` (連携中枢都市圏)."""
from django.urls import include, path

from . import views

app_name = "planning"
urlpatterns = [
    path("plan/", views.PlanView.as_view(), name="plan"),
    path(
        "metropolitan-area/",
        include([
            path("", views.AreaView.as_view(), name="area"),
            path("members/", views.MemberListView.as_view(), name="member-list"),
        ]),
    ),
]
