"""Atom feeds: the exchange activities (all cities, or one), the portal's 更新情報 and its 緊急情報.

Feeds are Django's syndication framework with ``Atom1Feed``. The 更新情報 come from the
audit trail and say what changed on which page — never who changed it.

Every feed and entry id is a tag URI (RFC 4151) on the portal's own domain
(``settings.PORTAL_SITE_DOMAIN`` and ``PORTAL_SITE_DOMAIN_DATE``, see ``tag_uri``): the same
whatever host name or scheme a request came by. A feed's id names the feed in its language
(``…:en/feeds/changes.atom``); an entry's names its record, in either language's feed.
"""
import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from audit.history import ChangeRow, load_change_details, recent_changes, record_instance
from core.languages import english_page, label_in_language, model_label
from core.wareki import format_wareki
from exchange.models import ExchangeActivity, PartnerCity
from notices.models import EmergencyNotice
from search.registry import anchor_id

from .pages import page_of, public_models


def tag_uri(specific: str) -> str:
    """A stable Atom id: ``tag:<PORTAL_SITE_DOMAIN>,<PORTAL_SITE_DOMAIN_DATE>:<specific>``.

    ``tag_uri("exchange-activities/42")`` →
    ``tag:portal.example.jp,2026-12-01:exchange-activities/42``; a path's leading ``/`` is
    left out (``/en/feeds/changes.atom`` → ``…:en/feeds/changes.atom``).
    """
    return f"tag:{settings.PORTAL_SITE_DOMAIN},{settings.PORTAL_SITE_DOMAIN_DATE}:{specific.lstrip('/')}"


def start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight of ``day`` in the portal's time zone (Asia/Tokyo), aware."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def activity_anchor(activity) -> str:
    """The address of ``activity``'s row on its city's page."""
    return f"{activity.city.get_absolute_url()}#{anchor_id(activity)}"


class ExchangeActivityFeed(Feed):
    """``/feeds/exchange-activities.atom``: every exchange activity, newest first.

    An entry per activity, dated by the activity's date (the first day of its month when
    the document gives the month only), linked to its row on the city's page.
    """

    feed_type = Atom1Feed
    title = _("熊本市 姉妹・友好都市との交流の記録")
    subtitle = _("熊本市と姉妹・友好都市との主な交流(市政概要)。新しい順。")
    link = reverse_lazy("exchange:activity-list")

    def feed_guid(self):
        return tag_uri(reverse("feeds:activities"))

    def items(self):
        return ExchangeActivity.objects.for_list()

    def item_guid(self, activity):
        return tag_uri(f"exchange-activities/{activity.pk}")

    item_guid_is_permalink = False

    def item_title(self, activity):
        when = format_wareki(activity.date, activity.date_precision)
        return f"{activity.city.name} {when} {activity.get_direction_display()}"

    def item_description(self, activity):
        return activity.description

    def item_link(self, activity):
        return activity_anchor(activity)

    def item_pubdate(self, activity):
        return start_of_day(activity.date)

    def item_updateddate(self, activity):
        return start_of_day(activity.date)

    def item_categories(self, activity):
        return [activity.city.name, activity.get_direction_display()]


class CityActivityFeed(ExchangeActivityFeed):
    """``/feeds/exchange-activities/<slug>.atom``: the activities with one city."""

    def get_object(self, request, slug):
        return get_object_or_404(PartnerCity, slug=slug)

    def title(self, city):
        return _("熊本市と%(city)sとの交流の記録") % {"city": city.name}

    def link(self, city):
        return city.get_absolute_url()

    def feed_guid(self, city):
        return tag_uri(reverse("feeds:city-activities", args=[city.slug]))

    def items(self, city):
        return ExchangeActivity.objects.for_list().filter(city=city)


def changed_labels(model, names) -> list[str]:
    """The labels of the changed fields ``names`` in the active language, each once.

    The columns of one translated field (django-modeltranslation's ``name``, ``name_ja``,
    ``name_en``) are one field to a reader: it is named once, by its own label (都市名,
    ``City``), never by a column's (``name_en``, 都市名(英語)).
    """
    try:
        translated = {
            field.name: base
            for base, fields in translator.get_options_for_model(model).all_fields.items()
            for field in fields
        }
    except NotRegistered:
        translated = {}
    labels = []
    for name in names:
        base = translated.get(name, name)
        label = label_in_language(str(model._meta.get_field(base).verbose_name), base)
        if label not in labels:
            labels.append(label)
    return labels


