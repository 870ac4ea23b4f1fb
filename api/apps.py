from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The read-only JSON API (``/api/v1/``) over the public records of the content apps."""

    name = "api"
    verbose_name = _("API")
