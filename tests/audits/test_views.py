"""The audit pages against a persona matrix: auditor with a valid grant, the same auditor after
the grant has ended, an auditor who is not on the audit, a team coordinator doing a
self-assessment, and a programme adviser."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from introsak.access.models import AccessLogEntry, SecurityEvent
from introsak.accounts.enums import Role
from introsak.audits.enums import AuditKind, ExclusionReason
from introsak.audits.models import Audit, ControlFormEntry, FrameCase
from introsak.cases.models import ProgrammeCase
from tests.audits.conftest import GRANT_END, auditor, make_report_audit
from tests.factories import user

pytestmark = pytest.mark.usefixtures("report_data", "today")


def client_for(username: str) -> Client:
    from introsak.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def audit_urls(audit: Audit) -> list[str]:
    row = FrameCase.objects.filter(sample__audit=audit, drawn=True).first()
    assert row is not None
    return [
        reverse("audits:detail", args=[audit.pk]),
        reverse("audits:findings", args=[audit.pk]),
        reverse("audits:control_form", args=[audit.pk, row.pk]),
        reverse("audits:export", args=[audit.pk, "jsonl"]),
    ]


def first_drawn(audit: Audit, district: str = "st_hanshaugen") -> FrameCase:
    row = (
        FrameCase.objects.filter(sample__audit=audit, drawn=True, district__slug=district)
        .order_by("rank")
        .first()
    )
    assert row is not None
    return row


def test_auditor_with_valid_grant_opens_every_page() -> None:
    revisor = auditor()
    audit = make_report_audit(created_by=revisor)
    client = client_for("revisor")
    listing = client.get(reverse("audits:list"))
    assert listing.status_code == 200
    assert audit.name in listing.content.decode()
    assert [client.get(url).status_code for url in audit_urls(audit)] == [200, 200, 200, 200]


def test_auditor_is_refused_after_the_grant_ends(settings) -> None:  # type: ignore[no-untyped-def]
    revisor = auditor()
    audit = make_report_audit(created_by=revisor)
    urls = audit_urls(audit)
    settings.INTROSAK_AS_OF = GRANT_END + timedelta(days=1)
    client = client_for("revisor")
    listing = client.get(reverse("audits:list"))
    assert audit.name not in listing.content.decode()
    responses = [client.get(url) for url in urls]
    assert [r.status_code for r in responses] == [404, 404, 404, 404]
    assert all(
        "SH-" not in r.content.decode() and "P-" not in r.content.decode() for r in responses
    )
    assert SecurityEvent.objects.filter(user=revisor, event="denied_audit_run").count() == 4


def test_auditor_not_on_the_audit_gets_404() -> None:
    audit = make_report_audit(created_by=auditor())
    auditor("annen.revisor")
    client = client_for("annen.revisor")
    assert [client.get(url).status_code for url in audit_urls(audit)] == [404, 404, 404, 404]


def test_auditor_whose_grant_lacks_a_district_gets_404() -> None:
    revisor = auditor(districts=("st_hanshaugen",))
    audit = make_report_audit(created_by=revisor)
    assert client_for("revisor").get(reverse("audits:detail", args=[audit.pk])).status_code == 404


def test_programme_adviser_may_not_run_audits() -> None:
    user("radgiver", Role.PROGRAMME_ADVISER, "st_hanshaugen")
    assert client_for("radgiver").get(reverse("audits:list")).status_code == 403


def test_auditor_creates_an_audit_and_its_sample_is_drawn() -> None:
    auditor()
    response = client_for("revisor").post(
        reverse("audits:new"),
        {
            "name": "Mappegjennomgang 2024",
            "districts": _district_pks(),
            "started_from": "2022-07-01",
            "started_to": "2024-05-31",
            "as_of": "2024-09-30",
            "sample_size": "5",
            "seed": "42",
            "criteria": ["START-01", "TRI-01"],
            "manual_criteria": "Tett og individuell oppfølging",
        },
    )
    audit = Audit.objects.get(name="Mappegjennomgang 2024")
    assert response.status_code == 302
    assert response["Location"] == reverse("audits:detail", args=[audit.pk])
    assert audit.kind == AuditKind.EXTERNAL
    assert audit.sample.seed == 42
    assert FrameCase.objects.filter(sample__audit=audit, drawn=True).count() == 10
    assert [c.code or c.text for c in audit.criteria.all()] == [
        "START-01",
        "TRI-01",
        "Tett og individuell oppfølging",
    ]
    assert ControlFormEntry.objects.filter(form__frame_case__sample__audit=audit).count() == 30


def test_auditor_cannot_create_an_audit_outside_the_grant() -> None:
    auditor(districts=("st_hanshaugen",))
    response = client_for("revisor").post(
        reverse("audits:new"),
        {
            "name": "Utenfor",
            "districts": _district_pks(),
            "started_from": "2022-07-01",
            "started_to": "2024-05-31",
            "as_of": "2024-09-30",
            "sample_size": "15",
            "criteria": ["START-01"],
        },
    )
    assert response.status_code == 200
    assert not Audit.objects.filter(name="Utenfor").exists()
    assert "districts" in response.context["form"].errors


def test_coordinator_self_assessment_covers_only_their_district() -> None:
    user("koordinator", Role.TEAM_COORDINATOR, "ostensjo")
    client = client_for("koordinator")
    page = client.get(reverse("audits:new"))
    assert [d.slug for d in page.context["form"].fields["districts"].queryset] == ["ostensjo"]
    response = client.post(
        reverse("audits:new"),
        {
            "name": "Egenvurdering Østensjø",
            "districts": _district_pks("ostensjo"),
            "started_from": "2022-07-01",
            "started_to": "2024-05-31",
            "as_of": "2024-09-30",
            "sample_size": "15",
            "seed": "7",
            "criteria": ["MAP-01"],
        },
    )
    assert response.status_code == 302
    audit = Audit.objects.get(name="Egenvurdering Østensjø")
    assert audit.kind == AuditKind.SELF_ASSESSMENT
    findings = client.get(reverse("audits:findings", args=[audit.pk])).content.decode()
    assert "Kompetansekartlegging var journalført for 12 av 15 deltakere" in findings
    assert "OS-01" in findings  # coordinators see their own district's case numbers


def test_control_form_opens_the_case_through_the_gateway_and_saves_assessment() -> None:
    revisor = auditor()
    audit = make_report_audit(created_by=revisor)
    row = FrameCase.objects.get(sample__audit=audit, case_number="OS-04")
    entry = ControlFormEntry.objects.get(form__frame_case=row, criterion__code="MAP-01")
    url = reverse("audits:control_form", args=[audit.pk, row.pk])
    case_before = ProgrammeCase.objects.values("version", "updated_at").get(pk=row.case_id)
    client = client_for("revisor")
    page = client.get(url)
    assert page.status_code == 200
    assert (
        AccessLogEntry.objects.filter(user=revisor, case_id=row.case_id, action="audit").count()
        == 1
    )
    data = {f"e{e.pk}-assessment": e.assessment for e in row.control_form.entries.all()}
    data |= {f"e{e.pk}-comment": "" for e in row.control_form.entries.all()}
    data[f"e{entry.pk}-assessment"] = "documented_elsewhere"
    data[f"e{entry.pk}-comment"] = "Kartlegging omtalt i vedtaket"
    response = client.post(url, data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.assessment, entry.comment, entry.assessed_by) == (
        "documented_elsewhere",
        "Kartlegging omtalt i vedtaket",
        revisor,
    )
    assert ControlFormEntry.objects.exclude(assessment="").count() == 1
    assert (
        ProgrammeCase.objects.values("version", "updated_at").get(pk=row.case_id) == case_before
    )  # the case itself is untouched
    findings = client.get(reverse("audits:findings", args=[audit.pk])).content.decode()
    assert "Kompetansekartlegging var journalført for 12 av 15 deltakere" in findings
    assert "Kompetansekartlegging var journalført for 13 av 15 deltakere" in findings


def test_auditor_sees_pseudonyms_without_show_identities() -> None:
    audit = make_report_audit(created_by=auditor())
    row = first_drawn(audit)
    page = client_for("revisor").get(reverse("audits:control_form", args=[audit.pk, row.pk]))
    text = page.content.decode()
    assert row.pseudonym in text
    assert row.case_number not in text
    assert "Deltaker SH" not in text


def test_auditor_sees_identities_with_show_identities() -> None:
    audit = make_report_audit(created_by=auditor(show_identities=True))
    row = first_drawn(audit)
    page = client_for("revisor").get(reverse("audits:control_form", args=[audit.pk, row.pk]))
    text = page.content.decode()
    assert row.case_number in text
    assert f"Deltaker SH {int(row.case_number[-2:])}" in text


def test_health_exclusion_draws_the_next_case_in_the_random_order() -> None:
    audit = make_report_audit(created_by=auditor(), sample_size=5)
    drawn_before = set(
        FrameCase.objects.filter(sample__audit=audit, drawn=True).values_list(
            "case_number", flat=True
        )
    )
    row = first_drawn(audit)
    next_in_order = (
        FrameCase.objects.filter(
            sample__audit=audit, district=row.district, drawn=False, exclusion=""
        )
        .order_by("rank")
        .first()
    )
    assert next_in_order is not None
    response = client_for("revisor").post(
        reverse("audits:exclude", args=[audit.pk, row.pk]), {"note": "Sykemeldt hele perioden"}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.exclusion, row.drawn, row.exclusion_note) == (
        ExclusionReason.HEALTH,
        False,
        "Sykemeldt hele perioden",
    )
    drawn_after = set(
        FrameCase.objects.filter(sample__audit=audit, drawn=True).values_list(
            "case_number", flat=True
        )
    )
    assert drawn_after == drawn_before - {row.case_number} | {next_in_order.case_number}
    assert FrameCase.objects.get(pk=next_in_order.pk).control_form.entries.count() == 5


def test_english_findings_page() -> None:
    audit = make_report_audit(created_by=auditor())
    client = client_for("revisor")
    client.cookies["django_language"] = "en"
    text = client.get(
        reverse("audits:findings", args=[audit.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "10 of 15 did not start within 3 months" in text


def _district_pks(*slugs: str) -> list[str]:
    from introsak.core.models import District

    wanted = slugs or ("st_hanshaugen", "ostensjo")
    return [str(pk) for pk in District.objects.filter(slug__in=wanted).values_list("pk", flat=True)]


def test_saving_a_control_form_is_one_opening_and_a_refused_save_one_too() -> None:
    """POST + redirect writes one access-log row (issue 12, item 3); a form shown again
    with its errors is an opening too."""
    revisor = auditor()
    audit = make_report_audit(created_by=revisor)
    row = FrameCase.objects.get(sample__audit=audit, case_number="OS-04")
    url = reverse("audits:control_form", args=[audit.pk, row.pk])
    entries = list(row.control_form.entries.all())
    data = {f"e{e.pk}-assessment": e.assessment for e in entries}
    data |= {f"e{e.pk}-comment": "" for e in entries}
    data[f"e{entries[0].pk}-comment"] = "Sjekket mot vedtaket"
    client = client_for("revisor")

    def rows() -> int:
        return AccessLogEntry.objects.filter(user=revisor, case_id=row.case_id).count()

    saved = client.post(url, data, follow=True)
    assert (saved.status_code, saved.redirect_chain[0][1], rows()) == (200, 302, 1)
    refused = client.post(url, {**data, f"e{entries[0].pk}-assessment": "not-a-choice"})
    assert (refused.status_code, rows()) == (200, 2)
