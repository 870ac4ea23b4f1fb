"""``manage.py rebuild_search_index``: write the site search's index again from the records.

Needed after writes that bypass the models (``loaddata`` run by hand, SQL); saves,
deletes, imports, undo and ``load_document`` keep the index up to date by themselves.
"""
from django.core.management.base import BaseCommand

from search.indexing import rebuild


class Command(BaseCommand):
    help = "サイト内検索の索引を、すべての公開記録から作り直します。"

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(f"検索の索引を作り直しました({count}行)。")
