"""Factories of the partner-city records (for query-count and behaviour tests)."""
import datetime

import factory

from exchange.models import (
    ActivityDirection,
    AffiliationMilestone,
    CityDistance,
    CountryOrRegion,
    ExchangeActivity,
    ExchangeSection,
    InternationalPolicy,
    MilestoneKind,
    PartnerCity,
    RelationshipType,
    Scope,
)
from core.wareki import DatePrecision

from .core import DivisionFactory

DIVISION = {"name": "国際課", "source": "市政概要 3"}


class PartnerCityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerCity

    name = factory.Sequence(lambda n: f"試験市{n}")
    english_name = factory.Sequence(lambda n: f"Test City {n}")
    slug = factory.Sequence(lambda n: f"test-city-{n}")
    scope = Scope.OVERSEAS
    country_or_region = CountryOrRegion.FRANCE
    relationship_type = RelationshipType.PARTNER_CITY
    affiliated_on = datetime.date(2013, 2, 16)
    affiliated_on_precision = DatePrecision.DAY
    heading = factory.LazyAttribute(lambda o: o.name)
    affiliation_history = "経緯の第1段落。\n経緯の第2段落。"
    overview = "概要の段落。"
    latitude = "43.5297"
    longitude = "5.4474"
    supplement_source = "補足資料: テスト"
    responsible_division = factory.SubFactory(DivisionFactory, **DIVISION)
    order = factory.Sequence(lambda n: 100 + n)
    source = "市政概要 3(6)"


class AffiliationMilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AffiliationMilestone

    city = factory.SubFactory(PartnerCityFactory)
    date = datetime.date(2013, 2, 16)
    date_precision = DatePrecision.DAY
    kind = MilestoneKind.AGREEMENT
    description = "協定の調印"
    # 表示順 is a small integer (PostgreSQL smallint): the sequence wraps before 32,767, as a
    # whole run creates more activities than that; one test never makes 32,000 for one city.
    order = factory.Sequence(lambda n: n % 32000 + 1)
    source = "市政概要 3(6)"


class CityDistanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CityDistance

    city = factory.SubFactory(PartnerCityFactory)
    reference_place = factory.Sequence(lambda n: f"地点{n}")
    direction = "南"
    distance_km = 750
    # 表示順 is a small integer (PostgreSQL smallint): the sequence wraps before 32,767, as a
    # whole run creates more activities than that; one test never makes 32,000 for one city.
    order = factory.Sequence(lambda n: n % 32000 + 1)
    source = "市政概要 3(6)"


class ExchangeActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeActivity

    city = factory.SubFactory(PartnerCityFactory)
    date = datetime.date(2015, 5, 1)
    date_precision = DatePrecision.MONTH
    direction = ActivityDirection.DISPATCH
    description = factory.Sequence(lambda n: f"試験の交流{n}")
    participant_count = 10
    # 表示順 is a small integer (PostgreSQL smallint): the sequence wraps before 32,767, as a
    # whole run creates more activities than that; one test never makes 32,000 for one city.
    order = factory.Sequence(lambda n: n % 32000 + 1)
    source = "市政概要 3(6)"


class ExchangeSectionFactory(factory.django.DjangoModelFactory):
    """A section heading (3 or 4): at most one per scope, so at most two in all."""

    class Meta:
        model = ExchangeSection

    scope = Scope.OVERSEAS
    title = "海外都市との交流"
    introduction = "前文の段落。"
    responsible_division = factory.SubFactory(DivisionFactory, **DIVISION)
    source = "市政概要 3"


class InternationalPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InternationalPolicy

    name = factory.Sequence(lambda n: f"試験の方針{n}")
    fiscal_year = 2009
    purpose = "方針の位置付け"
    responsible_division = factory.SubFactory(DivisionFactory, **DIVISION)
    order = factory.Sequence(lambda n: 100 + n)
    source = "市政概要 3"
