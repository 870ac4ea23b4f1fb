"""The filtered list of TV and radio programmes (/public-relations/programmes/)."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from public_relations.models import BroadcastProgramme, Medium
from tests.factories.core import DivisionFactory
from tests.factories.public_relations import BroadcasterFactory, BroadcastProgrammeFactory

pytestmark = pytest.mark.django_db

URL = "/public-relations/programmes/"


def rows(response):
    return re.findall(r'<th scope="row"[^>]*>(.*?)</th>', response.content.decode())


def test_url_name():
    assert reverse("public_relations:programme-list") == URL


def test_all_twelve_programmes(client):
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ja">' in page and len(re.findall(r"<h1[\s>]", page)) == 1
    assert len(rows(response)) == 12
    assert "12件" in page
    assert "<caption>テレビ・ラジオ広報番組</caption>" in page


def test_filter_by_medium(client):
    assert len(rows(client.get(URL, {"medium": "tv"}))) == 3
    assert len(rows(client.get(URL, {"medium": "radio"}))) == 9


def test_filter_by_broadcaster(client):
    response = client.get(URL, {"broadcaster": "熊本シティエフエム"})
    assert len(rows(response)) == 5
    assert "声の市政だより" in rows(response)
    assert len(rows(client.get(URL, {"broadcaster": "RKK", "medium": "radio"}))) == 2


@pytest.mark.parametrize(
    "query",
    [
        {"medium": "satellite"},
        {"broadcaster": "存在しない局"},
        {"broadcaster": "12345"},
    ],
)
def test_invalid_filter_values_give_an_empty_list(client, query):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert rows(response) == []
    assert "該当する番組はありません。" in response.content.decode()


def test_a_repeated_filter_uses_its_last_value(client):
    response = client.get(URL, {"medium": ["tv", "radio"]})
    assert response.status_code == 200
    assert len(rows(response)) == 9


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999999999", "1.5", ""])
def test_invalid_page_numbers_are_corrected(client, page):
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert len(rows(response)) == 12


def test_pagination_keeps_the_filter(client, settings):
    settings.PORTAL_PAGE_SIZE = 50
    division = DivisionFactory(name="広報課")
    broadcaster = BroadcasterFactory()
    BroadcastProgrammeFactory.create_batch(
        60, medium=Medium.TV, broadcaster=broadcaster, responsible_division=division
    )
    first = client.get(URL, {"medium": "tv"}).content.decode()
    assert "?medium=tv&amp;page=2" in first
    last = client.get(URL, {"medium": "tv", "page": "999"})
    assert len(rows(last)) == 63 - 50


def _count_queries(client, query):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, query).status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", [{}, {"medium": "radio"}, {"broadcaster": "RKK"}])
def test_query_count_is_constant(client, query):
    few = _count_queries(client, query)
    division = DivisionFactory(name="広報課")
    broadcasters = BroadcasterFactory.create_batch(5)
    BroadcastProgramme.objects.bulk_create(
        BroadcastProgrammeFactory.build(
            medium=Medium.TV if i % 2 else Medium.RADIO,
            broadcaster=broadcasters[i % 5],
            responsible_division=division,
        )
        for i in range(1000)
    )
    assert _count_queries(client, query) == few


def test_tv_is_listed_before_radio(client):
    titles = rows(client.get(URL))
    assert titles[0] == "市っとるね!?マナブくん"
    assert titles[3] == "とんでるワイド・大田黒浩一の今日も元気! 内"
