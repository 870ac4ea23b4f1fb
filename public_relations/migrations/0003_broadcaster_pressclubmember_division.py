"""Broadcasters (放送局) and press club members (記者クラブ加入社) name their 所管課.

Section 5 of the document is the public relations division's (広報課); until now these two
lists had no division, so staff roles could not scope them. Existing rows are given 広報課,
the division of every other record of section 5.
"""
import django.db.models.deletion
from django.db import migrations, models

HELP = "この記録を所管する課。広報の節は「広報課」です。"
DIVISION = "広報課"


def give_rows_to_the_public_relations_division(apps, schema_editor):
    Division = apps.get_model("core", "Division")
    for name in ("Broadcaster", "PressClubMember"):
        model = apps.get_model("public_relations", name)
        rows = model.objects.filter(responsible_division__isnull=True)
        if not rows.exists():
            continue
        division = Division.objects.filter(name=DIVISION).first()
        if division is None:
            division = Division.objects.create(name=DIVISION, order=4, source="市政概要 5")
        rows.update(responsible_division=division)


def _nullable():
    return models.ForeignKey(
        help_text=HELP, null=True, on_delete=django.db.models.deletion.PROTECT,
        to="core.division", verbose_name="所管課",
    )


def _required():
    return models.ForeignKey(
        help_text=HELP, on_delete=django.db.models.deletion.PROTECT,
        to="core.division", verbose_name="所管課",
    )


def _historical():
    return models.ForeignKey(
        blank=True, db_constraint=False, help_text=HELP, null=True,
        on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
        to="core.division", verbose_name="所管課",
    )


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
        ("public_relations", "0002_history"),
    ]

    operations = [
        migrations.AddField("broadcaster", "responsible_division", _nullable()),
        migrations.AddField("pressclubmember", "responsible_division", _nullable()),
        migrations.AddField("historicalbroadcaster", "responsible_division", _historical()),
        migrations.AddField("historicalpressclubmember", "responsible_division", _historical()),
        migrations.RunPython(give_rows_to_the_public_relations_division, migrations.RunPython.noop),
        migrations.AlterField("broadcaster", "responsible_division", _required()),
        migrations.AlterField("pressclubmember", "responsible_division", _required()),
    ]
