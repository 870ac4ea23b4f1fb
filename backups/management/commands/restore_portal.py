"""``python manage.py restore_portal [FILE] [--noinput]``: replace the data with a backup.

``FILE`` is a ``.json`` backup (any database) or a ``.dump`` (PostgreSQL only); without it
the newest ``backups/portal-*.json`` is used. Asks for confirmation unless ``--noinput``.
All or nothing: on any error the data is unchanged and the command fails with a Japanese
message. See :mod:`backups.operations`.
"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.operations import BackupError, latest_backup, restore


class Command(BaseCommand):
    help = "バックアップからデータを復元します(今のデータは置き換わります)。"

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="バックアップファイル(既定: 最新の backups/portal-*.json)")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive",
            help="確認せずに復元します。",
        )

    def handle(self, *args, file=None, interactive=True, **options):
        try:
            path = file or latest_backup()
            # Checked before asking, so nobody confirms a restore that cannot happen.
            if not Path(path).is_file():
                raise BackupError(f"バックアップファイル {path} が見つかりません。")
            if interactive:
                try:
                    answer = input(
                        f"{path} から復元します。今のデータはすべて置き換わります。"
                        "よろしければ yes と入力してください: "
                    )
                except EOFError:
                    answer = ""
                if answer.strip().lower() != "yes":
                    raise CommandError("復元を中止しました(yes の入力がありません)。データは変更していません。")
            count = restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        done = f"{count}件の記録" if count is not None else "データベース全体"
        self.stdout.write(self.style.SUCCESS(f"{path} から{done}を復元しました。"))
