"""``python manage.py restore_portal [FILE] [--noinput] [--maintenance]``: replace the data.

``FILE`` is a ``.json`` backup (any database) or a ``.dump`` (PostgreSQL only); without it
the newest ``backups/portal-*.json`` is used. Asks for confirmation unless ``--noinput``.
All or nothing: on any error the data is unchanged and the command fails with a Japanese
message. See :mod:`backups.operations`.

It runs only in maintenance mode (``manage.py maintenance on``, :mod:`core.maintenance`):
with maintenance mode off the portal counts as serving, and pages read while the data is
replaced would fail. ``--maintenance`` switches it on for the restore and off afterwards
(it stays on when it was on before).
"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.operations import BackupError, latest_backup, restore
from core import maintenance


class Command(BaseCommand):
    help = "バックアップからデータを復元します(今のデータは置き換わります)。メンテナンス中にだけ実行できます。"

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="バックアップファイル(既定: 最新の backups/portal-*.json)")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive",
            help="確認せずに復元します。",
        )
        parser.add_argument(
            "--maintenance", action="store_true",
            help="復元の間だけメンテナンス中にします(終われば公開に戻します)。",
        )

    def handle(self, *args, file=None, interactive=True, **options):
        switch = options.get("maintenance", False)
        try:
            path = file or latest_backup()
            # Checked before asking, so nobody confirms a restore that cannot happen.
            if not Path(path).is_file():
                raise BackupError(f"バックアップファイル {path} が見つかりません。")
            if not switch and not maintenance.is_on():
                raise CommandError(
                    "ポータルが公開中のため、復元しませんでした(データは変更していません)。"
                    "復元の間はページを表示できないため、先に「manage.py maintenance on」で"
                    "メンテナンス中にするか、--maintenance を付けて実行してください"
                    "(make restore は自動でメンテナンス中にします)。"
                )
            if interactive:
                try:
                    answer = input(
                        f"{path} から復元します。今のデータはすべて置き換わります。"
                        + ("復元の間、ポータルはメンテナンス中になります。" if switch else "")
                        + "よろしければ yes と入力してください: "
                    )
                except EOFError:
                    answer = ""
                if answer.strip().lower() != "yes":
                    raise CommandError("復元を中止しました(yes の入力がありません)。データは変更していません。")
            switched_here = switch and not maintenance.is_on()
            if switched_here:
                maintenance.switch_on(f"manage.py restore_portal {path}")
            try:
                count = restore(path)
            finally:
                if switched_here:
                    maintenance.switch_off()
        except BackupError as error:
            raise CommandError(str(error)) from error
        done = f"{count}件の記録" if count is not None else "データベース全体"
        self.stdout.write(self.style.SUCCESS(f"{path} から{done}を復元しました。"))
        if maintenance.is_on():
            self.stdout.write("メンテナンス中のままです。公開に戻すには「manage.py maintenance off」を実行してください。")
