from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    """Sections 3–4: overseas and domestic partner cities and the International Center."""

    name = "exchange"
    verbose_name = "国際交流・国内交流"
