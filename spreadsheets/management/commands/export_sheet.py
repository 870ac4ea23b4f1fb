"""``manage.py export_sheet MODEL FILE``: every record of MODEL to a .csv or .xlsx file.

MODEL is ``app_label.ModelName`` (any case) or the model's Japanese name. The file has the
admin's columns and re-imports with ``import_sheet`` as a no-op. CSV is UTF-8 with a BOM
(Japanese Excel opens it correctly). Exits with status 1 and a Japanese message when the
model is unknown, the extension is not .csv/.xlsx or the file cannot be written.
"""
from django.core.management.base import BaseCommand

from spreadsheets import sheets


class Command(BaseCommand):
    help = "モデルの全件を表計算ファイル(.csv/.xlsx)に書き出します。"

    def add_arguments(self, parser):
        parser.add_argument("model", help="app_label.ModelName か日本語のモデル名(例: 交流の記録)")
        parser.add_argument("file", help="書き出すファイル(.csv か .xlsx)")

    def handle(self, *args, model, file, **options):
        model_class = sheets.resolve_model(model)
        count = sheets.write_sheet(model_class, file)
        self.stdout.write(f"{model_class._meta.verbose_name} {count}件を「{file}」に書き出しました。")