class PublicChange:
    """One entry of the 更新情報: a change of a record, on its public page; never who made it.

    Its words are the page's language's (``/en/feeds/changes.atom``: English names of the
    kinds of record and of the fields).
    """

    def __init__(self, row: ChangeRow):
        self.row = row
        self.record = record_instance(row.record)

    TITLES = {
        "+": _("%(model)s「%(record)s」を追加しました"),
        "~": _("%(model)s「%(record)s」を更新しました"),
        "-": _("%(model)s「%(record)s」を削除しました"),
    }

    @property
    def title(self):
        return self.TITLES[self.row.history_type] % {"model": model_label(self.row.model), "record": self.record}

    @property
    def description(self):
        if not self.row.changes:
            return ""
        labels = changed_labels(self.row.model, [change.name for change in self.row.changes])
        return _("変更した項目: %(labels)s") % {"labels": (", " if english_page() else "、").join(labels)}

    @property
    def link(self):
        return page_of(self.record, deleted=self.row.history_type == "-")

    @property
    def guid(self):
        """The change's id: the model and its history row (``changes/exchange.partnercity/812``)."""
        return tag_uri(f"changes/{self.row.model._meta.label_lower}/{self.row.history_id}")


class PublicChangeFeed(Feed):
    """``/feeds/changes.atom``: the latest changes of the public records (更新情報).

    The newest ``size`` history rows of the models shown on public pages, each with the
    labels of the fields it changed and the page that shows the record. Rows name no user.
    """

    feed_type = Atom1Feed
    title = _("熊本市 市政概要ポータルの更新情報")
    subtitle = _("公開ページの記録の追加・更新・削除。新しい順。")
    link = reverse_lazy("home")
    size = 50

    def feed_guid(self):
        return tag_uri(reverse("feeds:changes"))

    def items(self):
        queryset = recent_changes(public_models())
        rows = [
            ChangeRow(
                model=apps.get_model(label),
                history_id=history_id,
                object_id=object_id,
                history_date=date,
                history_type=kind,
                user_id=None,
                division_id=None,
            )
            for label, history_id, object_id, date, kind, _user, _division in queryset[: self.size]
        ]
        load_change_details(rows)
        return [PublicChange(row) for row in rows if row.record is not None]

    def item_title(self, change):
        return change.title

    def item_description(self, change):
        return change.description

    def item_link(self, change):
        return change.link

    def item_guid(self, change):
        return change.guid

    item_guid_is_permalink = False

    def item_pubdate(self, change):
        return change.row.history_date

    def item_updateddate(self, change):
        return change.row.history_date


class EmergencyNoticeFeed(Feed):
    """``/feeds/emergency-notices.atom``: the 緊急情報 in force, most urgent first.

    A feed reader or another site's page learns of a notice as soon as it is switched on;
    one that has ended leaves the feed (its history stays in the admin).
    """

    feed_type = Atom1Feed
    title = _("熊本市 市政概要ポータル 緊急情報")
    subtitle = _("いま掲出中の緊急情報(災害・重要・お知らせ)。")
    link = reverse_lazy("home")

    def feed_guid(self):
        return tag_uri(reverse("feeds:emergency-notices"))

    def items(self):
        return EmergencyNotice.objects.in_force()

    def item_title(self, notice):
        return _("【%(level)s】%(title)s") % {"level": notice.get_level_display(), "title": notice.title}

    def item_description(self, notice):
        return notice.text

    def item_link(self, notice):
        return notice.link or f"{reverse('home')}#emergency-notice-{notice.pk}"

    def item_guid(self, notice):
        return tag_uri(f"emergency-notices/{notice.pk}")

    item_guid_is_permalink = False

    def item_pubdate(self, notice):
        return notice.starts_at

    def item_updateddate(self, notice):
        return notice.starts_at

    def item_categories(self, notice):
        return [notice.get_level_display()]
