from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """Open data: the datasets read from the content apps, their catalogue and its DCAT."""

    name = "opendata"
    verbose_name = _("オープンデータ")
