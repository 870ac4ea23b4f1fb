"""``python manage.py load_document [--force]``: load the document's data into the database.

Loads every ``fixtures/*.json`` (in file-name order) when the database holds no content
record yet. When it already does, nothing is loaded, so that ``make run`` never overwrites
what staff have edited in the admin; ``--force`` reloads the fixtures over the records with
the same natural keys (records staff added are kept). Prints what it did, in Japanese.

Then it sends ``core.signals.document_loaded``, in the same transaction: the audit trail
answers it with a history row for each record whose state its history lacks (an initial
作成 row per record on the first load, a 変更 row per record that ``--force`` really
changed, none when nothing changed).
"""
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.models import content_models
from core.signals import document_loaded


def fixture_files():
    """Return the fixture files of the document, sorted by their number prefix."""
    return sorted(str(path) for path in (Path(settings.BASE_DIR) / "fixtures").glob("*.json"))


def content_record_count():
    """Return how many content records (of every ``SourcedModel``) the database holds."""
    return sum(model.objects.count() for model in content_models())


class Command(BaseCommand):
    help = "市政概要のデータ(fixtures/*.json)を読み込みます。データがあれば何もしません(--force で再読込)。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="データがあっても読み込み直します(管理画面での変更は文書の内容に戻ります)。",
        )

    def handle(self, *args, force=False, **options):
        files = fixture_files()
        if not files:
            raise CommandError("fixtures/ に読み込むファイルがありません。")
        existing = content_record_count()
        if existing and not force:
            with transaction.atomic():
                document_loaded.send(sender=self.__class__, loaded=False)
            self.stdout.write(
                f"データは読み込み済みです({existing}件)。管理画面での変更を残すため、"
                "読み込みませんでした。文書の内容に戻すには --force を付けてください。"
            )
            return
        with transaction.atomic():
            call_command("loaddata", *files, verbosity=0)
            document_loaded.send(sender=self.__class__, loaded=True)
        self.stdout.write(
            self.style.SUCCESS(
                f"市政概要のデータを読み込みました({len(files)}ファイル、{content_record_count()}件)。"
            )
        )
