"""The child protection service taxonomy: one row per category code."""

from django.db import migrations

CODES = [
    "legal_aid",
    "police_unit",
    "health",
    "sexual_reproductive_health",
    "psychosocial",
    "shelter",
    "education",
    "helpline",
    "hotline",
    "family_support",
]


def add_categories(apps, schema_editor):  # type: ignore[no-untyped-def]
    category = apps.get_model("connect", "ServiceCategory")
    for code in CODES:
        category.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("connect", "0001_directory_pathways_referrals")]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
