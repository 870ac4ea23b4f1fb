"""URLs of section 6 (震災復興)."""
from django.urls import path

from .views import RecoveryIndexView

app_name = "recovery"
urlpatterns = [
    path("recovery/", RecoveryIndexView.as_view(), name="index"),
]
