"""Feeds and discovery: Atom feeds, iCalendar files, sitemap.xml, robots.txt, <link>s."""
import datetime
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import feedparser
import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from audit.history import history_model
from exchange.models import ExchangeActivity, Floor, InternationalCenter, PartnerCity, Room, UsageRecord

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def get(client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    return response.content


def test_the_activity_feed_is_atom_with_an_entry_per_activity(client):
    body = get(client, reverse("feeds:activities"), "application/atom+xml")
    assert ET.fromstring(body).tag == f"{ATOM}feed"
    feed = feedparser.parse(body)
    assert feed.version == "atom10" and not feed.bozo
    assert len(feed.entries) == ExchangeActivity.objects.count()
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)
    newest = ExchangeActivity.objects.order_by("-date").first()
    assert feed.entries[0].published.startswith(newest.date.isoformat())
    assert newest.description in {entry.summary for entry in feed.entries}


def test_each_activity_entry_links_to_its_row_on_the_city_page(client):
    feed = feedparser.parse(get(client, reverse("feeds:activities"), "application/atom+xml"))
    link = urlparse(feed.entries[0].link)
    page = client.get(link.path).content.decode()
    assert f'id="{link.fragment}"' in page


def test_a_citys_feed_holds_that_citys_activities(client):
    guilin = PartnerCity.objects.get(slug="guilin")
    feed = feedparser.parse(get(client, reverse("feeds:city-activities", args=["guilin"]), "application/atom+xml"))
    assert feed.version == "atom10"
    assert "桂林市" in feed.feed.title
    assert len(feed.entries) == guilin.activities.count() > 0
    assert all(entry.link.split("#")[0].endswith("/partner-cities/guilin/") for entry in feed.entries)
    assert client.get(reverse("feeds:city-activities", args=["nowhere"])).status_code == 404


def test_the_changes_feed_says_what_changed_on_which_page_never_who(client, admin_user):
    city = PartnerCity.objects.get(slug="guilin")
    city.population = 5_000_000
    city.save()
    row = city.history.latest()
    row.history_user = admin_user
    row.save()
    body = get(client, reverse("feeds:changes"), "application/atom+xml")
    feed = feedparser.parse(body)
    assert feed.version == "atom10"
    entry = feed.entries[0]
    assert entry.title == "姉妹・友好都市「桂林市」を更新しました"
    assert "人口" in entry.summary
    assert entry.link.endswith("/partner-cities/guilin/")
    text = body.decode()
    assert admin_user.username not in text and admin_user.email not in text
    assert "<author" not in text


def test_a_deleted_records_change_links_to_a_page_that_exists(client):
    activity = ExchangeActivity.objects.get(city__slug="guilin", order=1)
    activity.delete()
    entry = feedparser.parse(get(client, reverse("feeds:changes"), "application/atom+xml")).entries[0]
    assert "削除しました" in entry.title
    assert client.get(urlparse(entry.link).path).status_code == 200


def test_the_activity_calendar_has_an_event_per_activity_over_its_month(client):
    calendar = Calendar.from_ical(get(client, reverse("feeds:activity-calendar"), "text/calendar"))
    events = calendar.walk("VEVENT")
    assert len(events) == ExchangeActivity.objects.count()
    activity = ExchangeActivity.objects.get(city__slug="guilin", date=datetime.date(2015, 8, 1))
    event = next(e for e in events if str(e["description"]) == activity.description)
    assert event.decoded("dtstart") == datetime.date(2015, 8, 1)
    assert event.decoded("dtend") == datetime.date(2015, 9, 1)  # the whole of 平成27年8月
    assert len({str(e["uid"]) for e in events}) == len(events)


def test_the_anniversary_calendar_holds_each_citys_anniversaries(client):
    calendar = Calendar.from_ical(get(client, reverse("feeds:anniversary-calendar"), "text/calendar"))
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    guilin_40 = events["桂林市 友好都市提携40周年"]
    assert guilin_40.decoded("dtstart") == datetime.date(2019, 10, 1)
    assert "桂林市 友好都市提携5周年" not in events
    assert "ハイデルベルク市 友好都市提携30周年" in events


def sitemap_urls(client):
    root = ET.fromstring(get(client, reverse("feeds:sitemap"), "application/xml"))
    return {
        urlparse(url.find(f"{SITEMAP}loc").text).path: getattr(url.find(f"{SITEMAP}lastmod"), "text", None)
        for url in root.iter(f"{SITEMAP}url")
    }


