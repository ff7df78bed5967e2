"""The employers registry: organisation numbers, sectors, and ``introsak employers import``
(CSV or JSON Lines, all or nothing, ``line N: field: reason``, duplicates merged)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command

from introsak.casefacts.enums import Sector
from introsak.placements.domain.employer_import import ImportFailed, employers_import
from introsak.placements.domain.employers import EmployerInput, clean_orgnr, employer_save
from introsak.placements.domain.errors import Rejected
from introsak.placements.models import Employer
from tests.placements.builders import ORGNRS

pytestmark = pytest.mark.django_db

FIGURE_9_SECTORS = {
    "kindergarten", "school_aks", "district_administration", "home_services",
    "nursing_home", "shop", "grocery", "cleaning", "canteen", "restaurant", "hotel",
}  # fmt: skip


def test_the_sector_list_covers_figure_9_and_more() -> None:
    values = {s.value for s in Sector}
    assert values >= FIGURE_9_SECTORS
    assert len(values - FIGURE_9_SECTORS) >= 5


def test_orgnr_is_validated_by_its_check_digit() -> None:
    assert clean_orgnr("974 760 673") == "974760673"
    with pytest.raises(ValueError, match="checksum or check digit is invalid"):
        clean_orgnr("974760674")
    with pytest.raises(ValueError, match="invalid length"):
        clean_orgnr("97476067")


def _data(**overrides: Any) -> EmployerInput:
    values = {"orgnr": ORGNRS[0], "name": "Sagene sykehjem", "sector": "nursing_home",
              "ownership": "municipal", "district": "sagene"}  # fmt: skip
    values.update(overrides)
    return EmployerInput(**values)


def test_a_wrong_check_digit_is_refused_naming_the_field_and_nothing_is_written() -> None:
    with pytest.raises(Rejected) as refused:
        employer_save(data=_data(orgnr="974760674"))
    assert list(refused.value.errors) == ["orgnr"]
    assert Employer.objects.count() == 0


def test_an_unknown_sector_and_district_are_refused_naming_the_fields() -> None:
    with pytest.raises(Rejected) as refused:
        employer_save(data=_data(sector="mining", district="bergen"))
    assert sorted(refused.value.errors) == ["district", "sector"]
    assert Employer.objects.count() == 0


def test_saving_the_same_orgnr_again_updates_the_employer() -> None:
    first = employer_save(data=_data())
    second = employer_save(data=_data(orgnr="974 760 673", name="Sagene bo- og helsesenter"))
    assert (second.pk, Employer.objects.get().name) == (first.pk, "Sagene bo- og helsesenter")


CSV = (
    "orgnr,name,sector,ownership,district,contact_name\n"
    f"{ORGNRS[0]},Kiwi Bislett,grocery,private,st_hanshaugen,\n"
    f"{ORGNRS[1]},Renhold AS,cleaning,private,,Ola Vask\n"
    f"{ORGNRS[0]},Kiwi Bislett,grocery,private,st_hanshaugen,Kari Kasse\n"
)


def test_csv_import_writes_every_employer_and_merges_duplicates_by_orgnr() -> None:
    result = employers_import(io.StringIO(CSV), name="employers.csv")
    assert (result.created, result.updated, result.merged) == (2, 0, 1)
    kiwi = Employer.objects.get(orgnr=ORGNRS[0])
    assert (kiwi.name, kiwi.contact_name, kiwi.district.slug if kiwi.district else "") == (
        "Kiwi Bislett",
        "Kari Kasse",
        "st_hanshaugen",
    )


def test_importing_again_merges_into_the_registered_employer() -> None:
    employers_import(io.StringIO(CSV), name="employers.csv")
    line = {"orgnr": ORGNRS[1], "name": "Renhold AS", "sector": "cleaning",
            "ownership": "private", "notes": "Tar imot to i språkpraksis"}  # fmt: skip
    result = employers_import(io.StringIO(json.dumps(line) + "\n"), name="more.jsonl")
    found = Employer.objects.get(orgnr=ORGNRS[1])
    assert (result.created, result.updated) == (0, 1)
    assert (found.contact_name, found.notes) == ("Ola Vask", "Tar imot to i språkpraksis")


def test_a_bad_file_writes_nothing_and_names_line_field_and_reason() -> None:
    lines = [
        {"orgnr": ORGNRS[2], "name": "Hotell Oslo", "sector": "hotel", "ownership": "private"},
        {"orgnr": "974760674", "name": "Feil AS", "sector": "hotel", "ownership": "private"},
        {"orgnr": ORGNRS[3], "name": "Gruve AS", "sector": "mining", "ownership": "private"},
        {"orgnr": ORGNRS[4], "sector": "shop", "ownership": "private", "colour": "red"},
    ]
    text = "\n".join(json.dumps(x) for x in lines) + "\n"
    with pytest.raises(ImportFailed) as failed:
        employers_import(io.StringIO(text), name="employers.jsonl")
    assert failed.value.problems == [
        "line 2: orgnr: Not a valid organisation number: "
        "the number's checksum or check digit is invalid.",
        "line 3: sector: Unknown sector mining.",
        "line 4: colour: unknown field",
        "line 4: name: required",
    ]
    assert Employer.objects.count() == 0


def test_the_command_imports_a_file_and_reports_errors(tmp_path: Any) -> None:
    good = tmp_path / "employers.csv"
    good.write_text(CSV, encoding="utf-8")
    out = io.StringIO()
    call_command("employers", "import", str(good), stdout=out)
    assert out.getvalue() == "2 employers created, 0 updated, 1 duplicate rows merged\n"
    bad = tmp_path / "bad.csv"
    bad.write_text("orgnr,name,sector,ownership\n123,X,shop,private\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_code:
        call_command("employers", "import", str(bad), stdout=io.StringIO(), stderr=err)
    assert exit_code.value.code == 1
    assert err.getvalue() == (
        "line 2: orgnr: Not a valid organisation number: the number has an invalid length.\n"
        "nothing was imported\n"
    )
