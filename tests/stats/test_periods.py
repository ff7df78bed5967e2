"""Statistics periods are bounded (issue 12.7): nothing before 2000, nothing after today, at
most 10 years; refused with a message naming the field on every page, chart, download, the
PDF and the command line; and no query string gives a 500."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlencode

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from introsak.stats.domain.catalogue import VIEWS
from tests.factories import user
from tests.stats.builders import import_with_staff, sample_cases

pytestmark = pytest.mark.django_db

AS_OF = date(2024, 8, 7)
ENDPOINTS = [
    "/stats/",
    "/stats/end-reasons/",
    "/stats/compliance/chart.svg",
    "/stats/days-late/download.csv",
    "/stats/education/download.xlsx",
    "/stats/caseload/download.json",
    "/stats/dashboard.pdf",
]


@pytest.fixture(autouse=True)
def frozen_clock(settings) -> None:  # type: ignore[no-untyped-def]
    settings.INTROSAK_AS_OF = AS_OF


@pytest.fixture(autouse=True)
def same_language_after() -> Iterator[None]:
    """The English requests below activate English in this thread (LocaleMiddleware);
    the tests that follow expect the language they had."""
    with translation.override(translation.get_language()):
        yield


@pytest.fixture
def analyst() -> Client:
    import_with_staff(sample_cases(count=40), as_of=AS_OF)
    client = Client()
    client.force_login(user("analyst", "city_analyst"))
    client.cookies["django_language"] = "en"
    return client


def errors_of(client: Client, path: str, query: dict[str, str]) -> str:
    response = client.get(path, query)
    assert response.status_code == 400, (path, query, response.status_code)
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert 'id="error-summary"' in html and 'aria-invalid="true"' in html
    return html


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_period_from_year_one_is_refused_everywhere(analyst: Client, path: str) -> None:
    """The issue: ``/stats/?from=0001-01-01`` returned 12.7 MB; the chart and the PDF a 500."""
    html = errors_of(analyst, path, {"from": "0001-01-01"})
    assert "Periods cannot start before 1 January 2000." in html
    assert "<caption" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "1999-12-31"}, "Periods cannot start before 1 January 2000."),
        ({"to": "1999-12-31"}, "Periods cannot end before 1 January 2000."),
        ({"from": "2014-08-07"}, "The period can be at most 10 years long."),
        ({"from": "2010-01-01", "to": "2020-01-01"}, "The period can be at most 10 years long."),
        ({"to": "2024-08-08"}, "The period cannot be after today, 7 August 2024."),
        ({"from": "2024-09-01"}, "The period cannot be after today, 7 August 2024."),
        ({"from": "2024-05-01", "to": "2024-01-01"}, "The end of the period must be on or after"),
        ({"to": "9999-12-31"}, "The period cannot be after today, 7 August 2024."),
    ],
)
def test_periods_out_of_bounds_are_refused_with_the_reason(
    analyst: Client, query: dict[str, str], message: str
) -> None:
    assert message in errors_of(analyst, "/stats/end-reasons/download.csv", query)


def test_ten_years_to_the_day_are_counted(analyst: Client) -> None:
    query = {"from": "2014-08-08", "to": "2024-08-07"}
    for name in VIEWS:
        assert analyst.get(f"/stats/{name}/chart.svg", query).status_code == 200, name
        assert analyst.get(f"/stats/{name}/download.xlsx", query).status_code == 200, name
    assert analyst.get("/stats/", query).status_code == 200


def test_the_command_line_refuses_the_same_periods() -> None:
    def run(*args: str) -> str:
        out = io.StringIO()
        call_command(
            "stats", "end-reasons", "--as-of", "2024-08-07", "--language", "en", *args, stdout=out
        )
        return out.getvalue()

    with pytest.raises(CommandError, match=r"--from: Periods cannot start before 1 January 2000\."):
        run("--from", "0001-01-01")
    with pytest.raises(CommandError, match=r"--from: The period can be at most 10 years long\."):
        run("--from", "2010-01-01")
    with pytest.raises(CommandError, match=r"--to: The period cannot be after today"):
        run("--to", "2030-01-01")
    assert run("--from", "2014-08-08").startswith("view,table,")


# --- no query string gives a 500 ------------------------------------------------------------

DATES = st.one_of(
    st.dates().map(date.isoformat),
    st.sampled_from(
        [
            "0001-01-01",
            "1999-12-31",
            "2000-01-01",
            "2014-08-08",
            "2024-08-07",
            "2024-08-08",
            "9999-12-31",
            "2024-02-30",
            "2024-13-01",
            "24-1-1",
            "",
        ]
    ),
    st.text(max_size=12),
)
VALUES = {
    "from": DATES,
    "to": DATES,
    "district": st.one_of(
        st.sampled_from(["grunerlokka", "sagene", "stovner", "ostensjo", "atlantis", ""]),
        st.text(max_size=12),
    ),
    "basis": st.one_of(st.sampled_from(["collective", "other", "", "none"]), st.text(max_size=8)),
    "education": st.one_of(
        st.sampled_from(["none", "primary", "higher", "phd", ""]), st.text(max_size=8)
    ),
    "junk": st.text(max_size=8),
}
query_strings = st.lists(
    st.sampled_from(sorted(VALUES)).flatmap(lambda key: st.tuples(st.just(key), VALUES[key])),
    max_size=6,
).map(lambda pairs: urlencode(pairs))


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    path=st.sampled_from(
        [
            "/stats/",
            *(f"/stats/{v}/" for v in VIEWS),
            *(f"/stats/{v}/chart.svg" for v in VIEWS),
            *(
                f"/stats/{v}/download.{f}"
                for v in ("end-reasons", "compliance")
                for f in ("csv", "xlsx", "json", "txt")
            ),
            "/stats/no-such-view/",
        ]
    ),
    query=query_strings,
)
@example(path="/stats/end-reasons/chart.svg", query="from=0001-01-01")  # the 500
def test_no_query_string_gives_a_server_error(analyst: Client, path: str, query: str) -> None:
    response = analyst.get(f"{path}?{query}")
    assert response.status_code in {200, 400, 404}, (path, query, response.status_code)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=query_strings)
@example(query="from=0001-01-01")  # the 500
def test_no_query_string_breaks_the_pdf(analyst: Client, query: str) -> None:
    response = analyst.get(f"/stats/dashboard.pdf?{query}")
    assert response.status_code in {200, 400}, (query, response.status_code)
