from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Shared parts of the portal: responsible divisions, 和暦 helpers, home page."""

    name = "kumamoto_portal"
    verbose_name = "ポータル共通"

    def ready(self):
        # Spreadsheet import (formats.py): the preview→confirm store is a database cache
        # table, created on every migrate.
        from django.db.models.signals import post_migrate

        from .formats import create_import_cache_table

        post_migrate.connect(create_import_cache_table, sender=self)
