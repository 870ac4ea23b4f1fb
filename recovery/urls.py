"""URLs of section 6 (震災復興), included under ``/recovery/``."""
from django.urls import path

from .views import RecoveryIndexView

app_name = "recovery"
urlpatterns = [
    path("", RecoveryIndexView.as_view(), name="index"),
]
