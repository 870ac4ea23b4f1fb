from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared parts of every section: divisions (所管課), provenance, 和暦/年度 and text rules."""

    name = "core"
    verbose_name = "ポータル共通"
