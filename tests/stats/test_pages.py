"""The statistics pages, charts and downloads, read by each persona."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from introsak.stats.domain.catalogue import VIEWS
from tests.factories import user
from tests.pdfs import is_tagged
from tests.stats.builders import import_with_staff, sample_cases

pytestmark = pytest.mark.django_db

AS_OF = date(2024, 8, 7)


@pytest.fixture(autouse=True)
def frozen_clock(settings) -> None:  # type: ignore[no-untyped-def]
    settings.INTROSAK_AS_OF = AS_OF


@pytest.fixture
def data() -> None:
    import_with_staff(sample_cases(), as_of=AS_OF)


def client_for(role: str, district: str | None = None) -> Client:
    client = Client()
    client.force_login(user(f"{role}-{district or 'city'}", role, district))
    return client


@pytest.fixture
def analyst() -> Client:
    return client_for("city_analyst")


def test_dashboard_shows_every_view_to_the_analyst(data: None, analyst: Client) -> None:
    response = analyst.get("/stats/")
    assert response.status_code == 200
    html = response.content.decode()
    for spec in VIEWS.values():
        assert f'id="heading-{spec.name}"' in html
        assert f'src="/stats/{spec.name}/chart.svg"' in html
    assert html.count("<caption") >= len(VIEWS)
    assert 'scope="col"' in html and 'scope="row"' in html
    assert 'id="privacy"' in html


def test_dashboard_is_refused_without_the_permission(data: None) -> None:
    response = client_for("administrator").get("/stats/")
    assert response.status_code == 403


def test_dashboard_needs_a_log_in() -> None:
    response = Client().get("/stats/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_invalid_period_is_shown_accessibly(analyst: Client) -> None:
    response = analyst.get("/stats/", {"from": "2024-05-01", "to": "2024-01-01"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert 'aria-invalid="true"' in html
    assert "<caption" not in html


def test_unknown_district_is_rejected(analyst: Client) -> None:
    response = analyst.get("/stats/end-reasons/", {"district": "atlantis"})
    assert response.status_code == 400


def test_unknown_view_is_not_found(analyst: Client) -> None:
    assert analyst.get("/stats/no-such-view/").status_code == 404


@pytest.mark.parametrize("name", list(VIEWS))
def test_each_view_page_chart_and_download_work(data: None, analyst: Client, name: str) -> None:
    page = analyst.get(f"/stats/{name}/")
    assert page.status_code == 200
    chart = analyst.get(f"/stats/{name}/chart.svg")
    assert chart.status_code == 200
    assert chart["Content-Type"].startswith("image/svg+xml")
    svg = chart.content.decode()
    assert svg.startswith("<svg") and "<script" not in svg
    for fmt in ("csv", "xlsx", "json"):
        download = analyst.get(f"/stats/{name}/download.{fmt}")
        assert download.status_code == 200
        assert download["Content-Disposition"].startswith('attachment; filename="introsak-')


def test_csv_has_one_row_per_cell_with_hidden_cells_marked(data: None, analyst: Client) -> None:
    content = analyst.get("/stats/end-reasons-by-district/download.csv").content
    assert content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    # 4 districts shown (all 15 listed) × 6 end reasons, plus totals.
    assert len(rows) == (15 + 1) * (6 + 1)
    hidden = [r for r in rows if r["suppressed"] == "True"]
    assert hidden and all(r["count"] == "" and r["share"] == "" for r in hidden)
    shown = [r for r in rows if r["suppressed"] == "False" and r["count"]]
    assert all(int(r["count"]) == 0 or int(r["count"]) >= 5 for r in shown)


def test_json_lists_counts_shares_and_suppressed_cells(data: None, analyst: Client) -> None:
    document = json.loads(analyst.get("/stats/end-reasons/download.json").content)
    assert document["view"] == "end-reasons"
    assert document["suppression"]["applied"] is True
    table = document["tables"][0]
    hidden = {(s["row"], s["column"]) for s in table["suppressed"]}
    for row in table["rows"]:
        for column, cell in zip(table["columns"], row["cells"], strict=True):
            assert cell["suppressed"] == ((row["key"], column["key"]) in hidden)
            if cell["suppressed"]:
                assert cell["count"] is None and cell["share"] is None


def test_excel_has_an_about_sheet_and_one_sheet_per_table(data: None, analyst: Client) -> None:
    content = analyst.get("/stats/compliance/download.xlsx").content
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames[0] in {"Om tallene", "About"}
    assert "compliance" in workbook.sheetnames
    assert "compliance-START-01" in workbook.sheetnames


def test_coordinator_sees_own_district_unsuppressed(data: None) -> None:
    coordinator = client_for("team_coordinator", "stovner")
    own = coordinator.get("/stats/end-reasons-by-district/download.json", {"district": "stovner"})
    table = json.loads(own.content)["tables"][0]
    assert json.loads(own.content)["suppression"]["applied"] is False
    assert table["suppressed"] == []
    everyone = coordinator.get("/stats/end-reasons-by-district/download.json")
    assert json.loads(everyone.content)["suppression"]["applied"] is True


def test_dashboard_pdf_is_tagged_and_has_the_tables(data: None, analyst: Client) -> None:
    from pypdf import PdfReader

    response = analyst.get("/stats/dashboard.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert is_tagged(reader)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Statistikk" in text
    with translation.override("nb"):
        for spec in VIEWS.values():
            assert str(spec.title) in text
        assert "Tabell 1" in text and "Figur 14" in text


def test_table_1_page_shows_the_reports_shares_to_the_districts_own_staff() -> None:
    from tests.factories import import_cases
    from tests.stats.test_table1 import report_cases

    import_cases(report_cases(), as_of=AS_OF)
    coordinator = client_for("team_coordinator", "st_hanshaugen")
    html = coordinator.get("/stats/end-reasons/", {"district": "st_hanshaugen"}).content.decode()
    nbsp = "\u00a0"
    assert f"15 (63{nbsp}%)" in html  # qualifying measure, collective protection 2023
    assert f"6 (55{nbsp}%)" in html  # work, collective protection 2024
    assert f"5 (36{nbsp}%)" in html  # work, other residence basis 2023–2024
    assert "Tabell 1" in html


def test_exports_make_formula_like_text_inert() -> None:
    from introsak.stats.domain.catalogue import VIEWS, ViewResult
    from introsak.stats.domain.filters import Filters, Period
    from introsak.stats.domain.tables import Header, Layout, count_table
    from introsak.stats.interfaces.exports import to_csv, to_xlsx

    layout = Layout(
        key="t",
        caption="c",
        row_title="r",
        rows=[Header("x", '=HYPERLINK("http://evil")')],
        columns=[Header("y", "+1+1")],
    )
    table = count_table(layout, [[7]], protect=False, share_of="row")
    result = ViewResult(
        spec=VIEWS["caseload"],
        filters=Filters(as_of=AS_OF),
        period=Period(AS_OF, AS_OF),
        tables=(table,),
        suppressed=False,
    )
    text = to_csv(result).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+1+1" in text
    sheet = load_workbook(io.BytesIO(to_xlsx(result)))["t"]
    assert sheet["A2"].value == '\'=HYPERLINK("http://evil")'
    assert sheet["B1"].value == "'+1+1 (antall)"


# --- exports for Norwegian Excel (issue 14.10) ---------------------------------------------


def test_csv_download_is_for_norwegian_excel(data: None, analyst: Client) -> None:
    content = analyst.get("/stats/end-reasons-by-district/download.csv").content
    text = content.decode("utf-8")
    assert text.startswith("\ufeffview;table;row_key;row;column_key;column;count;share;")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    shares = [r["share"] for r in rows if r["share"] not in ("", "1")]
    assert shares and all("," in s and "." not in s for s in shares)


def test_hidden_numbers_are_empty_cells_in_excel_with_a_note(data: None, analyst: Client) -> None:
    content = analyst.get("/stats/end-reasons-by-district/download.xlsx").content
    sheet = load_workbook(io.BytesIO(content))["end-reasons-by-district"]
    document = json.loads(analyst.get("/stats/end-reasons-by-district/download.json").content)
    table = document["tables"][0]
    keys = [r["key"] for r in table["rows"]]
    columns = [c["key"] for c in table["columns"]]
    hidden = [(s["row"], s["column"]) for s in table["suppressed"] if s["row"] != "total"]
    assert hidden
    for row_key, column_key in hidden:
        count = sheet.cell(row=2 + keys.index(row_key), column=2 + 2 * columns.index(column_key))
        assert (count.value, count.data_type) == (None, "n")
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "–" not in values
    with translation.override("nb"):
        from introsak.stats.phrases import HIDDEN_IN_SHEET

        assert sheet.cell(row=sheet.max_row, column=1).value == str(HIDDEN_IN_SHEET)


def test_excel_is_offered_before_csv(data: None, analyst: Client) -> None:
    html = analyst.get("/stats/end-reasons/").content.decode()
    assert html.index("/stats/end-reasons/download.xlsx") < html.index(
        "/stats/end-reasons/download.csv"
    )


def test_hidden_cells_of_the_heat_map_are_marked(data: None, analyst: Client) -> None:
    """Issue 12.2: hidden cells were left blank in the compliance heat map, like a rule
    without findings. Each is a grey square marked "–", with a legend entry."""
    document = json.loads(analyst.get("/stats/compliance/download.json").content)
    summary = document["tables"][0]
    hidden = [s for s in summary["suppressed"] if s["column"] != "total"]
    assert hidden
    svg = analyst.get("/stats/compliance/chart.svg").content.decode()
    assert "Skjult av personvernhensyn" in svg  # the legend
    assert svg.count(">–</text>") == len(hidden)
    page = analyst.get("/stats/compliance/").content.decode()
    assert "Skjulte tall er grå ruter merket «–»." in page  # the chart's alternative text
