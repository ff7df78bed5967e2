"""``introsak audit`` on the command line: the same sample, control forms and findings as the
application, printed per criterion and district."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from introsak.audits.models import Audit
from introsak.cli import main
from tests.audits.conftest import SEED, auditor
from tests.audits.report_cases import report_cases
from tests.factories import jsonl
from tests.pdfs import catalog

pytestmark = pytest.mark.usefixtures("report_data")
ARGS = [
    "--districts",
    "st_hanshaugen,ostensjo",
    "--started-from",
    "2022-07-01",
    "--started-to",
    "2024-05-31",
    "--as-of",
    "2024-09-30",
    "--seed",
    str(SEED),
]


def run(*extra: str) -> str:
    out = io.StringIO()
    call_command("audit", *ARGS, *extra, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_text_output_gives_the_reports_counts() -> None:
    lines = run().splitlines()
    assert "START-01 – Programstart innen 3 måneder" in lines
    start = lines.index("START-01 – Programstart innen 3 måneder")
    assert lines[start + 1].startswith("  St. Hanshaugen: 10 av 15 startet ikke innen 3 måneder [")
    assert lines[start + 2].startswith("  Østensjø: 6 av 15 startet ikke innen 3 måneder [")
    assert "  - SH-X1: Sluttmålet er verken arbeid eller utdanning" in lines
    assert Audit.objects.count() == 0  # rolled back without --save


def test_json_output_and_same_seed_same_sample() -> None:
    first, second = (
        json.loads(run("--format", "json")),
        json.loads(run("--format", "json", "--sample", "15")),
    )
    assert first["audit"]["seed"] == SEED
    assert first["sample"] == second["sample"]
    tri = next(f for f in first["findings"] if f["criterion"] == "TRI-01")
    assert [(d["district"], d["computed"]["n"], d["computed"]["of"]) for d in tri["districts"]] == [
        ("st_hanshaugen", 4, 15),
        ("ostensjo", 10, 15),
    ]
    assert sorted(tri["districts"][0]["computed"]["cases"]) == ["SH-02", "SH-05", "SH-08", "SH-11"]


def test_smaller_sample_is_reproducible_with_the_seed() -> None:
    once = json.loads(run("--format", "json", "--sample", "4"))
    again = json.loads(run("--format", "json", "--sample", "4"))
    assert [len(s["drawn"]) for s in once["sample"]] == [4, 4]
    assert once["sample"] == again["sample"]


def test_english_output() -> None:
    assert "  St. Hanshaugen: 6 of 15 had had language or work practice [" in run(
        "--language", "en"
    )


def test_xlsx_and_pdf_to_files(tmp_path: Path) -> None:
    run("--format", "xlsx", "-o", str(tmp_path / "a.xlsx"))
    run("--format", "pdf", "-o", str(tmp_path / "a.pdf"))
    workbook = load_workbook(tmp_path / "a.xlsx")
    assert workbook.sheetnames == ["Funn", "Kontrollskjemaer", "Utvalg"]
    pdf = PdfReader(tmp_path / "a.pdf")
    assert "/StructTreeRoot" in catalog(pdf)


def test_jsonl_control_forms() -> None:
    lines = run("--format", "jsonl").splitlines()
    assert len(lines) == 30
    assert {json.loads(line)["case"][:3] for line in lines} == {"SH-", "OS-"}


def test_save_keeps_the_audit_for_its_auditors() -> None:
    revisor = auditor()
    run("--save", "--name", "Lagret", "--auditor", "revisor")
    audit = Audit.objects.get()
    assert (audit.name, list(audit.auditors.all())) == ("Lagret", [revisor])
    with pytest.raises(CommandError, match="unknown users: nobody"):
        run("--auditor", "nobody")


def test_unknown_district_and_criterion_are_errors() -> None:
    with pytest.raises(CommandError, match="unknown districts: nowhere"):
        call_command(
            "audit",
            "--districts",
            "nowhere",
            "--started-from",
            "2022-07-01",
            "--as-of",
            "2024-09-30",
            stdout=io.StringIO(),
        )
    with pytest.raises(CommandError, match="unknown criteria: NOPE-01"):
        run("--criteria", "NOPE-01")


def test_console_script_routes_to_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "--help"]) == 0
    assert "--started-from" in capsys.readouterr().out


def test_input_file_runs_the_same_audit_in_a_throwaway_database(tmp_path: Path) -> None:
    """``introsak audit --input FILE``: the console script loads the file into a throw-away
    database before Django starts, so it runs in its own process."""
    facts = tmp_path / "cases.jsonl"
    facts.write_bytes(jsonl(report_cases()))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "introsak.cli",
            "audit",
            "--input",
            str(facts),
            *ARGS,
            "--format",
            "json",
        ],
        capture_output=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr.decode()
    result, here = json.loads(done.stdout), json.loads(run("--format", "json"))
    del result["audit"]["id"], here["audit"]["id"]
    assert result == here
    assert Audit.objects.count() == 0


def test_input_through_manage_py_is_refused() -> None:
    with pytest.raises(CommandError, match="console script"):
        run("--input", "cases.jsonl")
