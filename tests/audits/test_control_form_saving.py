"""Audit work is never lost (issue 14, item 2): "Previous case" and "Next case" save the
control form before moving, and an assessment that differs from the computed outcome is
refused without a comment, by the form and by the domain operation, with nothing saved."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from introsak.accounts.models import User
from introsak.audits.domain.control_forms import assessment_errors, assessment_record
from introsak.audits.enums import Assessment, Outcome
from introsak.audits.models import Audit, ControlFormEntry, FrameCase
from tests.audits.conftest import auditor, make_report_audit

pytestmark = pytest.mark.usefixtures("report_data", "today")


@pytest.mark.parametrize(
    ("computed", "assessment", "comment", "refused"),
    [
        (Outcome.NO, Assessment.DOCUMENTED_ELSEWHERE, "", True),  # counts as met
        (Outcome.NO, Assessment.DOCUMENTED_ELSEWHERE, "   ", True),  # blank is no comment
        (Outcome.NO, Assessment.DOCUMENTED_ELSEWHERE, "Står i vedtaket", False),
        (Outcome.NO, Assessment.HELD_NOT_DOCUMENTED, "", False),  # still counts as not met
        (Outcome.YES, Assessment.MET, "", False),
        (Outcome.YES, Assessment.NOT_APPLICABLE, "", True),
        (Outcome.NOT_APPLICABLE, Assessment.NOT_MET, "", True),
        (Outcome.OPEN, Assessment.NOT_MET, "", False),  # the first determination
        (Outcome.NO, "", "", False),  # as computed
    ],
)
def test_a_differing_assessment_needs_a_comment(
    computed: str, assessment: str, comment: str, refused: bool
) -> None:
    errors = assessment_errors(computed=computed, assessment=assessment, comment=comment)
    assert (list(errors) == ["comment"]) is refused
    assert bool(errors) is refused


def test_the_error_names_both_outcomes_in_bokmaal() -> None:
    errors = assessment_errors(
        computed=Outcome.NO, assessment=Assessment.DOCUMENTED_ELSEWHERE, comment=""
    )
    assert errors == {
        "comment": [
            "Vurderingen din teller som «Oppfylt», det beregnede resultatet er «Ikke oppfylt». "
            "Skriv i en kommentar hvorfor."
        ]
    }


def _entry(audit: Audit, case_number: str, code: str) -> ControlFormEntry:
    return ControlFormEntry.objects.get(
        form__frame_case__sample__audit=audit,
        form__frame_case__case_number=case_number,
        criterion__code=code,
    )


def test_assessment_record_refuses_a_differing_assessment_without_a_comment() -> None:
    revisor = auditor()
    audit = make_report_audit(created_by=revisor)
    entry = _entry(audit, "OS-04", "MAP-01")
    assert entry.computed_outcome == Outcome.NO
    with pytest.raises(ValidationError) as refused:
        assessment_record(
            entry=entry, assessment=Assessment.DOCUMENTED_ELSEWHERE, comment="", by=revisor
        )
    assert list(refused.value.message_dict) == ["comment"]
    entry.refresh_from_db()
    assert (entry.assessment, entry.comment, entry.assessed_by) == ("", "", None)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _rows(audit: Audit) -> list[FrameCase]:
    return list(
        FrameCase.objects.filter(sample__audit=audit, drawn=True).order_by(
            "district__number", "rank"
        )
    )


def _form_data(row: FrameCase) -> dict[str, str]:
    entries = row.control_form.entries.all()
    data = {f"e{e.pk}-assessment": e.assessment for e in entries}
    data |= {f"e{e.pk}-comment": e.comment for e in entries}
    return data


def test_next_case_saves_the_form_and_moves_on() -> None:
    revisor = auditor()
    audit = make_report_audit(created_by=revisor)
    rows = _rows(audit)
    row = next(r for r in rows if r.case_number == "OS-04")
    following = rows[rows.index(row) + 1]
    entry = _entry(audit, "OS-04", "MAP-01")
    data = _form_data(row)
    data[f"e{entry.pk}-assessment"] = Assessment.DOCUMENTED_ELSEWHERE
    data[f"e{entry.pk}-comment"] = "Kartlegging omtalt i vedtaket"
    url = reverse("audits:control_form", args=[audit.pk, row.pk])
    response = _client(revisor).post(url, {**data, "go": "next"}, follow=True)
    assert response.redirect_chain == [
        (reverse("audits:control_form", args=[audit.pk, following.pk]), 302)
    ]
    assert f"Kontrollskjema {row.pseudonym} er lagret." in response.content.decode()
    entry.refresh_from_db()
    assert (entry.assessment, entry.comment, entry.assessed_by) == (
        Assessment.DOCUMENTED_ELSEWHERE,
        "Kartlegging omtalt i vedtaket",
        revisor,
    )


def test_previous_case_without_changes_moves_without_a_message() -> None:
    revisor = auditor()
    audit = make_report_audit(created_by=revisor)
    rows = _rows(audit)
    url = reverse("audits:control_form", args=[audit.pk, rows[1].pk])
    response = _client(revisor).post(url, {**_form_data(rows[1]), "go": "previous"}, follow=True)
    assert response.redirect_chain == [
        (reverse("audits:control_form", args=[audit.pk, rows[0].pk]), 302)
    ]
    assert "er lagret" not in response.content.decode()
    assert ControlFormEntry.objects.exclude(assessment="", comment="").count() == 0


def test_a_differing_assessment_without_a_comment_is_refused_and_nothing_is_saved() -> None:
    revisor = auditor()
    audit = make_report_audit(created_by=revisor)
    row = FrameCase.objects.get(sample__audit=audit, case_number="OS-04")
    differing = _entry(audit, "OS-04", "MAP-01")
    commented = _entry(audit, "OS-04", "START-01")
    data = _form_data(row)
    data[f"e{differing.pk}-assessment"] = Assessment.DOCUMENTED_ELSEWHERE
    data[f"e{commented.pk}-comment"] = "Sjekket mot vedtaket"
    url = reverse("audits:control_form", args=[audit.pk, row.pk])
    response = _client(revisor).post(url, {**data, "go": "next"})
    assert response.status_code == 200  # the form again, on the same case
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert f'href="#id_e{differing.pk}-comment"' in html
    assert "Skriv i en kommentar hvorfor." in html
    assert ControlFormEntry.objects.exclude(assessment="", comment="").count() == 0
