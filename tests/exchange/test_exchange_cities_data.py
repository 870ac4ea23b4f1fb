"""The partner-city fixture matches the document (市政概要 3(1)–(8), 4) and the supplement."""
import datetime
from decimal import Decimal

import pytest

from exchange.models import (
    AffiliationMilestone,
    CityDistance,
    ExchangeActivity,
    ExchangeSection,
    InternationalPolicy,
    PartnerCity,
)

pytestmark = pytest.mark.django_db

# Dated rows of 「最近の主な交流」/「主な交流の経緯」, counted in the document. 高雄市 has 14
# dated rows; its 平成27年2月 row reports two visits (one each way), stored as two records.
ACTIVITIES_PER_CITY = {
    "桂林市": 6,
    "サンアントニオ市": 7,
    "ハイデルベルク市": 9,
    "ローム市": 4,
    "蔚山広域市": 8,
    "エクサンプロヴァンス市": 6,
    "蘇州国家高新区": 5,
    "高雄市": 14,
    "福井市": 6,
}


def test_nine_cities_eight_overseas_one_domestic():
    assert PartnerCity.objects.count() == 9
    assert PartnerCity.objects.overseas().count() == 8
    assert list(PartnerCity.objects.domestic().values_list("name", flat=True)) == ["福井市"]


def test_cities_in_document_order():
    assert list(PartnerCity.objects.values_list("name", flat=True)) == list(ACTIVITIES_PER_CITY)


@pytest.mark.parametrize(("name", "count"), ACTIVITIES_PER_CITY.items())
def test_activities_per_city(name, count):
    assert ExchangeActivity.objects.filter(city__name=name).count() == count


def test_activities_total():
    assert ExchangeActivity.objects.count() == sum(ACTIVITIES_PER_CITY.values()) == 65


def test_kaohsiung_february_2015_row_is_two_visits_one_each_way():
    """The document's one dated row holds a visit to 高雄市 and a visit from it."""
    row = ExchangeActivity.objects.get(city__name="高雄市", date=datetime.date(2015, 2, 1))
    assert row.direction == "exchange_of_visits"
    assert "熊本市長、熊本市訪問団が高雄市を訪問" in row.description
    assert "高雄市副市長、高雄市議会議長ら訪問団が熊本市を訪問" in row.description
    kaohsiung = ExchangeActivity.objects.filter(city__name="高雄市")
    assert row in kaohsiung.with_direction("dispatch")
    assert row in kaohsiung.with_direction("hosting")
    assert row not in kaohsiung.with_direction("invitation")


@pytest.mark.parametrize(
    ("name", "relationship", "date", "precision"),
    [
        ("桂林市", "friendship_city", datetime.date(1979, 10, 1), "day"),
        ("サンアントニオ市", "sister_city", datetime.date(1987, 12, 28), "day"),
        ("ハイデルベルク市", "friendship_city", datetime.date(1992, 5, 19), "day"),
        ("ローム市", "sister_city", datetime.date(2010, 3, 23), "day"),
        ("蔚山広域市", "friendship_and_cooperation_city", datetime.date(2010, 4, 1), "month"),
        ("エクサンプロヴァンス市", "partner_city", datetime.date(2013, 2, 16), "day"),
        ("蘇州国家高新区", "partner_city", datetime.date(2013, 5, 22), "day"),
        ("高雄市", "memorandum_of_understanding", datetime.date(2013, 9, 9), "day"),
        ("福井市", "sister_city", datetime.date(1994, 11, 16), "day"),
    ],
)
def test_relationship_and_affiliation_date(name, relationship, date, precision):
    city = PartnerCity.objects.get(name=name)
    assert city.relationship_type == relationship
    assert city.affiliated_on == date
    assert city.affiliated_on_precision == precision


def test_countries_states_divisions_and_sources():
    cities = {city.name: city for city in PartnerCity.objects.select_related("responsible_division")}
    assert cities["桂林市"].get_country_or_region_display() == "中華人民共和国"
    assert cities["高雄市"].get_country_or_region_display() == "台湾"
    assert cities["サンアントニオ市"].state_or_province == "テキサス州"
    assert cities["ローム市"].state_or_province == "ジョージア州"
    assert cities["蘇州国家高新区"].state_or_province == "江蘇省"
    assert cities["ハイデルベルク市"].state_or_province == ""
    assert {c.responsible_division.name for n, c in cities.items() if n != "福井市"} == {"国際課"}
    assert cities["福井市"].responsible_division.name == "観光政策課"
    assert cities["桂林市"].source == "市政概要 3(1)"
    assert cities["高雄市"].source == "市政概要 3(8)"
    assert cities["福井市"].source == "市政概要 4"


def test_overview_figures_as_the_document_states_them():
    heidelberg = PartnerCity.objects.get(name="ハイデルベルク市")
    assert heidelberg.altitude_m == 116
    assert heidelberg.annual_visitors == 11_900_000  # 年間1,190万人
    assert (heidelberg.population, heidelberg.population_is_approximate) == (150_000, True)
    san_antonio = PartnerCity.objects.get(name="サンアントニオ市")
    assert san_antonio.annual_visitors == 31_000_000 and san_antonio.annual_visitors_is_approximate
    assert (san_antonio.population, san_antonio.population_year) == (1_460_000, 2015)
    rome = PartnerCity.objects.get(name="ローム市")
    assert (rome.population, rome.area_km2, rome.area_is_approximate) == (36_000, Decimal("77.3"), True)
    fukui = PartnerCity.objects.get(name="福井市")
    assert fukui.area_km2 == Decimal("536.41")
    aix = PartnerCity.objects.get(name="エクサンプロヴァンス市")
    assert aix.area_km2 is None and aix.altitude_m is None


