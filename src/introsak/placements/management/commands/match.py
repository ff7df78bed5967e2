"""``introsak match CASE_ID --as USER``: the ranked placement offers for one participant.

Runs as the staff user given with ``--as``: the same rules as the participant's work page
apply (district, protected address, the right to record) and the reading is written to the
access log. It proposes nothing; an adviser proposes on the work page.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils import translation

from introsak.access.domain.gateway import case_for_read
from introsak.access.enums import Permission
from introsak.accounts.models import User
from introsak.cases.domain.single import select_case
from introsak.cases.models import ProgrammeCase
from introsak.core import clock
from introsak.placements.domain.matching import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    RankedOffer,
    offers_for_case,
)
from introsak.placements.phrases import reason_text


def as_json(rank: int, found: RankedOffer) -> dict[str, Any]:
    offer, a = found.offer, found.assessment
    return {
        "rank": rank,
        "offer": offer.pk,
        "title": offer.title,
        "employer": offer.employer.name,
        "kind": offer.kind,
        "occupation": offer.occupation,
        "hours_per_week": offer.hours_per_week,
        "score": a.score,
        "blockers": a.blockers,
        "reasons": [{"code": r.code, "good": r.good, "text": reason_text(r)} for r in a.reasons],
    }


class Command(BaseCommand):
    help = "Ranked placement offers for one participant, with the reasons (proposes nothing)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("case_number", help="the case number (case_id)")
        parser.add_argument("--as", dest="username", required=True, help="your user name")
        parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="how many offers")
        parser.add_argument("--format", choices=("table", "json"), default="table")
        parser.add_argument("--language", choices=("nb", "en"), default="en")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["limit"] <= MAX_LIMIT:
            raise CommandError(f"--limit: from 1 to {MAX_LIMIT}")
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError("--as: no active user with that user name")
        pk = (
            ProgrammeCase.objects.filter(case_id=options["case_number"])
            .values_list("pk", flat=True)
            .first()
        )
        try:
            case = case_for_read(
                user,
                case_pk=pk or 0,
                purpose="placements: match (command line)",
                path="command:match",
                load=select_case,
                permission=Permission.CASE_WRITE,
            )
        except Http404 as exc:
            raise CommandError("no such case, or you may not work with it") from exc
        with translation.override(options["language"]):
            ranked = offers_for_case(case, today=clock.today(), limit=options["limit"])
            rows = [as_json(i, found) for i, found in enumerate(ranked, start=1)]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        for row in rows:
            self.stdout.write(
                f"{row['rank']:>3}. {row['title']} · {row['employer']} "
                f"(offer {row['offer']}, score {row['score']}, blockers {row['blockers']})"
            )
            for reason in row["reasons"]:
                self.stdout.write(f"     {'+' if reason['good'] else '-'} {reason['text']}")