def test_every_url_of_the_sitemap_answers_200(client):
    urls = sitemap_urls(client)
    assert len(urls) > 10
    for path in urls:
        assert client.get(path).status_code == 200, path


def test_every_public_page_is_in_the_sitemap(client):
    """Crawl the links of the site from the home page; every HTML page found is listed."""
    listed = set(sitemap_urls(client))
    seen, queue, pages = {"/"}, ["/"], set()
    while queue:
        path = queue.pop()
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        pages.add(path)
        for href in re.findall(r'href="([^"]+)"', response.content.decode()):
            link = urlparse(href)
            if link.netloc or not link.path.startswith("/") or link.path.startswith(("/admin/", "/static/")):
                continue
            if link.path not in seen:
                seen.add(link.path)
                queue.append(link.path)
    assert len(pages) > 15
    assert pages - listed == set()


def test_a_pages_last_modification_is_the_latest_change_of_its_records(client):
    for model in (InternationalCenter, Floor, Room, UsageRecord):
        history_model(model).objects.update(history_date=datetime.datetime(2020, 1, 2, 3, 0, tzinfo=datetime.UTC))
    assert sitemap_urls(client)[reverse("exchange:center")] == "2020-01-02"
    room = Room.objects.first()
    room.capacity = 99
    room.save()
    assert sitemap_urls(client)[reverse("exchange:center")] != "2020-01-02"


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    text = get(client, "/robots.txt", "text/plain").decode()
    assert "Disallow: /admin/" in text.splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in text.splitlines()


@pytest.mark.parametrize(
    "page, feed",
    [
        ("/", "/feeds/changes.atom"),
        ("/exchange-activities/", "/feeds/exchange-activities.atom"),
        ("/partner-cities/guilin/", "/feeds/exchange-activities/guilin.atom"),
    ],
)
def test_pages_link_their_feed_in_the_head(client, page, feed):
    head = client.get(page).content.decode().split("</head>")[0]
    assert f'<link rel="alternate" type="application/atom+xml"' in head
    assert f'href="{feed}"' in head


def test_the_catalogues_page_changes_with_the_records_of_every_dataset():
    """The sitemap dates /opendata/ by every public record type: its datasets' among them."""
    from feeds.pages import PUBLIC_PAGES, RECORD_MODELS
    from opendata.datasets import DATASETS

    dataset_models = {model for dataset in DATASETS for model in dataset.models}
    assert dataset_models <= set(PUBLIC_PAGES["opendata:catalog"]) == set(RECORD_MODELS)


def test_every_declared_public_record_type_is_in_the_changes_feed():
    """A model a content app declares public (``<app>.public.RECORDS``) is followed by the
    更新情報 without a change in feeds: the feed reads the declarations, as the API does."""
    from api.urls import RECORDS as API_RECORDS
    from feeds.pages import public_models

    declared = {record.model for record in API_RECORDS}
    assert declared <= set(public_models())


def test_the_api_and_the_sitemap_read_each_content_apps_declaration():
    """A model a content app declares public has its API list, and its pages are in the sitemap."""
    import exchange.public
    import planning.public
    import public_relations.public
    import recovery.public
    from feeds.pages import PUBLIC_PAGES, public_models

    declared = [planning.public, exchange.public, public_relations.public, recovery.public]
    api_models = set()
    for module in declared:
        for record in module.RECORDS:
            url = reverse(f"api:{record.model._meta.model_name}-list")
            assert url == f"/api/v1/{record.api_path}/"
            api_models.add(record.model)
        assert set(module.PAGES) <= set(PUBLIC_PAGES)
    assert set(public_models()) <= api_models
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_the_sitemap_lists_each_page_in_both_languages_naming_its_twin(client):
    root = ET.fromstring(get(client, reverse("feeds:sitemap"), "application/xml"))
    twins = {
        urlparse(url.find(f"{SITEMAP}loc").text).path: {
            link.get("hreflang"): urlparse(link.get("href")).path for link in url.iter(f"{XHTML}link")
        }
        for url in root.iter(f"{SITEMAP}url")
    }
    city = reverse("exchange:city-detail", args=["heidelberg"])
    assert twins[city] == twins["/en" + city] == {"ja": city, "en": "/en" + city, "x-default": city}
    assert twins["/en/anniversaries/"]["ja"] == "/anniversaries/"


def test_the_english_activity_feed_is_in_english_and_links_to_english_pages(client):
    url = reverse("feeds:activities")  # before a request leaves English active
    feed = feedparser.parse(get(client, "/en" + url, "application/atom+xml"))
    assert feed.feed.title == "City of Kumamoto: exchange activities with the partner cities"
    assert feed.entries and all(urlparse(entry.link).path.startswith("/en/partner-cities/") for entry in feed.entries)
    japanese = feedparser.parse(get(client, url, "application/atom+xml"))
    assert japanese.feed.title == "熊本市 姉妹・友好都市との交流の記録"


