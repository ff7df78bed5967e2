"""``CaseChange`` now belongs to ``cases`` (``cases.0004_casechange_from_workspace``, which
keeps the table and its rows); this removes it from ``workspace``'s state only."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0004_casechange_from_workspace'),
        ('workspace', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='CaseChange')],
        ),
    ]
