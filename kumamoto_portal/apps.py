from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Shared parts of the portal: responsible divisions, 和暦 helpers, home page."""

    name = "kumamoto_portal"
    verbose_name = "ポータル共通"
