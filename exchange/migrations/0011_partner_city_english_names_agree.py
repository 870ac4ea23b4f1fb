"""A partner city's name on the English pages (``name_en``) is its own English name
(``english_name``, SUPPLEMENT.md: the dataset's 英語名) where the two disagree.

The document's data gave 蘇州国家高新区 a shortened ``name_en`` (「Suzhou New District」)
beside the supplement's official name; the official name is kept in both (0010 made the
column long enough). An empty ``english_name`` leaves ``name_en`` as it is.
"""
from django.db import migrations


def official_english_names(apps, schema_editor):
    PartnerCity = apps.get_model("exchange", "PartnerCity")
    for city in PartnerCity.objects.exclude(english_name=""):
        if city.name_en != city.english_name:
            city.name_en = city.english_name
            city.save(update_fields=["name_en"])


class Migration(migrations.Migration):
    dependencies = [("exchange", "0010_partner_city_name_length")]

    operations = [migrations.RunPython(official_english_names, migrations.RunPython.noop)]
