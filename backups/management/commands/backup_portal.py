"""``python manage.py backup_portal [--dir DIR]``: back up the portal's data.

Writes ``portal-YYYYmmdd-HHMMSS.json`` (dumpdata with natural foreign keys) and, on
PostgreSQL, ``portal-YYYYmmdd-HHMMSS.dump`` (pg_dump) to ``DIR`` (default ``backups/``,
``PORTAL_BACKUP_DIR``). See :mod:`backups.operations`.
"""
from django.core.management.base import BaseCommand, CommandError

from backups.operations import BackupError, create_backup


class Command(BaseCommand):
    help = "ポータルのデータをバックアップします(backups/ に JSON、PostgreSQL なら pg_dump も)。"

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="保存先のディレクトリ(既定: backups/)")

    def handle(self, *args, dir=None, **options):
        try:
            paths = create_backup(dir)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for path in paths:
            self.stdout.write(self.style.SUCCESS(f"バックアップしました: {path}"))
