from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SpreadsheetsConfig(AppConfig):
    """Spreadsheet files (CSV, TSV, XLSX): reading, import rules, admin screens, commands."""

    name = "spreadsheets"
    verbose_name = "表計算ファイル"

    def ready(self):
        # The preview→confirm store is a database cache table, created on every migrate.
        from .formats import create_import_cache_table

        post_migrate.connect(create_import_cache_table, sender=self)
