"""The read-only JSON API (/api/v1/): every public record type, filters, methods, limits."""
import json
from urllib.parse import quote, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from openapi_spec_validator import validate

from api.serializers import source_fields
from api.urls import RECORDS
from core.models import content_models
from exchange.models import ExchangeActivity, ExchangeSection, PartnerCity, Scope
from recovery.models import Earthquake
from tests.factories.exchange import ExchangeSectionFactory
from tests.factories.registry import grow

pytestmark = pytest.mark.django_db

ROOT = "/api/v1/"
CONTENT_APPS = {"planning", "exchange", "public_relations", "recovery"}
LIST_URLS = [ROOT + record.api_path + "/" for record in RECORDS]


def model_of(url):
    return resolve(urlparse(url).path).func.cls.queryset.model


def get_json(client, url, status=200, **extra):
    response = client.get(url, **extra)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_every_model_of_the_content_apps_has_a_list():
    listed = {model_of(url) for url in LIST_URLS}
    public = {model for model in content_models() if model._meta.app_label in CONTENT_APPS}
    assert listed == public


def test_the_root_lists_every_list_and_nothing_staff_only(client):
    root = get_json(client, ROOT)
    assert sorted(urlparse(url).path for url in root.values()) == sorted(LIST_URLS)
    for staff_only in ("user", "histor", "batch", "admin", "core/"):
        assert not any(staff_only in name for name in root)


@pytest.mark.parametrize("url", LIST_URLS)
def test_each_list_holds_every_record_and_each_record_its_detail(client, url):
    model = model_of(url)
    page = get_json(client, url + "?page_size=1000")
    assert page["count"] == model._default_manager.count() == len(page["results"])
    fields = [field for field in model._meta.concrete_fields if field.name not in ("id", "version")]
    public = {"api_url"} | {field.name for field in fields} | {f"{f.name}_label" for f in fields if f.choices}
    public |= {f"{name}_section" for name in source_fields(model)}
    for row in page["results"][:3]:
        assert set(row) == public  # the record's own fields: no version, history or user
        assert get_json(client, row["api_url"]) == row


def test_a_city_by_its_slug_with_labels_parents_and_division_by_name(client):
    city = get_json(client, ROOT + "exchange/partner-cities/guilin/")
    assert city["name"] == "桂林市"
    assert city["affiliated_on"] == "1979-10-01"
    assert city["relationship_type_label"] == "友好都市"
    assert city["responsible_division"] == "国際課"
    assert city["api_url"].endswith("/api/v1/exchange/partner-cities/guilin/")
    activity = get_json(client, ROOT + "exchange/activities/?city=guilin&page_size=1")["results"][0]
    assert activity["city"] == city["api_url"]


def test_a_record_by_its_japanese_natural_key(client):
    earthquake = Earthquake.objects.first()
    row = get_json(client, ROOT + "recovery/earthquakes/" + quote(earthquake.name) + "/")
    assert row["name"] == earthquake.name
    get_json(client, ROOT + "exchange/partner-cities/no-such-city/", status=404)


@pytest.mark.parametrize(
    "page_url, api_url, key",
    [
        ("/exchange-activities/?city=guilin&fiscal_year=2015", "exchange/activities/?city=guilin&fiscal_year=2015", "description"),
        ("/exchange-activities/?direction=dispatch", "exchange/activities/?direction=dispatch", "description"),
        ("/partner-cities/?country_or_region=china", "exchange/partner-cities/?country_or_region=china", "name"),
        ("/partner-cities/?scope=domestic", "exchange/partner-cities/?scope=domestic", "name"),
        ("/metropolitan-area/members/?kind=town", "planning/member-municipalities/?kind=town", "name"),
        ("/public-relations/programmes/?medium=radio", "public-relations/programmes/?medium=radio", "title"),
    ],
)
def test_lists_filter_as_the_public_pages_do(client, page_url, api_url, key):
    page = client.get(page_url)
    shown = [getattr(record, key) for record in page.context["filter"].qs]
    rows = get_json(client, ROOT + api_url + "&page_size=1000")["results"]
    assert shown  # the filter keeps some rows and drops others
    assert len(shown) < page.context["filter"].queryset.count()
    assert [row[key] for row in rows] == shown


def test_an_invalid_filter_is_a_400_in_japanese(client):
    errors = get_json(client, ROOT + "exchange/activities/?fiscal_year=abc&city=nowhere", status=400)
    assert set(errors) == {"fiscal_year", "city"}
    assert "選択" in json.dumps(errors, ensure_ascii=False)


def test_pages_of_a_list(client):
    total = ExchangeActivity.objects.count()
    first = get_json(client, ROOT + "exchange/activities/?page_size=10")
    second = get_json(client, first["next"])
    assert first["count"] == total and len(first["results"]) == 10
    assert not {row["api_url"] for row in first["results"]} & {row["api_url"] for row in second["results"]}
    get_json(client, ROOT + "exchange/activities/?page=999", status=404)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", [ROOT + "exchange/partner-cities/", ROOT + "exchange/partner-cities/guilin/"])