def test_the_english_anniversary_calendar_names_each_anniversary_in_english(client):
    url = reverse("feeds:anniversary-calendar")  # before a request leaves English active
    calendar = Calendar.from_ical(get(client, "/en" + url, "text/calendar"))
    summaries = {str(event["summary"]) for event in calendar.walk("VEVENT")}
    assert "Guilin: 40th anniversary (Friendship city)" in summaries
    assert not any("周年" in summary for summary in summaries)


# A tag URI (RFC 4151) minted on the domain of the settings: tag:<domain>,<date>:<specific>.
TAG_URI = re.compile(r"^tag:portal\.example\.jp,2026-12-01:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]+$")


def feed_ids(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.version == "atom10" and not feed.bozo
    return feed.feed.id, [entry.id for entry in feed.entries]


def test_feed_and_entry_ids_are_tag_uris_on_the_portals_domain_whatever_the_host(client, settings):
    """Regression: ids were tag:portal.invalid,… (notices), the request's host (changes) or the
    page's address (activities): a feed read by two addresses had every entry twice."""
    from tests.factories.notices import EmergencyNoticeFactory

    settings.PORTAL_SITE_DOMAIN = "portal.example.jp"
    settings.PORTAL_SITE_DOMAIN_DATE = "2026-12-01"
    settings.ALLOWED_HOSTS = ["testserver", "other.example.jp"]
    city = PartnerCity.objects.get(slug="guilin")
    city.population = 5_000_001
    city.save()
    EmergencyNoticeFactory(title="避難所の開設")
    urls = [
        reverse("feeds:activities"),
        reverse("feeds:city-activities", args=["guilin"]),
        reverse("feeds:changes"),
        reverse("feeds:emergency-notices"),
    ]
    for url in urls:
        feed_id, entry_ids = feed_ids(client, url)
        assert TAG_URI.match(feed_id), feed_id
        assert feed_id.endswith(":" + url.lstrip("/"))
        assert entry_ids and all(TAG_URI.match(entry_id) for entry_id in entry_ids), entry_ids[:3]
        assert len(set(entry_ids)) == len(entry_ids)
        # Another host name, another scheme: the same ids.
        assert feed_ids(client, url, HTTP_HOST="other.example.jp", secure=True) == (feed_id, entry_ids)
    _, activities = feed_ids(client, urls[0])
    activity = ExchangeActivity.objects.for_list().first()
    assert activities[0] == f"tag:portal.example.jp,2026-12-01:exchange-activities/{activity.pk}"


def test_an_entry_keeps_its_id_in_the_english_feed_and_the_feed_has_its_own(client, settings):
    settings.PORTAL_SITE_DOMAIN = "portal.example.jp"
    settings.PORTAL_SITE_DOMAIN_DATE = "2026-12-01"
    url = reverse("feeds:activities")  # before a request leaves English active
    japanese_id, japanese_entries = feed_ids(client, url)
    english_id, english_entries = feed_ids(client, "/en" + url)
    assert english_entries == japanese_entries
    assert english_id == "tag:portal.example.jp,2026-12-01:en/feeds/exchange-activities.atom" != japanese_id


def _changes_entry(client, language):
    with translation.override(language):
        url = reverse("feeds:changes")
    return feedparser.parse(get(client, url, "application/atom+xml")).entries[0]


def test_the_english_changes_feed_names_a_translated_field_once_in_english(client):
    city = PartnerCity.objects.get(slug="guilin")
    city.name_en = "Guilin City"
    city.save()
    entry = _changes_entry(client, "en")
    assert entry.title.startswith("Partner cities") or "姉妹" not in entry.title
    assert not re.search(r"[\u3040-\u30ff\u3400-\u9fff]", entry.title.replace("桂林市", ""))
    assert entry.summary == "Fields changed: City"
    assert entry.link.endswith("/en/partner-cities/guilin/")


def test_the_changes_feed_names_a_japanese_name_change_once(client):
    city = PartnerCity.objects.get(slug="guilin")
    city.name = "桂林"  # ``name`` and ``name_ja``: one field to a reader
    city.save()
    summary = _changes_entry(client, "ja").summary
    assert summary == "変更した項目: 都市名"
    english = _changes_entry(client, "en").summary
    assert english == "Fields changed: City" and "name_" not in english
