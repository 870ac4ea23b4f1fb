"""``manage.py import_sheet MODEL FILE [--dry-run] [--reason R] [--no-progress]``: a yearly bulk update.

Reads FILE (.csv or .xlsx) with the admin's rules for MODEL (``app_label.ModelName`` in any
case, or the model's Japanese name such as 「交流の記録」) and imports it all or nothing.
Prints the counts of new, changed and unchanged rows. On any bad row it prints every bad
row (row number, column, Japanese message) to stderr, writes nothing and exits with
status 1. A real import is recorded as one batch (取り込みの記録, with the file name and
``--reason``), which staff can review and undo in the admin like an upload's.
``--dry-run`` checks and counts without writing. A progress bar goes to stderr
when it is a terminal (not with ``--no-progress``).
"""
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError
from tqdm import tqdm

from core.database import BUSY_MESSAGE, is_busy_error
from spreadsheets import sheets


class _NothingWritten(Exception):
    """Leaves the batch block of a refused import, so that it rolls back."""


class Command(BaseCommand):
    help = "表計算ファイル(.csv/.xlsx)を取り込みます。1行でも誤りがあれば何も書き込みません。"

    def add_arguments(self, parser):
        parser.add_argument("model", help="app_label.ModelName か日本語のモデル名(例: 交流の記録)")
        parser.add_argument("file", help="取り込むファイル(.csv か .xlsx)")
        parser.add_argument(
            "--dry-run", action="store_true", help="確認だけして、データベースは変更しません。"
        )
        parser.add_argument("--no-progress", action="store_true", help="進み具合を表示しません。")
        parser.add_argument(
            "--reason", default="", help="変更理由(任意)。変更履歴と取り込みの記録に残ります。"
        )

    def handle(self, *args, model, file, dry_run, no_progress, reason, **options):
        model_class = sheets.resolve_model(model)
        dataset = sheets.read_sheet(file)
        resource = sheets.resource_for(model_class)
        show = not no_progress and sys.stderr.isatty()
        with tqdm(
            total=len(dataset), unit="行", file=sys.stderr, disable=not show, leave=False
        ) as bar:
            def progress(done):
                bar.update(done - bar.n)

            try:
                result = self.import_data(
                    model_class, resource, dataset, file=file, reason=reason, dry_run=dry_run,
                    progress=progress,
                )
            except OperationalError as error:
                # The transaction could not begin: another import held the lock too long.
                if is_busy_error(error):
                    raise CommandError(self.busy(model_class)) from error
                raise
        name = model_class._meta.verbose_name
        if sheets.hit_busy_database(result):
            raise CommandError(self.busy(model_class))
        if result.has_errors() or result.has_validation_errors():
            for line in sheets.row_messages(resource, result):
                self.stderr.write(line)
            bad_rows = {n for n, _ in result.row_errors()} | {r.number for r in result.invalid_rows}
            if result.base_errors and not bad_rows:
                raise CommandError(
                    f"{name}の取り込みを中止しました: ファイルの見出しや形式に誤りがあります。"
                    "データベースは変更していません。"
                )
            raise CommandError(
                f"{name}の取り込みを中止しました: {len(bad_rows)}行に誤りがあります"
                f"(全{len(dataset)}行)。データベースは変更していません。"
            )
        counts = sheets.summary(result)
        verb = "取り込めます(試行のため、データベースは変更していません)" if dry_run else "取り込みました"
        self.stdout.write(
            f"{name}: {len(dataset)}行を{verb}。"
            f"新規 {counts['new']}件、変更 {counts['update']}件、変更なし {counts['skip']}件。"
        )

    @staticmethod
    def import_data(model_class, resource, dataset, *, file, reason, dry_run, progress):
        """Import ``dataset``; a real import is one recorded batch (undoable), all or nothing."""
        options = {"raise_errors": False, "rollback_on_validation_errors": True, "progress": progress}
        if dry_run:
            return resource.import_data(dataset, dry_run=True, **options)
        result = None
        try:
            with sheets.import_batch(model_class, file_name=Path(file).name, reason=reason) as batch:
                # The history rows' 変更理由 comes from the batch (取り込み#N: reason).
                result = resource.import_data(dataset, dry_run=False, **options)
                if result.has_errors() or result.has_validation_errors():
                    raise _NothingWritten  # the batch goes with the rows
                batch.unchanged_count = result.totals.get("skip", 0)
        except _NothingWritten:
            pass
        return result

    @staticmethod
    def busy(model_class):
        """The message for an import stopped by a busy database (the file is not at fault)."""
        return (
            f"{model_class._meta.verbose_name}の取り込みを中止しました: {BUSY_MESSAGE}"
            "ほかの取り込みや復元が終わってから、同じコマンドをもう一度実行してください。"
            "データベースは変更していません。"
        )
