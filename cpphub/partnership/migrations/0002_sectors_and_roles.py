"""The fixed lists of sectors and partnership roles."""

from django.db import migrations

SECTORS = [
    "government",
    "law_enforcement",
    "justice",
    "ngo",
    "civil_society",
    "un_multilateral",
    "academia",
    "private_sector",
    "community",
    "childrens_group",
]
ROLES = ["steering_committee", "executing_agency", "implementing_partner", "national_partner", "funder"]


def add_rows(apps, schema_editor):
    Sector = apps.get_model("partnership", "Sector")
    PartnershipRole = apps.get_model("partnership", "PartnershipRole")
    for code in SECTORS:
        Sector.objects.get_or_create(code=code)
    for code in ROLES:
        PartnershipRole.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("partnership", "0001_initial")]
    operations = [migrations.RunPython(add_rows, migrations.RunPython.noop)]
