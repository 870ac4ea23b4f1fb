"""The open data: standard datasets hold their standard's columns, the catalogue and its DCAT."""
import datetime
import json
import re
from pathlib import Path

import pytest
from django.urls import reverse
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from audit.history import history_model
from exchange.models import ExchangeActivity, InternationalCenter, PartnerCity
from tests.support.downloads import body, read_download

STANDARDS = Path(__file__).resolve().parents[2] / "opendata" / "standards"
FORMAT_KEYS = ["csv", "csv-sjis", "xlsx", "json"]
SUFFIXES = {"csv": ".csv", "csv-sjis": "-sjis.csv", "xlsx": ".xlsx", "json": ".json"}
# Every dataset the catalogue must list: file name → title.
DATASETS = {
    "event": "イベント一覧",
    "public-facility": "公共施設一覧",
    "open-data": "オープンデータ一覧",
    "partner-cities": "姉妹・友好都市一覧",
    "exchange-activities": "国際交流の記録",
    "international-center-usage": "国際交流会館の利用状況",
    "metropolitan-area-members": "連携中枢都市圏の構成市町村",
    "broadcast-programmes": "広報番組一覧",
    "affiliation-milestones": "姉妹・友好都市との提携の歩み",
    "international-center-rooms": "国際交流会館の主要施設",
    "plan-sector-policies": "総合計画の分野別施策",
    "metropolitan-area-policy-fields": "連携中枢都市圏の取組と政策分野",
    "publications": "広報刊行物一覧",
    "recovery-department-divisions": "復興部の部署と業務概要",
}


def download(client, slug, key="csv"):
    response = client.get(f"/opendata/{slug}{SUFFIXES[key]}")
    assert response.status_code == 200, (slug, key)
    return read_download(body(response), key)


