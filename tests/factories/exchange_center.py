"""Factories of the International Center records (3(9)) for tests that need extra rows."""
import datetime

import factory

from exchange.models import Floor, InternationalCenter, Room, UsageCategory, UsageRecord

from .core import DivisionFactory
from .exchange import DIVISION


class InternationalCenterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InternationalCenter
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"テスト国際交流会館{n}")
    purpose = "テスト用の目的。"
    services_description = "テスト用の事業。"
    facilities_description = "テスト用の利用。"
    founder = "熊本市"
    operator = "テスト共同企業体"
    designated_manager_term_start = 2014
    designated_manager_term_end = 2018
    address = "中央区"
    structure = "鉄筋コンクリート"
    floors_above_ground = 3
    floors_below_ground = 1
    site_area_m2 = 100
    total_floor_area_m2 = 200
    opened_on = datetime.date(1994, 9, 1)
    total_construction_cost_yen = 1_000_000
    responsible_division = factory.SubFactory(DivisionFactory, **DIVISION)
    source = "市政概要 3(9)"


class FloorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Floor

    center = factory.SubFactory(InternationalCenterFactory)
    order = factory.Sequence(lambda n: 100 + n)
    label = factory.Sequence(lambda n: f"テスト{n}階")
    source = "市政概要 3(9)"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    floor = factory.SubFactory(FloorFactory)
    order = factory.Sequence(lambda n: 100 + n)
    name = factory.Sequence(lambda n: f"テスト室{n}")
    source = "市政概要 3(9)"


class UsageRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UsageRecord

    center = factory.SubFactory(InternationalCenterFactory)
    fiscal_year = 2016
    category = UsageCategory.HALL
    number_of_users = 1000
    source = "市政概要 3(9)"
