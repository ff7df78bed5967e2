from __future__ import annotations

import sys
from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from introsak.access.domain.gateway import require_permission
from introsak.access.domain.reports import (
    Period,
    cef_access,
    cef_security,
    entries_for_person,
    entries_for_user,
    json_lines,
    person_for_report,
    report_rows,
    security_events,
)
from introsak.access.enums import Permission
from introsak.accounts.models import User


class Command(BaseCommand):
    help = (
        "Access-log reports as JSON Lines with CEF field names (for the data protection "
        "officer and for shipping to a SIEM): who opened one person's case (--case), what one "
        "user opened (--user), or the security log (--security). Runs as --as (needs the "
        "access-log permission); looking up a person is itself logged."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--case", dest="case_number", help="case number of the person")
        target.add_argument("--user", dest="subject_user", help="user name")
        target.add_argument("--security", action="store_true", help="the security log")
        parser.add_argument("--as", dest="username", required=True, help="your user name")
        parser.add_argument("--from", dest="start", type=date.fromisoformat, required=True)
        parser.add_argument("--to", dest="end", type=date.fromisoformat, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        viewer = User.objects.filter(username=options["username"], is_active=True).first()
        if viewer is None:
            raise CommandError("no active user with that user name")
        period = Period(options["start"], options["end"])
        try:
            records = self._records(viewer, period, options)
        except PermissionDenied as exc:
            raise CommandError("you may not read the access log") from exc
        for line in json_lines(records):
            sys.stdout.write(line)

    def _records(self, viewer: User, period: Period, options: dict[str, Any]) -> list[Any]:
        require_permission(viewer, Permission.ACCESS_LOG_VIEW, path="command:access_report")
        if options["security"]:
            return [cef_security(e) for e in security_events(period)]
        if options["subject_user"]:
            account = User.objects.filter(username=options["subject_user"]).first()
            if account is None:
                raise CommandError("no user with that user name")
            return [cef_access(r) for r in report_rows(entries_for_user(account.pk, period))]
        person = person_for_report(
            viewer=viewer, case_number=options["case_number"], path="command:access_report"
        )
        if person is None:
            raise CommandError("no case with that number")
        return [cef_access(r) for r in report_rows(entries_for_person(person.pk, period))]