def test_only_get_is_allowed(client, method, url):
    before = PartnerCity.objects.get(slug="guilin").name
    response = getattr(client, method)(url, data={"name": "変更"}, content_type="application/json")
    assert response.status_code == 405
    assert "GET" in response["Allow"] and "POST" not in response["Allow"]
    assert PartnerCity.objects.get(slug="guilin").name == before


def test_staff_read_what_anyone_reads(client, admin_client):
    url = ROOT + "exchange/partner-cities/guilin/"
    assert get_json(admin_client, url) == get_json(client, url)


def test_any_origin_may_read_the_api_and_only_the_api(client):
    response = client.get(ROOT + "exchange/partner-cities/", headers={"Origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        ROOT + "exchange/partner-cities/",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 200
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    page = client.get("/partner-cities/", headers={"Origin": "https://example.org"})
    assert "Access-Control-Allow-Origin" not in page


def test_the_61st_request_in_a_minute_is_a_429_with_retry_after(client):
    url = ROOT + "exchange/sections/"
    for _ in range(60):
        assert client.get(url, REMOTE_ADDR="192.0.2.1").status_code == 200
    refused = client.get(url, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert client.get(url, REMOTE_ADDR="192.0.2.2").status_code == 200  # another address


@pytest.mark.parametrize("url", [url for url in LIST_URLS if model_of(url) is not ExchangeSection])
def test_a_list_takes_as_many_queries_for_1000_rows_as_for_10(client, django_assert_num_queries, url):
    model = model_of(url)
    grow(model, 10)
    with CaptureQueriesContext(connection) as ten:
        assert len(get_json(client, url + "?page_size=1000")["results"]) >= 10
    grow(model, 990)
    with django_assert_num_queries(len(ten.captured_queries)):
        assert len(get_json(client, url + "?page_size=1000")["results"]) == 1000


def test_the_sections_take_as_many_queries_for_2_as_for_1(client, django_assert_num_queries):
    # One section per scope (3 overseas, 4 domestic): never more than two rows.
    url = ROOT + "exchange/sections/"
    ExchangeSection.objects.all().delete()
    ExchangeSectionFactory(scope=Scope.OVERSEAS)
    with CaptureQueriesContext(connection) as one:
        assert len(get_json(client, url)["results"]) == 1
    ExchangeSectionFactory(scope=Scope.DOMESTIC)
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(get_json(client, url)["results"]) == 2


def test_the_schema_is_valid_openapi_3(client):
    schema = get_json(client, reverse("api:schema") + "?format=json", HTTP_ACCEPT="application/json")
    assert schema["openapi"].startswith("3.")
    validate(schema)
    paths = set(schema["paths"])
    for url in LIST_URLS:
        assert url in paths
    assert not any(method in operations for operations in schema["paths"].values() for method in ("post", "put", "patch", "delete"))


def test_the_docs_page_renders_the_schema_without_script(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script" not in html and "style=" not in html and "<style" not in html
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    for url in LIST_URLS:
        assert f"GET {url}" in html
    assert "姉妹・友好都市の一覧" in html and "都市名" in html


def test_api_redirects_to_the_docs(client):
    response = client.get("/api/")
    assert response.status_code == 302 and response["Location"] == reverse("api:docs")


def test_sources_read_as_citizens_cite_them_with_the_section_beside(client):
    """Regression: the API gave 出典 in the staff's form (「市政概要 3(1)」, 「補足資料: … (SUPPLEMENT.md)」)."""
    city = get_json(client, ROOT + "exchange/partner-cities/guilin/")
    assert PartnerCity.objects.get(slug="guilin").source == "市政概要 3(1)"
    assert city["source"] == "熊本市『市政概要』平成28年度版 3(1)"
    assert city["source_section"] == "3(1)"
    assert city["supplement_source"] == "各都市が用いる英語名と、市の中心のおよその緯度・経度(世界測地系)"
    assert city["supplement_source_section"] is None
    english = get_json(client, "/en" + ROOT + "exchange/partner-cities/guilin/")
    assert english["source"] == "City of Kumamoto, City Administration Overview (FY2016 edition) 3(1)"
    assert english["source_section"] == "3(1)"


@pytest.mark.parametrize("url", LIST_URLS)
def test_no_list_gives_a_source_in_the_staffs_form(client, url):
    import re

    staff_form = re.compile(r"(^|[^』])市政概要 \d|補足資料: |\.md\b|\.txt\b")
    for row in get_json(client, url + "?page_size=1000")["results"]:
        for name in source_fields(model_of(url)):
            assert row[name] and not staff_form.search(row[name]), (url, name, row[name])


def test_the_schema_describes_sources_in_citizens_words_and_their_section(client):
    schema = get_json(client, reverse("api:schema") + "?format=json", HTTP_ACCEPT="application/json")
    city = schema["components"]["schemas"]["PartnerCity"]["properties"]
    assert "市民が引用する形" in city["source"]["description"]
    assert city["source_section"]["nullable"] is True and "3(1)" in city["source_section"]["description"]
    assert city["source_section"]["readOnly"] is True
