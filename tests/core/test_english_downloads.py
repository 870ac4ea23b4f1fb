"""On the English pages, the downloads read in English; the Japanese pages' files are unchanged.

The open data datasets keep their Japanese (standard) columns from any page, and a JSON
download has the same keys on both pages (the Japanese labels): see ``core.downloads``.
"""
import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.support.downloads import body, read_download

pytestmark = pytest.mark.django_db

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")
FORMAT_KEYS = ["csv", "csv-sjis", "xlsx", "json"]

CITY_HEADERS_JA = [
    "都市名", "英語名", "国・地域", "州・省など", "提携の種類", "提携年月日", "提携年月日(和暦)",
    "海外・国内", "緯度", "経度", "所管課", "出典",
]
CITY_HEADERS_EN = [
    "City", "English name", "Country or region", "State or province", "Kind of affiliation",
    "Affiliation date", "Affiliation date (Japanese era)", "Overseas or domestic",
    "Latitude", "Longitude", "Responsible division", "Source",
]


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def download(client, address, key, **params):
    response = client.get(address, {**params, "format": key})
    assert response.status_code == 200, address
    return read_download(body(response), key)


@pytest.mark.parametrize("key", FORMAT_KEYS)
def test_the_english_city_list_downloads_with_english_headers_and_dates(client, key):
    headers, rows = download(client, url("exchange:city-list", "en"), key)
    if key == "json":
        # The same keys as on the Japanese page: a program reads both the same way.
        assert headers == CITY_HEADERS_JA
        heidelberg = next(row for row in rows if row["英語名"] == "Heidelberg")
        era = heidelberg["提携年月日(和暦)"]
        assert heidelberg["都市名"] == "Heidelberg"
    else:
        assert headers == CITY_HEADERS_EN
        heidelberg = next(row for row in rows if row["English name"] == "Heidelberg")
        era = heidelberg["Affiliation date (Japanese era)"]
        assert heidelberg["City"] == "Heidelberg"
        assert heidelberg["Country or region"] == "Federal Republic of Germany"
        assert heidelberg["Source"].startswith("City of Kumamoto, City Administration Overview")
    # As the English page writes the date: with the era year in brackets.
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4} \((Showa|Heisei|Reiwa) \d+\)", era), era


@pytest.mark.parametrize("key", FORMAT_KEYS)
def test_the_japanese_city_list_download_is_as_it_was(client, key):
    headers, rows = download(client, url("exchange:city-list", "ja"), key)
    assert headers == CITY_HEADERS_JA
    heidelberg = next(row for row in rows if row["英語名"] == "Heidelberg")
    assert heidelberg["都市名"] == "ハイデルベルク市"
    assert heidelberg["提携年月日(和暦)"] == "平成4年(1992年)5月19日"


@pytest.mark.parametrize("key", ["csv", "xlsx"])
def test_english_activities_say_yes_for_a_partial_head_count(client, key):
    headers, rows = download(client, url("exchange:activity-list", "en"), key)
    assert not [label for label in headers if JAPANESE.search(label)]
    partial = [row["Number of people is partial"] for row in rows]
    assert "Yes" in partial and "はい" not in partial
    japanese_headers, japanese_rows = download(client, url("exchange:activity-list", "ja"), key)
    assert "はい" in [row["人数は一部"] for row in japanese_rows]
    assert len(japanese_rows) == len(rows)


PAGE_TABLES = [
    ("exchange:city-detail", {"slug": "heidelberg"}, "milestones"),
    ("exchange:city-detail", {"slug": "heidelberg"}, "activities"),
    ("exchange:anniversary-list", {}, "next"),
    ("exchange:center", {}, "rooms"),
    ("planning:plan", {}, "sectors"),
    ("planning:area", {}, "members"),
    ("planning:area", {}, "figures"),
    ("planning:area", {}, "fields"),
    ("public_relations:index", {}, "tv"),
    ("recovery:index", {}, "staff"),
]


@pytest.mark.parametrize(("name", "kwargs", "table"), PAGE_TABLES, ids=[t for *_, t in PAGE_TABLES])
def test_every_table_of_an_english_page_downloads_with_english_headers(client, name, kwargs, table):
    headers, _ = download(client, url(name, "en", **kwargs), "csv", table=table)
    assert headers and not [label for label in headers if JAPANESE.search(label)], headers
    json_keys, _ = download(client, url(name, "en", **kwargs), "json", table=table)
    japanese_keys, _ = download(client, url(name, "ja", **kwargs), "json", table=table)
    assert json_keys == japanese_keys


@pytest.mark.parametrize("key", ["csv", "json"])
def test_an_open_data_file_is_the_same_from_the_english_pages(client, key):
    # The catalogue's datasets keep their Japanese (standard) columns and values.
    for slug in ("partner-cities", "exchange-activities", "metropolitan-area-members", "event", "open-data"):
        suffix = ".csv" if key == "csv" else ".json"
        japanese = client.get(url("opendata:file", "ja", filename=f"{slug}{suffix}"))
        english = client.get(url("opendata:file", "en", filename=f"{slug}{suffix}"))
        assert english.request["PATH_INFO"].startswith("/en/")
        assert body(english) == body(japanese), slug
