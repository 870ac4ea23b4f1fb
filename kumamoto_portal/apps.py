from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    """Shared parts of the portal: responsible divisions, 和暦 helpers, home page."""

    name = "kumamoto_portal"
    verbose_name = "ポータル共通"

    def ready(self):
        # Spreadsheet import (formats.py): the preview→confirm store is a database cache
        # table, created on every migrate.
        from .formats import create_import_cache_table

        post_migrate.connect(create_import_cache_table, sender=self)
        # Import and export each need their own permission per model (settings
        # IMPORT_EXPORT_*_PERMISSION_CODE); created here rather than in every model's Meta.
        post_migrate.connect(
            _create_import_export_permissions, sender=self, dispatch_uid="portal_import_export_perms"
        )


def _create_import_export_permissions(sender, using="default", **kwargs):
    """``post_migrate`` receiver: the ``import_*``/``export_*`` permissions of every content model."""
    from .permissions import ensure_import_export_permissions

    ensure_import_export_permissions()
