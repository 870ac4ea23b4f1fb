"""URLs of the accessibility policy, included under ``/accessibility/``."""
from django.urls import path

from .views import PolicyView

app_name = "accessibility"
urlpatterns = [
    path("", PolicyView.as_view(), name="policy"),
]
