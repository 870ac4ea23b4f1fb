"""緊急情報: switched on in the admin, it tops every public page at once; it ends on time."""
import datetime
import re

import feedparser
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from notices.models import EmergencyNotice, NoticeLevel
from notices.roles import NOTICE_GROUP
from tests.factories.notices import EmergencyNoticeFactory
from tests.factories.users import UserFactory, setup_roles, staff_of

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    reverse("home"),
    reverse("planning:plan"),
    reverse("planning:area"),
    reverse("exchange:city-list"),
    reverse("exchange:activity-list"),
    reverse("exchange:center"),
    reverse("public_relations:index"),
    reverse("recovery:index"),
    "/no-such-page/",
]
ADD_URL = reverse("admin:notices_emergencynotice_add")


def _text(response):
    return response.content.decode()


def _notice_form(**values):
    now = timezone.localtime()
    return {
        "level": "disaster", "title": "地震による断水", "text": "東区で断水しています。", "link": "",
        "starts_at_0": now.strftime("%Y-%m-%d"), "starts_at_1": now.strftime("%H:%M:%S"),
        "ends_at_0": "", "ends_at_1": "", **values,
    }


def test_a_notice_saved_in_the_admin_tops_every_public_page_on_the_next_request(admin_client, client):
    assert 'class="emergency-notices"' not in _text(client.get(reverse("home")))

    response = admin_client.post(ADD_URL, _notice_form())

    assert response.status_code == 302, response.context["adminform"].form.errors
    for url in PUBLIC_PAGES:
        page = _text(client.get(url))
        assert "地震による断水" in page and "東区で断水しています。" in page, url
        # Above the site header, in one alert region, its level in words.
        assert page.index("地震による断水") < page.index('class="site-header"'), url
        assert page.count('role="alert"') == 1, url
        assert re.search(r'emergency-notice__level">災害</span>\s*<span>地震による断水', page), url


