"""On PostgreSQL, refuse UPDATE and DELETE of log rows at the database itself.

The application's database user could otherwise change history; the trigger makes the
access and security logs append-only whatever code runs. TRUNCATE is not covered (the test
runner empties tables with it); in production the application's role is not granted TRUNCATE
(README, "Security and privacy"). SQLite, used for the demo and tests, relies on the models'
own refusal.
"""

from django.db import migrations

TABLES = ("access_accesslogentry", "access_securityevent")

FUNCTION = """
CREATE OR REPLACE FUNCTION introsak_refuse_log_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'introsak: % on % is not allowed: the log is append-only',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def create_triggers(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    # params=None: the function body's % are PL/pgSQL placeholders, not query parameters
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION introsak_refuse_log_change();"
        )


def drop_triggers(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
    schema_editor.execute("DROP FUNCTION IF EXISTS introsak_refuse_log_change();")


class Migration(migrations.Migration):
    dependencies = [("access", "0001_initial")]
    operations = [migrations.RunPython(create_triggers, drop_triggers)]
