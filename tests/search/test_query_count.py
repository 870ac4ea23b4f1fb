"""The search page reads the same number of queries whatever the number of records."""
import factory
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.factories.exchange import ExchangeActivityFactory, PartnerCityFactory

from .results import results, search_page

pytestmark = pytest.mark.django_db

QUERIES = [
    {"q": "視察"},  # many results, several pages
    {"q": "視察", "page": "2"},
    {"q": "視察", "section": "exchange-activities"},
    {"q": "視察 派遣 試験"},
    {"q": "視"},  # one character: no trigram
    {"q": "視察団ヴォルフ"},  # no result: the nearest spellings
]


def _records(count):
    # In Japanese, whatever page was read before: the factories look records up by name.
    with translation.override("ja"):
        _create(count)


def _create(count):
    city = PartnerCityFactory(name=f"試験市{count}", heading="試験の都市")
    ExchangeActivityFactory.create_batch(
        count, city=city, description=factory.Sequence(lambda n: f"試験の視察団{n}の派遣")
    )


def _get(client, params, language="ja"):
    return search_page(client, params["q"], language, **{k: v for k, v in params.items() if k != "q"})


def _query_counts(client, language="ja"):
    counts = []
    for params in QUERIES:
        with CaptureQueriesContext(connection) as queries:
            response = _get(client, params, language)
        assert response.status_code == 200
        counts.append(len(queries))
    return counts


@pytest.mark.parametrize("language", ["ja", "en"])
def test_query_count_is_the_same_for_30_and_300_records(client, django_assert_num_queries, language):
    _records(30)
    small = _query_counts(client, language)
    assert len(results(search_page(client, "視察", language))) == 20
    _records(270)
    assert len(results(search_page(client, "視察", language, page="15"))) == 20  # 300 records, 15 pages
    for params, count in zip(QUERIES, small):
        with django_assert_num_queries(count):
            _get(client, params, language)
    assert max(small) <= 4
