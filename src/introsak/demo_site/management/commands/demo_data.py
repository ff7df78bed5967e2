"""``introsak demo-data``: the calibrated demo data set in the database.

The generator is the package ``introsak_demo`` (``packages/introsak-demo``), a development
dependency: a production install has no demo generator, and the command says so.
"""

from __future__ import annotations

import io
from argparse import ArgumentParser
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from introsak.access.domain.grants import MAX_GRANT_DAYS, GrantTerms, audit_grant_save
from introsak.accounts.models import User
from introsak.casefacts.serialize import dumps_case
from introsak.cases.domain.importing import ImportRejected, case_facts_import
from introsak.cases.models import ProgrammeCase
from introsak.core import clock
from introsak.core.models import District

if TYPE_CHECKING:
    from introsak_demo import DemoLogin, StaffMember

DEMO_PASSWORD = "introsak-demo"  # noqa: S105 - a documented demo log-in, refused in production
MISSING_GENERATOR = (
    "demo-data needs the demo-data generator, the package introsak-demo "
    "(packages/introsak-demo), which only a development install has: run 'uv sync' "
    "in a checkout of the repository"
)


class Command(BaseCommand):
    help = (
        "Create the demo data set: staff users for every role and a calibrated Oslo of "
        "about 5,300 settled persons, children included (a snapshot on the report's "
        "statistics date), imported through the same validated path as any case-facts file. "
        "Refuses to run in production."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            default=None,
            help="snapshot date (default: INTROSAK_AS_OF or 2024-08-07)",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing but print the log-ins if cases already exist",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("demo-data refuses to run with INTROSAK_ENV=production")
        try:
            from introsak_demo import demo_logins, generate
        except ImportError as missing:
            raise CommandError(MISSING_GENERATOR) from missing

        as_of = options["as_of"] or settings.INTROSAK_AS_OF or date(2024, 8, 7)
        if options["if_empty"] and ProgrammeCase.objects.exists():
            self.stdout.write("Demo data already present.")
        else:
            data = generate(seed=options["seed"], as_of=as_of)
            with transaction.atomic():
                self._create_staff(data.staff)
                self._grant_demo_auditor()
                stream = io.StringIO("".join(dumps_case(c) + "\n" for c in data.cases))
                try:
                    report = case_facts_import(stream=stream, as_of=as_of)
                except ImportRejected as exc:
                    for error in exc.errors[:20]:
                        self.stderr.write(str(error))
                    raise CommandError("the generated demo data did not validate") from exc
                # Issue 15: employers, offers, placements and work profiles (by name: a
                # feature app never imports another).
                call_command("placements_demo", seed=options["seed"], stdout=self.stdout)
            self.stdout.write(
                f"Demo data: {len(data.staff)} staff users, {report.created} cases created, "
                f"{report.updated} updated (as of {as_of})."
            )
        self._print_logins(demo_logins())

    def _create_staff(self, staff: list[StaffMember]) -> None:
        districts = {d.slug: d for d in District.objects.all()}
        password_hash = make_password(DEMO_PASSWORD)  # hashed once: argon2 is slow on purpose
        for member in staff:
            first, _, last = member.full_name.partition(" ")
            User.objects.update_or_create(
                username=member.username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": member.email,
                    "role": member.role,
                    "district": districts.get(member.district) if member.district else None,
                    "is_staff": member.role == "administrator",
                    "is_active": True,
                    "password": password_hash,
                },
            )

    def _grant_demo_auditor(self) -> None:
        """Give the demo auditor a running audit grant for the two audited districts, so
        the auditor log-in shows the workbench at once."""
        auditor = User.objects.filter(role="auditor").order_by("username").first()
        admin = User.objects.filter(role="administrator").order_by("username").first()
        if auditor is None or admin is None or auditor.audit_grants.exists():
            return
        today = clock.today()
        audit_grant_save(
            terms=GrantTerms(
                user=auditor,
                districts=list(District.objects.filter(slug__in=["st_hanshaugen", "ostensjo"])),
                justification="Demo: forvaltningsrevisjon av introduksjonsprogrammet "
                "i Bydel St. Hanshaugen og Bydel Østensjø.",
                starts_on=today,
                ends_on=today + timedelta(days=MAX_GRANT_DAYS - 1),
            ),
            granted_by=admin,
        )

    def _print_logins(self, logins: list[DemoLogin]) -> None:
        self.stdout.write("")
        self.stdout.write(f"Demo log-ins (password for all: {DEMO_PASSWORD}):")
        for login in logins:
            where = f", {login.district}" if login.district else ""
            self.stdout.write(f"  {login.username:<34} {login.role}{where}")
        self.stdout.write("")
        self.stdout.write("Open http://127.0.0.1:8000 and log in.")
