"""The search index table, and each database's own index of its text.

SQLite: an FTS5 table with the trigram tokenizer over ``search_text`` (external content:
it stores only the index), kept in step with the table by triggers. PostgreSQL: the
pg_trgm extension and a GIN trigram index on ``search_text``. See ``search/backends.py``.
"""
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

SQLITE = [
    """CREATE VIRTUAL TABLE search_searchentry_fts USING fts5(
        search_text, content='search_searchentry', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER search_searchentry_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_searchentry_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER search_searchentry_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER search_searchentry_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO search_searchentry_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_searchentry_fts_update",
    "DROP TRIGGER IF EXISTS search_searchentry_fts_delete",
    "DROP TRIGGER IF EXISTS search_searchentry_fts_insert",
    "DROP TABLE IF EXISTS search_searchentry_fts",
]
POSTGRESQL = [
    "CREATE INDEX search_entry_text_trgm ON search_searchentry USING gin (search_text gin_trgm_ops)",
]
POSTGRESQL_REVERSE = ["DROP INDEX IF EXISTS search_entry_text_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


create_text_index = _run({"sqlite": SQLITE, "postgresql": POSTGRESQL})
drop_text_index = _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE})


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        TrigramExtension(),  # PostgreSQL only (a no-op elsewhere)
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(help_text='この行の言語。例: ja、en', max_length=10, verbose_name='言語')),
                ('model', models.CharField(help_text='記録のモデル(app_label.model_name)。例: exchange.partnercity', max_length=100, verbose_name='記録の種類')),
                ('object_id', models.PositiveBigIntegerField(help_text='記録の主キー。', verbose_name='記録のID')),
                ('section', models.CharField(help_text='結果をまとめるセクションのキー。', max_length=50, verbose_name='セクション')),
                ('section_order', models.PositiveSmallIntegerField(default=0, help_text='セクションの表示順。', verbose_name='セクションの順')),
                ('position', models.PositiveIntegerField(default=0, help_text='同じ順位の結果の並び(文書の順)。', verbose_name='セクション内の順')),
                ('weight', models.SmallIntegerField(default=0, help_text='同じ一致の度合いで先に出す度合い。', verbose_name='重み')),
                ('title', models.CharField(help_text='結果の見出しに出す文。', max_length=300, verbose_name='見出し')),
                ('context', models.CharField(blank=True, help_text='見出しの下に出す記録の種類と日付。', max_length=300, verbose_name='補足')),
                ('body', models.TextField(blank=True, help_text='結果の抜粋を取る本文。', verbose_name='本文')),
                ('url', models.CharField(help_text='記録を載せているページのURL。', max_length=300, verbose_name='ページ')),
                ('anchor', models.CharField(blank=True, help_text='ページ内の記録のid。', max_length=100, verbose_name='ページ内の位置')),
                ('title_text', models.TextField(help_text='見出しと補足を検索用に揃えた文(全角半角・かな・大文字小文字)。改行の前が見出し。', verbose_name='検索用の見出し')),
                ('search_text', models.TextField(help_text='見出し・本文・日付(和暦と西暦)を検索用に揃えた文。', verbose_name='検索用の文')),
            ],
            options={
                'verbose_name': '検索の索引',
                'verbose_name_plural': '検索の索引',
                'ordering': ['section_order', 'position', 'pk'],
                'indexes': [models.Index(fields=['language', 'section'], name='search_entry_language')],
                'constraints': [models.UniqueConstraint(fields=('model', 'object_id', 'language'), name='search_entry_unique_record_language')],
            },
        ),
        migrations.RunPython(create_text_index, drop_text_index),
    ]
