"""Values in a spreadsheet are read exactly or refused: nothing is silently changed."""
import tablib
import pytest

from exchange.models import UsageRecord
from exchange.resources import UsageRecordResource

HEADERS = ["center", "fiscal_year", "category", "room_count", "number_of_users", "source"]


def _import(*rows):
    dataset = tablib.Dataset(*rows, headers=HEADERS)
    return UsageRecordResource().import_data(dataset, dry_run=False, raise_errors=False)


def _usage():
    return sorted(UsageRecord.objects.values_list("fiscal_year", "category", "number_of_users"))


@pytest.mark.django_db
@pytest.mark.parametrize("fiscal_year", ["2015.5", "abc", "平成27", "20１5年"])
def test_a_number_that_is_not_whole_is_an_error_and_writes_nothing(fiscal_year):
    """Regression: 2015.5 was cut to 2015 and overwrote the real 平成27年度 hall count."""
    before = _usage()
    result = _import(
        ["熊本市国際交流会館", fiscal_year, "hall", "", "100", "市政概要 3(9)"],
    )
    assert result.has_validation_errors() or result.has_errors()
    messages = " ".join(
        [str(error) for row in result.invalid_rows for error in row.error_dict.values()]
        + [str(error.error) for _, errors in result.row_errors() for error in errors]
    )
    assert "整数" in messages
    assert _usage() == before


@pytest.mark.django_db
def test_a_whole_number_with_separators_is_read():
    result = _import(["熊本市国際交流会館", "2015", "hall", "", "６７,８８７", "市政概要 3(9)"])
    assert not result.has_errors() and not result.has_validation_errors()
    assert UsageRecord.objects.get(fiscal_year=2015, category="hall").number_of_users == 67887
