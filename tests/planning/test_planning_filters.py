"""The member list filter: valid values filter, invalid values give an empty or corrected list."""
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def member_names(response):
    return re.findall(r'<th scope="row"[^>]*>([^<]+)</th>', response.content.decode())


def get(client, **params):
    response = client.get(reverse("planning:member-list"), params)
    assert response.status_code == 200
    return response


def test_no_filter_lists_the_17_members_in_document_order(client):
    names = member_names(get(client))
    assert len(names) == 17
    assert names[0] == "熊本市" and names[-1] == "山都町"


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("city", ["熊本市", "宇土市", "宇城市", "阿蘇市", "合志市"]), ("village", ["西原村", "南阿蘇村"])],
)
def test_filter_by_kind(client, kind, expected):
    assert member_names(get(client, kind=kind)) == expected


def test_filter_towns(client):
    assert len(member_names(get(client, kind="town"))) == 10


def test_filter_core_city(client):
    assert member_names(get(client, is_core_city="true")) == ["熊本市"]


@pytest.mark.parametrize(
    "params",
    [{"kind": "metropolis"}, {"kind": "市"}, {"kind": "1" * 500}],
)
def test_invalid_filter_values_give_an_empty_list(client, params):
    response = get(client, **params)
    assert member_names(response) == []
    assert "該当する市町村はありません。" in response.content.decode()


def test_unreadable_boolean_is_ignored(client):
    # A value that is neither true nor false reads as "unknown": the filter is not applied.
    assert len(member_names(get(client, is_core_city="maybe"))) == 17


@pytest.mark.parametrize("page", ["abc", "999999", "-1", "0", "1.5"])
def test_invalid_page_gives_a_valid_page(client, page):
    names = member_names(get(client, kind="town", page=page))
    assert len(names) == 10
