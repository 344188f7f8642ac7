"""The fuzz test's numbers, printed at the end of every pytest run that includes it."""

import pytest

from tests.fuzz.test_no_server_errors import Tally

_TALLIES: list[Tally] = []


@pytest.fixture
def fuzz_report() -> Tally:
    tally = Tally()
    _TALLIES.append(tally)
    return tally


def pytest_terminal_summary(terminalreporter) -> None:
    for tally in _TALLIES:
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(tally.statuses.items()))
        terminalreporter.write_sep("-", "hostile-input fuzz")
        terminalreporter.write_line(
            f"fuzz: {tally.cases} requests, {len(tally.errors)} server errors (5xx), "
            f"{len(tally.endpoints)} of {tally.routes} routes, {len(tally.forms)} forms "
            f"(role x form), {len(tally.fields)} distinct form fields, "
            f"{tally.seconds:.0f} s ({tally.cpu_seconds:.0f} s CPU)"
        )
        terminalreporter.write_line(f"fuzz: responses by status: {statuses}")
        views = sorted({endpoint for _role, _method, endpoint in tally.forms})
        terminalreporter.write_line(f"fuzz: forms of {len(views)} views: {', '.join(views)}")