def test_english_names_and_coordinates_from_supplement():
    guilin = PartnerCity.objects.get(name="桂林市")
    assert guilin.english_name == "Guilin"
    assert (guilin.latitude, guilin.longitude) == (Decimal("25.2736"), Decimal("110.2900"))
    assert PartnerCity.objects.get(name="サンアントニオ市").longitude == Decimal("-98.4936")
    assert all(c.supplement_source.startswith("補足資料: ") for c in PartnerCity.objects.all())


def test_milestones_of_the_histories():
    guilin = list(AffiliationMilestone.objects.filter(city__name="桂林市").order_by("order"))
    assert [(m.date, m.date_precision) for m in guilin[:2]] == [
        (datetime.date(1979, 7, 1), "month"),  # 昭和54年7月 先遣団
        (datetime.date(1979, 10, 1), "day"),  # 同年10月1日 調印式
    ]
    assert guilin[2].kind == "joint_statement"
    rome = AffiliationMilestone.objects.filter(city__name="ローム市")
    assert rome.get(kind="inheritance").date == datetime.date(2010, 3, 23)
    assert rome.get(kind="covenant").date == datetime.date(1995, 5, 29)
    fukui = AffiliationMilestone.objects.filter(city__name="福井市")
    assert set(fukui.values_list("kind", "date")) == {
        ("covenant", datetime.date(1994, 11, 16)),
        ("memorandum", datetime.date(1995, 2, 17)),
    }
    assert AffiliationMilestone.objects.get(kind="letter_of_intent").date == datetime.date(2012, 9, 1)
    assert AffiliationMilestone.objects.filter(city__name="高雄市", date=datetime.date(2015, 10, 25)).exists()


def test_activity_participant_counts():
    guilin = ExchangeActivity.objects.filter(city__name="桂林市").order_by("order")
    assert [a.participant_count for a in guilin] == [19, None, 14, 32, 10, 60]
    rome_last = ExchangeActivity.objects.get(city__name="ローム市", order=4)
    assert rome_last.participant_count == 8 and rome_last.participant_count_is_partial
    assert all(a.date.day == 1 and a.date_precision == "month" for a in ExchangeActivity.objects.all())


def test_activities_in_fiscal_year():
    # 平成27年度 = 2015-04 … 2016-03: 福井市 has 2015-04, 08, 10, 2016-01, 02 (not 2016-04).
    assert ExchangeActivity.objects.filter(city__name="福井市").in_fiscal_year(2015).count() == 5
    assert 2015 in ExchangeActivity.objects.fiscal_years()


def test_distances():
    aix = CityDistance.objects.filter(city__name="エクサンプロヴァンス市")
    assert set(aix.values_list("reference_place", "direction", "distance_km")) == {
        ("パリ", "南", 750),
        ("マルセイユ", "北", 25),
    }
    assert CityDistance.objects.get(reference_place="上海").distance_is_approximate


def test_section_intro_and_policies():
    overseas = ExchangeSection.objects.get(scope="overseas")
    assert overseas.introduction.startswith("本市は中華人民共和国・桂林市")
    assert overseas.responsible_division.name == "国際課"
    assert ExchangeSection.objects.get(scope="domestic").responsible_division.name == "観光政策課"
    assert set(InternationalPolicy.objects.values_list("name", "fiscal_year")) == {
        ("熊本市国際化指針", 2009),
        ("熊本市東アジア戦略", 2009),
    }


def test_no_full_width_digits_or_glyphs_in_texts():
    texts = [c.affiliation_history + c.overview for c in PartnerCity.objects.all()]
    texts += list(ExchangeActivity.objects.values_list("description", flat=True))
    for text in texts:
        assert not any(ch in text for ch in "０１２３４５６７８９（）╩─⌐")


def test_milestones_quote_the_affiliation_history_word_for_word():
    """A milestone's text is a quotation of its city's 提携までの経緯, never a paraphrase."""
    for milestone in AffiliationMilestone.objects.select_related("city"):
        history = milestone.city.affiliation_history.replace("\n", "")
        assert milestone.description in history, (milestone.city.name, milestone.order)


@pytest.mark.django_db
def test_a_partial_head_count_shows_each_group_the_line_names():
    partial = ExchangeActivity.objects.filter(participant_count_is_partial=True)
    shown = {activity.description: activity.participants_display for activity in partial}
    assert shown == {
        "熊本市青少年交流団(高校生15名)・スポーツ交流団(中学生8名)・役員(6名)を派遣": "高校生15名・中学生8名・役員6名",
        "第6回ローム市中学生訪問団(8名)、随行者(4名)を受入。熊本市・ローム市友好関係に関する合意書に調印。":
            "第6回ローム市中学生訪問団8名・随行者4名",
        "第11回蔚山太和江国際マラソンへ市議会議員3名、職員3名が参加": "市議会議員3名・職員3名",
        "第12回蔚山太和江国際マラソンへ職員3名、市民ランナー1名が参加": "職員3名・市民ランナー1名",
    }
    whole = ExchangeActivity.objects.filter(participant_count=21, participant_count_is_partial=False).first()
    assert whole.participants_display == "21人"
