"""Give the shared models the tables and content types of the ``core`` app.

Until the shared parts of the portal became apps of their own, ``Division`` and its history
lived in the project package (app label ``kumamoto_portal``). Renaming the content types in
place keeps every permission, group membership, admin log entry and history row pointing
at the same records; renaming the tables keeps every row. On a new database there is
nothing to rename but the tables 0001/0002 just created.
"""
from django.db import migrations

OLD_APP_LABEL = "kumamoto_portal"
MOVED_MODELS = ("division", "historicaldivision")


def rename_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED_MODELS:
        if ContentType.objects.using(db).filter(app_label="core", model=model).exists():
            continue
        ContentType.objects.using(db).filter(app_label=OLD_APP_LABEL, model=model).update(
            app_label="core"
        )


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label="core", model__in=MOVED_MODELS).update(
        app_label=OLD_APP_LABEL
    )


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_history"),
    ]

    operations = [
        migrations.AlterModelTable(name="division", table=None),
        migrations.AlterModelTable(name="historicaldivision", table=None),
        migrations.RunPython(rename_content_types, restore_content_types),
    ]
