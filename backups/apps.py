from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """Backup and restore of the portal's data (``backup_portal``, ``restore_portal``)."""

    name = "backups"
    verbose_name = "バックアップ"