def test_a_notice_shows_from_its_start_until_its_end(client):
    start = timezone.make_aware(datetime.datetime(2026, 12, 2, 9, 0))
    EmergencyNoticeFactory(title="給水所の開設", starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    for moment, shown in [("2026-12-02 08:59", False), ("2026-12-02 09:00", True),
                          ("2026-12-02 11:59", True), ("2026-12-02 12:00", False)]:
        with freeze_time(timezone.make_aware(datetime.datetime.fromisoformat(moment))):
            assert ("給水所の開設" in _text(client.get(reverse("home")))) is shown, moment


def test_the_most_urgent_notice_comes_first_and_the_link_names_its_notice(client):
    EmergencyNoticeFactory(level=NoticeLevel.INFO, title="窓口の時間変更", link="")
    EmergencyNoticeFactory(level=NoticeLevel.DISASTER, title="避難所の開設")
    page = _text(client.get(reverse("home")))
    assert page.index("避難所の開設") < page.index("窓口の時間変更")
    assert "詳しくはこちら<span class=\"visually-hidden\">（避難所の開設）</span>" in page
    assert page.count("詳しくはこちら") == 1  # no link when none is given


def test_an_end_before_the_start_is_refused_in_japanese_and_nothing_is_saved(admin_client):
    response = admin_client.post(ADD_URL, _notice_form(ends_at_0="2000-01-01", ends_at_1="00:00:00"))
    assert response.status_code == 200
    assert "掲出終了は掲出開始より後の日時にしてください。" in _text(response)
    assert not EmergencyNotice.objects.exists()


def test_only_the_notice_group_and_superusers_may_publish(client):
    setup_roles()
    clerk = staff_of("国際課")
    client.force_login(clerk)
    assert client.get(ADD_URL).status_code == 403
    assert client.post(ADD_URL, _notice_form()).status_code == 403
    assert not EmergencyNotice.objects.exists()

    publisher = UserFactory(username="kinkyu")
    publisher.groups.add(Group.objects.get(name=NOTICE_GROUP))
    client.force_login(publisher)
    assert client.post(ADD_URL, _notice_form()).status_code == 302
    assert EmergencyNotice.objects.get().title == "地震による断水"


def test_every_change_of_a_notice_is_in_its_history(admin_client, admin_user):
    admin_client.post(ADD_URL, _notice_form())
    notice = EmergencyNotice.objects.get()
    change = reverse("admin:notices_emergencynotice_change", args=[notice.pk])
    admin_client.post(change, _notice_form(title="地震による断水(続報)"))
    rows = list(notice.history.order_by("history_date").values_list("history_type", "title", "history_user"))
    assert rows == [("+", "地震による断水", admin_user.pk), ("~", "地震による断水(続報)", admin_user.pk)]
    history = _text(admin_client.get(reverse("admin:notices_emergencynotice_history", args=[notice.pk])))
    assert "地震による断水(続報)" in history


def test_the_history_reads_in_japanese_with_times_in_wareki_and_each_change_once(admin_client):
    admin_client.post(ADD_URL, _notice_form(starts_at_0="令和8年12月2日", starts_at_1="10:00"))
    notice = EmergencyNotice.objects.get()
    change = reverse("admin:notices_emergencynotice_change", args=[notice.pk])
    admin_client.post(change, _notice_form(title="続報", starts_at_0="令和8年12月2日", starts_at_1="11:00"))
    history = _text(admin_client.get(reverse("admin:notices_emergencynotice_history", args=[notice.pk])))
    changes = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", history.split('<ul class="changed-fields">')[1].split("</ul>")[0]))
    # Asia/Tokyo, as staff typed it, not 2026-12-02 01:00:00+00:00; the title told once, not
    # again as 見出し(日本語); the change type in Japanese, not 「Changed」.
    assert changes.split() == "掲出開始 : 令和8年(2026年)12月2日 10:00 → 令和8年(2026年)12月2日 11:00 見出し : 地震による断水 → 続報".split()
    assert "<td>変更</td>" in history and "<td>作成</td>" in history
    assert "Changed" not in history and "日本語" not in changes


def test_the_busy_and_maintenance_pages_read_no_notice(client, settings, django_assert_num_queries):
    EmergencyNoticeFactory(title="避難所の開設")
    settings.PORTAL_MAINTENANCE_FILE.write_text("on")
    with django_assert_num_queries(0):
        response = client.get(reverse("home"))
    assert response.status_code == 503 and "避難所の開設" not in _text(response)


def test_the_notices_in_force_are_an_atom_feed(client):
    EmergencyNoticeFactory(title="避難所の開設", link="")
    EmergencyNoticeFactory(
        title="終わった断水", starts_at=timezone.now() - datetime.timedelta(days=2),
        ends_at=timezone.now() - datetime.timedelta(days=1),
    )
    feed = feedparser.parse(client.get(reverse("feeds:emergency-notices")).content)
    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == ["【災害】避難所の開設"]
    assert feed.entries[0].link.endswith(f"/#emergency-notice-{EmergencyNotice.objects.get(title='避難所の開設').pk}")


def test_english_pages_show_the_notices_english_words_and_japanese_pages_the_japanese(client):
    EmergencyNoticeFactory(
        title="地震による断水", title_en="Water cut after the earthquake",
        text="東区で断水しています。", text_en="There is no running water in Higashi Ward.",
    )

    japanese = _text(client.get(reverse("home")))
    english = _text(client.get("/en/"))

    assert "地震による断水" in japanese and "Water cut after the earthquake" not in japanese
    assert re.search(r'emergency-notice__level">Disaster</span>\s*<span>Water cut after the earthquake', english)
    assert "There is no running water in Higashi Ward." in english
    assert "Emergency information" in english
    assert "地震による断水" not in english and "東区で断水しています。" not in english


def test_a_notice_without_english_shows_its_japanese_on_english_pages(client):
    EmergencyNoticeFactory(title="地震による断水", text="東区で断水しています。")

    english = _text(client.get("/en/"))

    assert "地震による断水" in english and "東区で断水しています。" in english


def test_staff_give_the_english_title_and_text_in_the_admin(admin_client):
    response = admin_client.post(ADD_URL, _notice_form(
        title_en="Water cut after the earthquake", text_en="There is no running water in Higashi Ward.",
    ))

    assert response.status_code == 302, response.context["adminform"].form.errors
    notice = EmergencyNotice.objects.get()
    assert (notice.title_ja, notice.title_en) == ("地震による断水", "Water cut after the earthquake")
    assert (notice.text_ja, notice.text_en) == ("東区で断水しています。", "There is no running water in Higashi Ward.")


@pytest.mark.django_db
def test_a_notice_without_english_is_marked_japanese_on_english_pages(client):
    """Staff publish in Japanese first: the English page shows it, marked lang="ja"."""
    notice = EmergencyNoticeFactory(title="断水のお知らせ", title_en="", text="給水所を開設しました。", text_en="")
    english = client.get("/en/").content.decode()
    assert '<span lang="ja">断水のお知らせ</span>' in english
    assert re.search(r'class="emergency-notice__text" lang="ja">\s*<p>給水所を開設しました。', english)
    notice.title_en, notice.text_en = "Water outage", "Water stations are open."
    notice.save()
    english = client.get("/en/").content.decode()
    assert "Water outage" in english and 'lang="ja">断水' not in english and 'lang="ja"><p>' not in english
    japanese = client.get("/").content.decode()
    assert "断水のお知らせ" in japanese and 'lang="ja">断水' not in japanese


@pytest.mark.parametrize(
    "day, time",
    [
        ("令和8年12月2日", "10:30"),
        ("R8.12.2", "１０：３０"),
        ("２０２６年１２月２日", "10時30分"),
        ("2026-12-02", "10:30:00"),
    ],
)
def test_the_period_is_typed_in_wareki_or_seireki_with_full_width_digits(admin_client, day, time):
    response = admin_client.post(ADD_URL, _notice_form(starts_at_0=day, starts_at_1=time))
    assert response.status_code == 302, response.context["adminform"].form.errors
    starts_at = timezone.localtime(EmergencyNotice.objects.get().starts_at)
    assert (starts_at.date(), starts_at.time()) == (datetime.date(2026, 12, 2), datetime.time(10, 30))


@pytest.mark.parametrize(
    "day, time, message",
    [
        ("令和8年12月", "10:30", "「令和8年12月」には日がありません。日まで入力してください"),
        ("令和8年2月30日", "10:30", "「令和8年2月30日」という日はありません。"),
        ("令和8年12月2日", "25時", "時刻として読めません。10:30 や 10時30分 のように入力してください。"),
        ("令和8年12月2日", "", "日付と時刻の両方を入力してください(例: 令和8年12月2日 10:30)。"),
    ],
)
def test_a_period_that_is_no_day_and_time_is_refused_in_japanese(admin_client, day, time, message):
    response = admin_client.post(ADD_URL, _notice_form(starts_at_0=day, starts_at_1=time))
    assert response.status_code == 200
    assert message in _text(response)
    assert not EmergencyNotice.objects.exists()
