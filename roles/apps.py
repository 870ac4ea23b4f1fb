from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RolesConfig(AppConfig):
    """Who may see and change which records: divisions' groups, auditors, permissions."""

    name = "roles"
    verbose_name = "権限"

    def ready(self):
        # Import and export each need their own permission per model (settings
        # IMPORT_EXPORT_*_PERMISSION_CODE); created after every migrate rather than in
        # every model's Meta.
        from .permissions import ensure_import_export_permissions

        post_migrate.connect(
            ensure_import_export_permissions, sender=self, dispatch_uid="portal_import_export_perms"
        )
