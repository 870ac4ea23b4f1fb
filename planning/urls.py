"""URLs of sections 1–2 (総合計画, 連携中枢都市圏)."""
from django.urls import path

from . import views

app_name = "planning"
urlpatterns = [
    path("plan/", views.PlanView.as_view(), name="plan"),
    path("metropolitan-area/", views.AreaView.as_view(), name="area"),
    path("metropolitan-area/members/", views.MemberListView.as_view(), name="member-list"),
]
