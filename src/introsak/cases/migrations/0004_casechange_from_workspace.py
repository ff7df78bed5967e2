"""``CaseChange`` moves from ``workspace`` to ``cases``: the case domain records its own
changes (the app graph is one-way: ``cases`` never imports ``workspace``).

The model enters ``cases``' state on the table ``workspace`` created, which keeps every row;
then the table is renamed to ``cases_casechange``. ``workspace.0002_casechange_to_cases``
removes the model from ``workspace``'s state. The content type follows the model, so anything
pointing at it (admin log entries, permissions) stays valid.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    moved = content_types.objects.filter(app_label="workspace", model="casechange")
    if not content_types.objects.filter(app_label="cases", model="casechange").exists():
        moved.update(app_label="cases")


def restore_content_type(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    moved = content_types.objects.filter(app_label="cases", model="casechange")
    if not content_types.objects.filter(app_label="workspace", model="casechange").exists():
        moved.update(app_label="workspace")


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0003_person_strictly_confidential_index'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('workspace', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CaseChange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.PositiveIntegerField(verbose_name='version')),
                        ('step', models.CharField(choices=[('mapping', 'Competence mapping'), ('guidance', 'Career guidance'), ('decision', 'Programme decision and first plan'), ('plan', 'Plan revision'), ('contract', 'Integration contract'), ('start', 'Programme start'), ('meeting', 'Meeting'), ('activity', 'Activity or practice placement'), ('leave', 'Leave'), ('extension', 'Extension'), ('recognition', 'Recognition of education'), ('jobseeker', 'Job-seeker registration'), ('end', 'Programme end'), ('certificate', 'Participant certificate'), ('journal', 'Journal note'), ('reassign', 'Change of programme adviser')], max_length=20, verbose_name='step')),
                        ('at', models.DateTimeField(auto_now_add=True, verbose_name='time')),
                        ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='changes', to='cases.programmecase')),
                        ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='case_changes', to=settings.AUTH_USER_MODEL, verbose_name='changed by')),
                    ],
                    options={
                        'verbose_name': 'case change',
                        'verbose_name_plural': 'case changes',
                        'ordering': ['-version', '-id'],
                        'indexes': [models.Index(fields=['case', '-version'], name='casechange_case_version')],
                        'db_table': 'workspace_casechange',
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name='casechange', table=None),
        migrations.RunPython(move_content_type, restore_content_type),
    ]