def standard(name):
    return json.loads((STANDARDS / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.django_db
@pytest.mark.parametrize("key", FORMAT_KEYS)
@pytest.mark.parametrize("slug,name", [
    ("event", "event"), ("public-facility", "public_facility"), ("open-data", "open_data"),
])
def test_standard_dataset_has_exactly_the_standards_columns_in_order(client, slug, name, key):
    spec = standard(name)
    assert spec["source"] and spec["columns"]
    headers, rows = download(client, slug, key)
    if key == "json":  # JSON keys are the columns; an object keeps their order
        assert rows
    assert headers == spec["columns"]


@pytest.mark.django_db
@pytest.mark.parametrize("slug", [slug for slug in DATASETS])
def test_every_dataset_names_kumamoto_city_first(client, slug):
    headers, rows = download(client, slug)
    assert headers[:4] == ["都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名"]
    assert rows
    for row in rows:
        assert (row["都道府県コード又は市区町村コード"], row["都道府県名"], row["市区町村名"]) == (
            "431001", "熊本県", "熊本市",
        )
    numbers = [row["NO"] for row in rows]
    assert all(numbers) and len(set(numbers)) == len(numbers)


@pytest.mark.django_db
def test_event_list_has_one_event_per_activity_with_the_months_first_and_last_day(client):
    _, rows = download(client, "event")
    assert len(rows) == ExchangeActivity.objects.count()
    activity = ExchangeActivity.objects.get(city__slug="guilin", date=datetime.date(2016, 2, 1))
    row = next(row for row in rows if row["NO"] == str(activity.pk))
    assert (row["開始日"], row["終了日"]) == ("2016-02-01", "2016-02-29")
    assert row["説明"] == activity.description
    assert "年月のみ" in row["開始日時特記事項"]
    # Required by the standard, not given by the document: left empty, never made up.
    for column in ("イベント名_カナ", "開始時間", "終了時間", "場所名称", "住所"):
        assert all(r[column] == "" for r in rows), column
    for column in ("イベント名", "開始日", "終了日", "説明"):
        assert all(r[column] for r in rows), column


@pytest.mark.django_db
def test_public_facility_list_is_the_international_center(client):
    _, rows = download(client, "public-facility")
    assert len(rows) == InternationalCenter.objects.count() == 1
    (row,) = rows
    assert row["名称"] == "熊本市国際交流会館"
    assert row["住所"] == "熊本県熊本市中央区花畑町4番18号"
    assert row["団体名"] == "熊本市国際交流会館共同企業体"
    assert "国際交流の場" in row["説明"]
    assert row["名称_カナ"] == "" and row["利用可能曜日"] == ""


@pytest.mark.django_db
def test_partner_city_list_has_clairs_fields(client):
    headers, rows = download(client, "partner-cities")
    for column in ("提携年月日", "提携の種類", "国・地域", "州・省", "英語名", "緯度", "経度"):
        assert column in headers
    guilin = next(row for row in rows if row["提携先名称"] == "桂林市")
    assert guilin["英語名"] == "Guilin"
    assert guilin["提携年月日"] == "1979-10-01"
    assert guilin["提携年月日(和暦)"] == "昭和54年(1979年)10月1日"
    assert guilin["国・地域"] == "中華人民共和国"
    assert len(rows) == PartnerCity.objects.count()


@pytest.mark.django_db
def test_center_usage_has_one_row_per_fiscal_year_with_its_total(client):
    _, rows = download(client, "international-center-usage")
    row = next(row for row in rows if row["年度"] == "2015")
    assert row["年度(和暦)"] == "平成27年度(2015年度)"
    parts = [int(row[c]) for c in ("ホール(人)", "会議室等(人)", "サポートセンター(人)")]
    assert sum(parts) == int(row["合計(人)"])


@pytest.mark.django_db
def test_catalogue_lists_every_dataset_with_licence_division_date_and_count(client):
    response = client.get(reverse("opendata:catalog"))
    html = response.content.decode()
    _, catalogue = download(client, "open-data")
    assert sorted(row["データ名称"] for row in catalogue) == sorted(DATASETS.values())
    for slug, title in DATASETS.items():
        assert f'id="{slug}"' in html and title in html
        _, rows = download(client, slug)
        entry = next(e for e in response.context["entries"] if e.slug == slug)
        assert entry.count == len(rows), slug
        assert f"{len(rows)}件" in html
        for key, suffix in SUFFIXES.items():
            assert f'href="/opendata/{slug}{suffix}"' in html
    assert "CC BY 4.0" in html and "政府標準利用規約(第2.0版)" in html
    row = next(row for row in catalogue if row["データ名称"] == "姉妹・友好都市一覧")
    assert row["ライセンス"] == "CC BY 4.0"
    assert "国際課" in row["備考"] and "観光政策課" in row["備考"]
    assert row["URL"] == "http://testserver/opendata/#partner-cities"


@pytest.mark.django_db
def test_last_modified_is_the_latest_change_in_the_audit_trail(client):
    city = PartnerCity.objects.get(slug="guilin")
    city.state_or_province = "広西チワン族自治区"
    city.save()
    latest = history_model(PartnerCity).objects.latest("history_date").history_date
    _, catalogue = download(client, "open-data")
    row = next(row for row in catalogue if row["データ名称"] == "姉妹・友好都市一覧")
    assert row["最終更新日"] == latest.astimezone(datetime.timezone(datetime.timedelta(hours=9))).date().isoformat()
    entry = next(e for e in client.get("/opendata/").context["entries"] if e.slug == "partner-cities")
    assert entry.last_modified == latest


@pytest.mark.django_db
def test_every_page_links_the_catalogue_in_its_footer(client):
    for url in ("/", reverse("exchange:city-list"), reverse("recovery:index")):
        assert 'href="/opendata/">オープンデータ' in client.get(url).content.decode()


DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")


@pytest.mark.django_db
def test_dcat_catalogue_reads_as_json_ld_with_the_dcat_context(client, monkeypatch):
    def refuse_remote(request):
        raise AssertionError(f"the DCAT document fetched {request.full_url}: its context must be embedded")

    monkeypatch.setattr("rdflib.parser._urlopen", refuse_remote)
    response = client.get(reverse("opendata:dcat"))
    assert response["Content-Type"].startswith("application/ld+json")
    # A JSON-LD processor turns the document into RDF: the DCAT terms must come out as
    # DCAT IRIs (a context that did not define them would leave no such triples).
    graph = Graph().parse(data=response.content, format="json-ld")
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    datasets = list(graph.objects(catalog, DCAT.dataset))
    assert len(datasets) == len(DATASETS)
    titles = set()
    for dataset in datasets:
        assert (dataset, RDF.type, DCAT.Dataset) in graph
        titles.add(str(graph.value(dataset, DCT.title)))
        assert graph.value(dataset, DCT.title).language == "ja"
        assert (dataset, DCT.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) in graph
        assert isinstance(graph.value(dataset, DCT.modified), Literal)
        distributions = list(graph.objects(dataset, DCAT.distribution))
        assert len(distributions) == len(FORMAT_KEYS)
        for distribution in distributions:
            assert (distribution, RDF.type, DCAT.Distribution) in graph
            url = graph.value(distribution, DCAT.downloadURL)
            assert isinstance(url, URIRef)
            assert client.get(str(url).removeprefix("http://testserver")).status_code == 200
    assert titles == set(DATASETS.values())


@pytest.mark.django_db
def test_unknown_dataset_file_is_a_404(client):
    assert client.get("/opendata/nothing.csv").status_code == 404
    assert client.get("/opendata/event.pdf").status_code == 404
    assert client.get("/opendata/event-sjis.csv").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/opendata/event.csv", "/opendata/event.xlsx", "/opendata/", "/opendata/catalog.jsonld"])
def test_query_count_is_the_same_for_10_and_1000_more_events(client, django_assert_num_queries, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.exchange import ExchangeActivityFactory, PartnerCityFactory

    city = PartnerCityFactory()
    ExchangeActivity.objects.bulk_create(ExchangeActivityFactory.build_batch(10, city=city))
    with CaptureQueriesContext(connection) as queries:
        body(client.get(url))
    built = ExchangeActivityFactory.build_batch(990, city=city)
    ExchangeActivity.objects.bulk_create(built)
    with django_assert_num_queries(len(queries)):
        content = body(client.get(url))
    if url.endswith(".csv"):
        assert len(read_download(content, "csv")[1]) == ExchangeActivity.objects.count()


# A dataset of a page's table: its page, the table's name there (None: the page's main table).
PAGE_TABLES = {
    "affiliation-milestones": (reverse("exchange:city-detail", args=["guilin"]), "milestones"),
    "international-center-rooms": (reverse("exchange:center"), "rooms"),
    "plan-sector-policies": (reverse("planning:plan"), "sectors"),
    "metropolitan-area-policy-fields": (reverse("planning:area"), "fields"),
    "publications": (reverse("public_relations:index"), None),
    "recovery-department-divisions": (reverse("recovery:index"), None),
}


@pytest.mark.django_db
@pytest.mark.parametrize("slug", PAGE_TABLES)
def test_dataset_of_a_page_table_holds_the_pages_rows_and_values(client, slug):
    url, name = PAGE_TABLES[slug]
    query = f"table={name}&format=csv" if name else "format=csv"
    page_headers, page_rows = read_download(body(client.get(f"{url}?{query}")), "csv")
    headers, rows = download(client, slug)
    assert set(page_headers) <= set(headers)
    if slug == "affiliation-milestones":  # every city's; the page has one city's
        rows = [row for row in rows if row["都市"] == page_rows[0]["都市"]]
    assert page_rows
    assert [{label: row[label] for label in page_headers} for row in rows] == page_rows


@pytest.mark.django_db
def test_every_event_name_is_its_city_and_the_documents_line_and_reads_well(client):
    """イベント名 of every fixture activity: with whom, then the document's line, one line."""
    _, rows = download(client, "event")
    activities = {a.pk: a for a in ExchangeActivity.objects.select_related("city")}
    assert len(rows) == len(activities) > 60
    for row in rows:
        activity = activities[int(row["NO"])]
        name = row["イベント名"]
        assert name.startswith(f"{activity.city.name}との交流: "), name
        # Every line of the document's text is in it, in its order, and nothing else.
        lines = [line.strip() for line in activity.description.splitlines() if line.strip()]
        assert name.removeprefix(f"{activity.city.name}との交流: ").replace("。", "") == "".join(lines).replace("。", "")
        assert "None" not in name and "\n" not in name and "  " not in name and " :" not in name
        assert not re.search(r"([。、:・/])\1|\(\)|\)\)|。[、。)]", name), name
    split = next(row for row in rows if "高雄市副市長" in row["イベント名"])
    assert "高雄市を訪問。高雄市副市長" in split["イベント名"]


@pytest.mark.django_db
@pytest.mark.parametrize("key", FORMAT_KEYS)
def test_a_description_that_looks_like_a_formula_is_text_in_every_format(client, key):
    """Regression: イベント一覧's CSV wrote =HYPERLINK(…) as it is, a live link in Excel."""
    from tests.factories.exchange import ExchangeActivityFactory

    link = '=HYPERLINK("http://example.com/","詳しくはこちら")'
    activity = ExchangeActivityFactory(city=PartnerCity.objects.get(slug="guilin"), description=link)
    _, rows = download(client, "event", key)
    row = next(row for row in rows if row["NO"] == str(activity.pk))
    quoted = "'" if key in ("csv", "csv-sjis") else ""
    assert row["説明"] == quoted + link
    assert row["イベント名"] == f"桂林市との交流: {link}"  # not first: no guard needed


@pytest.mark.django_db
def test_sources_in_the_datasets_read_as_a_citizen_cites_them(client):
    """出典 as the pages give it (熊本市『市政概要』平成28年度版 3(1)), never 「市政概要 3(1)」 or a file."""
    for slug in DATASETS:
        headers, rows = download(client, slug)
        for row in rows:
            for label, value in row.items():
                if "出典" in label or label == "備考":
                    assert not re.search(r"(^|[^』])市政概要 \d|補足資料: |\.md\b|\.txt\b", value), (slug, label, value)
    _, events = download(client, "event")
    assert all("出典: 熊本市『市政概要』平成28年度版 " in row["備考"] for row in events)
    _, cities = download(client, "partner-cities")
    guilin = next(row for row in cities if row["提携先名称"] == "桂林市")
    assert guilin["英語名・位置の出典"] == "各都市が用いる英語名と、市の中心のおよその緯度・経度(世界測地系)"


@pytest.mark.django_db
def test_the_english_catalogue_counts_rows_not_activities(client):
    # The row count once borrowed the activity chart's unit: 「Rows 9 activities」 for the
    # partner cities.
    html = client.get("/en/opendata/").content.decode()
    cities = PartnerCity.objects.count()
    assert f"{cities} rows" in html
    assert "1 row" in html  # the International Center, one facility
    assert "activities</dd>" not in html and "activity</dd>" not in html
