"""The search index table, and each database's own index of its text.

SQLite: FTS5 tables with the trigram tokenizer over ``search_text`` and ``short_text``
(external content: they store only the index), kept in step with the table by triggers. PostgreSQL: the
pg_trgm extension and a GIN trigram index on ``search_text``. See ``search/backends.py``.
"""
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models



def _fts_table(table, column):
    """An FTS5 trigram table over ``column`` of the index table, kept in step by triggers."""
    return [
        f"""CREATE VIRTUAL TABLE {table} USING fts5(
            {column}, content='search_searchentry', content_rowid='id', tokenize='trigram')""",
        f"""CREATE TRIGGER {table}_insert AFTER INSERT ON search_searchentry BEGIN
            INSERT INTO {table}(rowid, {column}) VALUES (new.id, new.{column});
        END""",
        f"""CREATE TRIGGER {table}_delete AFTER DELETE ON search_searchentry BEGIN
            INSERT INTO {table}({table}, rowid, {column}) VALUES ('delete', old.id, old.{column});
        END""",
        f"""CREATE TRIGGER {table}_update AFTER UPDATE ON search_searchentry BEGIN
            INSERT INTO {table}({table}, rowid, {column}) VALUES ('delete', old.id, old.{column});
            INSERT INTO {table}(rowid, {column}) VALUES (new.id, new.{column});
        END""",
    ]


def _drop_fts_table(table):
    return [
        *(f"DROP TRIGGER IF EXISTS {table}_{event}" for event in ("update", "delete", "insert")),
        f"DROP TABLE IF EXISTS {table}",
    ]


# The folded text; and the same with each character written three times, where a word of
# 1 or 2 characters is a trigram lookup too (「姉妹」 is looked up as 「姉姉姉妹妹妹」).
SQLITE = _fts_table("search_searchentry_fts", "search_text") + _fts_table(
    "search_searchentry_short_fts", "short_text"
)
SQLITE_REVERSE = _drop_fts_table("search_searchentry_short_fts") + _drop_fts_table("search_searchentry_fts")
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
                ('short_text', models.TextField(blank=True, help_text='SQLite だけ: 検索用の文の各文字を3回ずつ続けた文。1〜2文字の語も3文字組の索引で引けます。', verbose_name='検索用の文(短い語)')),
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
