"""Re-encrypt every stored early-contact value with the first key of INTROSAK_EARLY_KEYS."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from introsak.early.crypto import rotate
from introsak.early.models import AcceptedMappingField, QuestionnaireAnswers

# (model, column) holding Fernet tokens
_ENCRYPTED = ((QuestionnaireAnswers, "answers"), (AcceptedMappingField, "value"))


class Command(BaseCommand):
    help = (
        "Re-encrypts the questionnaire answers and accepted mapping fields with the first key "
        "of INTROSAK_EARLY_KEYS (key rotation: docs/early-contact.md)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        with transaction.atomic():
            for model, column in _ENCRYPTED:
                table = connection.ops.quote_name(model._meta.db_table)
                name = connection.ops.quote_name(column)
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT id, {name} FROM {table} WHERE {name} <> ''")  # noqa: S608
                    rows = cursor.fetchall()
                    for pk, token in rows:
                        cursor.execute(
                            f"UPDATE {table} SET {name} = %s WHERE id = %s",  # noqa: S608
                            [rotate(str(token)), pk],
                        )
                total += len(rows)
        self.stdout.write(f"{total} value(s) re-encrypted with the current key")
