"""Every list reads its page through an index: no full scan followed by a sort.

The tables are filled with a few thousand rows and analysed (``ANALYZE``), so that the
database's planner chooses as it would for a large portal, then each list's main query, as
its page or changelist runs it (first page), is explained on SQLite and PostgreSQL alike.
A plan that reads the whole table and sorts it costs more with every row added.
"""
import datetime
import re

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory

from exchange.filters import ExchangeActivityFilter
from exchange.models import ActivityDirection, ExchangeActivity, PartnerCity
from planning.models import MemberMunicipality
from public_relations.models import BroadcastProgramme
from tests.factories.exchange import ExchangeActivityFactory, PartnerCityFactory
from tests.factories.planning import MemberMunicipalityFactory
from tests.factories.public_relations import BroadcastProgrammeFactory

pytestmark = pytest.mark.django_db

ROWS = 2000
DIRECTIONS = list(ActivityDirection)
PAGE = 20


@pytest.fixture
def many_rows():
    first = PartnerCityFactory()
    cities = PartnerCity.objects.bulk_create(
        PartnerCityFactory.build(responsible_division=first.responsible_division) for _ in range(200)
    )
    ExchangeActivity.objects.bulk_create(
        ExchangeActivityFactory.build(
            city=cities[n % len(cities)], order=1000 + n, date=datetime.date(1990 + n % 30, 1 + n % 12, 1),
            direction=DIRECTIONS[n % len(DIRECTIONS)],
        )
        for n in range(ROWS)
    )
    programme = BroadcastProgrammeFactory()
    BroadcastProgramme.objects.bulk_create(
        BroadcastProgrammeFactory.build(
            broadcaster=programme.broadcaster, responsible_division=programme.responsible_division,
            title=f"多数の番組{n}", order=n,
        )
        for n in range(ROWS)
    )
    member = MemberMunicipalityFactory(order=1, name="基準町")
    MemberMunicipality.objects.bulk_create(
        MemberMunicipalityFactory.build(area=member.area, name=f"多数町{n}", order=5000 + n)
        for n in range(ROWS)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def full_scan_and_sort(plan: str, table: str) -> bool:
    """Whether ``plan`` reads all of ``table`` without an index and then sorts the rows."""
    if connection.vendor == "sqlite":
        scanned = re.search(rf"SCAN {table}(?! USING)", plan)
        return bool(scanned) and "USE TEMP B-TREE FOR ORDER BY" in plan
    scanned = f"Seq Scan on {table}" in plan
    sorted_ = any(re.search(r"(?<!Incremental )Sort\b", line) and "Sort Key" not in line
                  and "Sort Method" not in line for line in plan.splitlines())
    return scanned and sorted_


def _explain(queryset):
    return queryset[:PAGE].explain()


def _filtered(data):
    return ExchangeActivityFilter(data, queryset=ExchangeActivity.objects.for_list()).qs


PUBLIC_LISTS = {
    "交流の記録": lambda: ExchangeActivity.objects.for_list(),
    "交流の記録(都市)": lambda: _filtered({"city": PartnerCity.objects.order_by("pk").last().slug}),
    "交流の記録(年度)": lambda: _filtered({"fiscal_year": "2005"}),
    "交流の記録(種類)": lambda: _filtered({"direction": "hosting"}),
    "姉妹・友好都市": lambda: PartnerCity.objects.for_list(),
    "連携中枢都市圏の市町村": lambda: MemberMunicipality.objects.select_related("area"),
    "テレビ・ラジオ番組": lambda: BroadcastProgramme.objects.for_listing(),
}


@pytest.mark.parametrize("name", PUBLIC_LISTS)
def test_each_public_list_reads_its_first_page_through_an_index(many_rows, name):
    queryset = PUBLIC_LISTS[name]()
    plan = _explain(queryset)
    assert not full_scan_and_sort(plan, queryset.model._meta.db_table), plan


@pytest.mark.parametrize("model", [ExchangeActivity, PartnerCity, MemberMunicipality, BroadcastProgramme])
def test_each_admin_changelist_reads_its_first_page_through_an_index(many_rows, admin_user, model):
    request = RequestFactory().get("/")
    request.user = admin_user
    changelist = admin.site._registry[model].get_changelist_instance(request)
    plan = _explain(changelist.queryset)
    assert not full_scan_and_sort(plan, model._meta.db_table), plan


def test_the_check_finds_a_full_scan_and_sort(many_rows):
    # An ordering no index serves: the check above must be able to fail.
    plan = _explain(ExchangeActivity.objects.order_by("description"))
    assert full_scan_and_sort(plan, ExchangeActivity._meta.db_table), plan
