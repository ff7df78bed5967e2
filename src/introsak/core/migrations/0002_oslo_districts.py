"""Load Oslo's 15 districts with their NAV offices (reference data)."""

from django.db import migrations

from introsak.casefacts.districts import DISTRICTS


def load_districts(apps, schema_editor):  # type: ignore[no-untyped-def]
    District = apps.get_model("core", "District")
    for info in DISTRICTS:
        District.objects.update_or_create(
            slug=info.slug,
            defaults={"name": info.name, "nav_office": info.nav_office, "number": info.number},
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load_districts, migrations.RunPython.noop)]
